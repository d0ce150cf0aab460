package org.esa.iss.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

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

    /**
     * The table's directory; a usage error (exit 2) when the options name none, or a directory without a table.
     * Typed options win over defaults from the environment or a config file: a typed {@code --table} or
     * {@code --data-dir} over a configured {@code --table-dir}; typing both ways at once is refused.
     */
    String directory(CommandSpec command) {
        ParseResult typed = command.commandLine().getParseResult();
        boolean byName = typed.hasMatchedOption("--table") || typed.hasMatchedOption("--data-dir");
        if (byName && typed.hasMatchedOption("--table-dir")) {
            throw OptionChecks.rejected(command, "--table-dir", "names a table's directory itself: give it, or --data-dir"
                    + " and --table, not both", tableDir);
        }
        Path dir;
        String option;
        if (tableDir != null && !byName) {
            dir = tableDir;
            option = "--table-dir";
        } else {
            Function<DataLayout, String> path = TABLES.get(table);
            if (path == null) {
                throw OptionChecks.invalid(command, "--table", "expected bronze, quarantine, windows or orbits", "'" + table + "'");
            }
            dir = Path.of(path.apply(new DataLayout(dataDir)));
            option = typed.hasMatchedOption("--table") ? "--table" : "--data-dir";
        }
        if (!DataLayout.holdsTable(dir)) {
            String gold = "windows".equals(table) || "orbits".equals(table) ? " (gold tables appear once iss gold or iss run"
                    + " has refined bronze)" : "";
            throw OptionChecks.rejected(command, option, "no Delta table at " + dir.toAbsolutePath() + gold + "; pass the"
                    + " --data-dir that iss run, bronze or gold were given (and --table), or a table's --table-dir", dir);
        }
        return dir.toString();
    }
}
