package org.esa.iss.app;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.esa.iss.adapter.delta.DeltaCompaction;
import org.esa.iss.adapter.delta.DeltaTableOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code iss compact}: merges a table's small files (dataChange=false; content and offsets unchanged). */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = "Rewrite the small files of each partition of a Delta table into few large ones.")
final class CompactCommand implements Callable<Integer> {

    @CommandLine.Mixin
    MaintainedTable table;

    @Option(names = "--target-file-size", paramLabel = "SIZE", defaultValue = "128MB",
            description = "Files below this size are merged into files of about this size (e.g. 64MB, 1GB). Default: ${DEFAULT-VALUE}.")
    String targetFileSize;

    /** The smallest target {@link DeltaCompaction.Options} accepts. */
    private static final long MIN_TARGET_BYTES = 1 << 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        long target;
        try {
            target = bytes(targetFileSize);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw OptionChecks.invalid(spec, "--target-file-size", "must be a size such as 64MB or 1GB", targetFileSize);
        }
        if (target < MIN_TARGET_BYTES) {
            throw OptionChecks.invalid(spec, "--target-file-size", "must be at least 1MB", targetFileSize);
        }
        DeltaCompaction compaction = new DeltaCompaction(table.directory(spec), DeltaTableOptions.defaults(), new DeltaCompaction.Options(target, 2));
        PrintWriter out = spec.commandLine().getOut();
        DeltaCompaction.Result result;
        try (ProgressReport progress = ProgressReport.whileWaitedFor(() -> compaction.progress().filesMerged(),
                () -> describe(compaction.progress()))) {
            result = compaction.compact();
        }
        if (result.version() < 0) {
            out.printf("%s: nothing to compact%n", result.table());
        } else {
            out.printf("%s: %d files -> %d (%,d rows rewritten), version %d%n", result.table(),
                    result.filesRemoved(), result.filesAdded(), result.rowsRewritten(), result.version());
        }
        out.flush();
        return 0;
    }

    /** "iss_telemetry: 1,200 of 4,380 small files merged". */
    static String describe(DeltaCompaction.Progress progress) {
        return String.format("%s: %,d of %,d small files merged", progress.table(), progress.filesMerged(), progress.filesPlanned());
    }

    /** {@code 123}, {@code 64KB}, {@code 128MB}, {@code 1GB} (binary multiples). */
    static long bytes(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace("IB", "B");
        long unit = 1;
        for (String[] suffix : new String[][] {{"KB", "10"}, {"MB", "20"}, {"GB", "30"}, {"K", "10"}, {"M", "20"}, {"G", "30"}, {"B", "0"}}) {
            if (t.endsWith(suffix[0])) {
                unit = 1L << Integer.parseInt(suffix[1]);
                t = t.substring(0, t.length() - suffix[0].length()).trim();
                break;
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (try 128MB)", e);
        }
    }
}
