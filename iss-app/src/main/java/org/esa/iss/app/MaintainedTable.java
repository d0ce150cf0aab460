package org.esa.iss.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The one table a maintenance command works on: {@code --table} of the tables under {@code --data-dir} (the
 * directory {@code run}, {@code bronze} and {@code gold} were given), or any table's directory by {@code --table-dir}.
 */
final class MaintainedTable {
    private static final Map<String, Function<DataLayout, String>> TABLES = Map.of(
            "bronze", DataLayout::bronze, "quarantine", DataLayout::quarantine,
            "windows", DataLayout::windows, "orbits", DataLayout::orbits);

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Root of the tables, as given to run, bronze and gold (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--table", paramLabel = "NAME", defaultValue = "bronze",
            description = "Which table under --data-dir: bronze, quarantine, windows or orbits (default: ${DEFAULT-VALUE}).")
    String table;

    @Option(names = "--table-dir", paramLabel = "DIR",
            description = "A table's own directory, instead of --data-dir and --table.")
    Path tableDir;

    /** The table's directory; a usage error (exit 2) when the options name none, or a directory without a table. */
    String directory(CommandSpec command) {
        Path dir;
        if (tableDir != null) {
            dir = tableDir;
        } else {
            Function<DataLayout, String> path = TABLES.get(table);
            if (path == null) {
                throw OptionChecks.invalid(command, "--table", "expected bronze, quarantine, windows or orbits", "'" + table + "'");
            }
            dir = Path.of(path.apply(new DataLayout(dataDir)));
        }
        if (!DataLayout.holdsTable(dir)) {
            String option = tableDir != null ? "--table-dir" : "--data-dir";
            throw OptionChecks.rejected(command, option, "no Delta table at " + dir.toAbsolutePath() + "; pass the --data-dir"
                    + " that iss run, bronze or gold were given (and --table), or a table's --table-dir", dir);
        }
        return dir.toString();
    }
}
