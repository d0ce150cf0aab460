package org.esa.iss.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.esa.iss.adapter.delta.DeltaVacuum;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code iss vacuum}: deletes files a table no longer references, past the retention. */
@Command(name = "vacuum", mixinStandardHelpOptions = true,
        description = "Delete data files the current snapshot of a Delta table does not reference, written and (as far as its log tells) removed longer ago than the retention; of bronze, it keeps those gold has not read yet.")
final class VacuumCommand implements Callable<Integer> {
    /** Longer than any commit takes from writing its first file to landing, a compaction of large files included. */
    static final Duration SHORTEST_RETENTION = Duration.ofHours(1);

    @CommandLine.Mixin
    MaintainedTable table;

    @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "7d", converter = DurationConverter.class,
            description = "Minimum age of a file to delete (e.g. 7d, 12h; at least 1h). Default: ${DEFAULT-VALUE}.")
    Duration retention;

    @Option(names = "--dry-run", description = "List what would be deleted; delete nothing.")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OptionChecks.atLeast(spec, "--retention", retention, SHORTEST_RETENTION,
                ": a younger file may belong to a commit (an append, a compaction) still being written");
        PrintWriter out = spec.commandLine().getOut();
        DeltaVacuum.Result result = new DeltaVacuum(table.directory(spec), new DeltaVacuum.Options(retention, dryRun),
                Clock.systemUTC()).vacuum();
        for (String file : result.files()) {
            out.println((result.dryRun() ? "would delete " : "deleted ") + file);
        }
        out.printf("%s %d files, %,d bytes%n", result.dryRun() ? "would delete" : "deleted", result.files().size(),
                result.bytes());
        out.flush();
        return 0;
    }
}
