package org.esa.iss.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.esa.iss.adapter.kafka.EmbeddedBrokerOptions;
import org.esa.iss.adapter.kafka.EmbeddedKafkaBroker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code iss bench}: one command, one report. On embedded brokers, publishes a simulated backlog, ingests it
 * into bronze, refines it into gold, queries the API, then runs the live path for a while; each backlog phase
 * on the output of the one before, with its wall time, CPU time and peak resident memory. Warm-up runs of the
 * backlog phases come first and are left out of the medians, so that the figures are those of compiled code.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the pipeline on an embedded broker: publish rate, bronze and gold throughput, query latency,"
                + " live poll-to-bronze and poll-to-window latency, CPU and memory per phase.",
                "Backlog phases run in the order publish,bronze,gold,query, each on what the previous one wrote; the live phases"
                        + " of all runs follow the backlog phases of all runs."})
final class BenchCommand implements Callable<Integer> {
    /** Every phase, in the order they run. */
    static final List<BenchPhase> PHASES = List.of(
            new PublishPhase(), new BronzePhase(), new GoldPhase(), new QueryPhase(), new LivePhase());
    /**
     * Before each phase, until the JIT compilers are idle for this long (at most {@link #SETTLE_AT_MOST}): compilations
     * queued by starting the broker or by the phase before would otherwise run during the phase and be charged to it.
     */
    private static final Duration SETTLE_WINDOW = Duration.ofMillis(200);
    private static final Duration SETTLE_AT_MOST = Duration.ofSeconds(5);

    @Option(names = "--records", paramLabel = "N", defaultValue = "1000000", description = "Backlog records to publish (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "1", description = "Partitions of the topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--phases", paramLabel = "PHASE", defaultValue = "publish,bronze,gold,query,live", split = ",",
            description = "Which phases to run (default: ${DEFAULT-VALUE}).")
    List<String> phases;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Runs, each on a fresh broker and tables; the report shows medians (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
            description = {"Warm-up runs of the backlog phases before the others, each on a fresh broker and tables, left out"
                    + " of the medians (default: ${DEFAULT-VALUE}). A fresh JVM spends several CPU seconds of its first two"
                    + " runs compiling the hot paths; the first warm-up's rates are reported on a line of their own."})
    int warmup;

    @Option(names = "--queries", paramLabel = "N", defaultValue = "1000", description = "Requests timed in the query phase, within at most 60 s (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--live-seconds", paramLabel = "N", defaultValue = "60", description = "Length of the live phase at 2 Hz (default: ${DEFAULT-VALUE}).")
    int liveSeconds;

    @Option(names = "--live-warmup", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "Observations polled this early in the live phase are not counted (default: ${DEFAULT-VALUE}).")
    Duration liveWarmup;

    // Not --data-dir: this directory is the bench's own scratch space, and an ISS_DATA_DIR meant for the stages
    // must not point the bench at real tables.
    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where the bench's brokers and tables live, a new or empty directory; kept afterwards. Default: a temporary directory, deleted afterwards.")
    Path workDir;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<BenchPhase> selected = selectedPhases();
        OptionChecks.atLeast(spec, "--records", records, 1);
        OptionChecks.atLeast(spec, "--partitions", partitions, 1);
        OptionChecks.atLeast(spec, "--repeat", repeat, 1);
        OptionChecks.atLeast(spec, "--warmup", warmup, 0);
        OptionChecks.atLeast(spec, "--queries", queries, 1);
        OptionChecks.atLeast(spec, "--live-seconds", liveSeconds, 1);
        if (workDir != null) {
            requireNewOrEmpty(workDir);
        }
        if (json != null) {
            requireWritableFile(json);
        }
        List<BenchPhase> backlog = selected.stream().filter(BenchPhase::backlog).toList();
        Path root = workDir != null ? workDir : Files.createTempDirectory("iss-bench-");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("records", records);
        settings.put("partitions", partitions);
        settings.put("phases", String.join(",", selected.stream().map(BenchPhase::name).toList()));
        settings.put("repeat", repeat);
        settings.put("warmup", backlog.isEmpty() ? 0 : warmup);
        settings.put("live_seconds", liveSeconds);
        settings.put("cpus", Runtime.getRuntime().availableProcessors());
        settings.put("java", Runtime.version().toString());
        BenchReport report = new BenchReport(settings);
        try (PhaseMeter meter = new PhaseMeter()) {
            if (!backlog.isEmpty()) {
                warmUp(backlog, root, report, meter);
            }
            measure(selected, backlog, root, meter).forEach(report::addRun);
        } finally {
            if (workDir == null) {
                deleteRecursively(root);
            }
        }
        report.processPeakRssMib(PhaseMeter.highWaterMib());
        System.out.print(report.table());
        if (json != null) {
            Files.createDirectories(json.toAbsolutePath().getParent());
            Files.writeString(json, report.json());
            System.out.println("report written to " + json.toAbsolutePath());
        }
        return 0;
    }

    /**
     * Every run must start on a fresh broker and tables: in a directory an earlier bench left, the broker would
     * find its topic and the ingester its table, and the run would add to both (its rows/s still right, its files
     * and bytes on disk not). Nothing in the directory is deleted; the user decides.
     */
    private void requireNewOrEmpty(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw OptionChecks.invalid(spec, "--work-dir", "must be a directory, not a file", dir);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw OptionChecks.rejected(spec, "--work-dir", dir + " is not empty, and each run needs a fresh broker "
                        + "and tables (it would add to an earlier run's); remove its contents or name another directory", dir);
            }
        }
    }

    /**
     * The report is written after minutes of work: a file that could not be written must be refused now. Its
     * directory may be new (inside --work-dir, say); the nearest one that exists must be writable.
     */
    private void requireWritableFile(Path file) {
        if (Files.isDirectory(file)) {
            throw OptionChecks.invalid(spec, "--json", "must name a file, not a directory", file);
        }
        Path existing = file.toAbsolutePath().getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)
                || Files.exists(file) && !Files.isWritable(file)) {
            throw OptionChecks.invalid(spec, "--json", "must name a file this user may write, under a directory", file);
        }
    }

    private void warmUp(List<BenchPhase> backlog, Path root, BenchReport report, PhaseMeter meter) throws Exception {
        for (int w = 1; w <= warmup; w++) {
            Path warmupDir = root.resolve("warmup-" + w);
            try {
                deleteRecursively(warmupDir);
                report.addWarmup(runOnce(backlog, warmupDir, "warm-up " + w + "/" + warmup, meter));
            } finally {
                deleteRecursively(warmupDir);
            }
        }
    }

    /** Every run's backlog phases, then every run's paced ones; per run, its results in the order of the phases. */
    private List<List<BenchReport.PhaseResult>> measure(List<BenchPhase> selected, List<BenchPhase> backlog, Path root,
                                                        PhaseMeter meter) throws Exception {
        List<List<BenchReport.PhaseResult>> runs = new ArrayList<>();
        for (int r = 1; r <= repeat; r++) {
            runs.add(runOnce(backlog, runDir(root, r), "run " + r + "/" + repeat, meter));
        }
        // Backlog runs follow each other directly, as the warm-ups before them do, so that each one measures the
        // same warmed-up code; the live phases are paced by the clock and do not depend on what ran before them.
        List<BenchPhase> paced = selected.stream().filter(phase -> !phase.backlog()).toList();
        for (int r = 1; r <= repeat; r++) {
            runs.get(r - 1).addAll(runOnce(paced, runDir(root, r).resolve("paced"), "run " + r + "/" + repeat, meter));
        }
        return runs;
    }

    private Path runDir(Path root, int run) {
        return repeat == 1 ? root : root.resolve("run-" + run);
    }

    /** Runs the phases in order on a broker of their own; none, when there are none. */
    private List<BenchReport.PhaseResult> runOnce(List<BenchPhase> selected, Path runDir, String runName, PhaseMeter meter)
            throws Exception {
        List<BenchReport.PhaseResult> results = new ArrayList<>();
        if (selected.isEmpty()) {
            return results;
        }
        DataLayout layout = new DataLayout(runDir);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                EmbeddedBrokerOptions.anyFreePort(layout.kafka()).withPartitions(partitions))) {
            BenchRun run = new BenchRun(broker.bootstrapServers(), runDir, partitions, records, queries,
                    Duration.ofSeconds(liveSeconds), liveWarmup);
            for (BenchPhase phase : selected) {
                phase.prepare(run);
                if (!CompilerSettle.await(SETTLE_WINDOW, SETTLE_AT_MOST).idle()) {
                    System.err.printf("iss bench: the JIT compilers are still busy after %d s; measuring anyway%n",
                            SETTLE_AT_MOST.toSeconds());
                }
                System.err.printf("iss bench: %s, phase %s ...%n", runName, phase.name());
                meter.begin();
                List<BenchPhase.Metric> metrics = phase.run(run);
                PhaseMeter.Usage usage = meter.end();
                results.add(new BenchReport.PhaseResult(phase.name(), metrics, usage));
                System.err.printf("iss bench: %s done in %.1f s%n", phase.name(), usage.wallSeconds());
            }
        }
        return results;
    }

    private List<BenchPhase> selectedPhases() {
        List<String> known = PHASES.stream().map(BenchPhase::name).toList();
        for (String name : phases) {
            if (!known.contains(name.trim())) {
                throw OptionChecks.invalid(spec, "--phases", "expected some of " + String.join(",", known), "'" + name + "'");
            }
        }
        List<BenchPhase> selected = PHASES.stream().filter(p -> phases.stream().anyMatch(n -> n.trim().equals(p.name()))).toList();
        if (selected.isEmpty()) {
            throw OptionChecks.invalid(spec, "--phases", "name at least one of " + String.join(",", known), "none");
        }
        for (BenchPhase phase : selected) {
            if (phase.reads() != null && selected.stream().noneMatch(p -> p.name().equals(phase.reads()))) {
                throw OptionChecks.invalid(spec, "--phases", phase.name() + " reads what " + phase.reads()
                        + " writes in the same run; add " + phase.reads(), String.join(",", phases));
            }
        }
        return selected;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
