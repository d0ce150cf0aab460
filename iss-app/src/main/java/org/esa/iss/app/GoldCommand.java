package org.esa.iss.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import org.esa.iss.domain.OrbitOptions;
import org.esa.iss.domain.WindowSpec;
import org.esa.iss.ports.RefineOptions;
import org.esa.iss.ports.RefineService;
import org.esa.iss.ports.in.RefineSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code iss gold}: bronze to the gold tables, exactly once. */
@Command(name = "gold", mixinStandardHelpOptions = true,
        description = "Refine bronze into gold: altitude windows (max/min per event-time window) and orbits (apogee/perigee).")
final class GoldCommand implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "Root of the tables (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--until-caught-up", description = "Consume bronze up to its latest version at start, commit, print a summary and exit.")
    boolean untilCaughtUp;

    @Mixin
    WindowOptions windows;

    @Override
    public Integer call() throws InterruptedException {
        RefineOptions options = windows.refineOptions();
        DataLayout layout = new DataLayout(dataDir);
        RefineService refiner = Stages.refiner(layout, options, window -> { });
        Shutdown.Hook hook = Shutdown.onSignal(refiner::stop);
        Path bronze = Path.of(layout.bronze()).toAbsolutePath();
        if (!DataLayout.holdsTable(bronze)) {
            System.err.println("gold: no bronze table at " + bronze + (untilCaughtUp
                    ? ", so nothing to refine; `iss bronze` writes it (or check --data-dir)"
                    : " yet; waiting for `iss bronze` to write one (or check --data-dir; Ctrl-C to stop)"));
        }
        RefineSummary summary;
        try (ProgressReport progress = ProgressReport.ofStage(untilCaughtUp,
                () -> refiner.progress().fixes(), () -> describe(refiner.progress()))) {
            summary = refiner.run(untilCaughtUp);
        }
        System.out.println(describe(summary)); // before done: a signal's hook ends the process once released
        Shutdown.done(hook);
        return 0;
    }

    static String describe(RefineSummary s) {
        return String.format("gold: bronze version %d, %,d fixes, %,d windows, %,d orbits, %,d late, %s%,d commits in %.1f s (%,.0f fixes/s)",
                s.bronzeVersion(), s.fixes(), s.windows(), s.orbits(), s.lateEvents(),
                s.aheadEvents() == 0 ? "" : String.format("%,d ahead of their time (left out), ", s.aheadEvents()),
                s.commits(), s.elapsed().toMillis() / 1000.0, s.fixesPerSecond());
    }

    /** The window definition and satellite filter; the defaults reproduce the original system. */
    static final class WindowOptions {
        private static final Duration MIN_WINDOW = Duration.ofNanos(1_000);

        @Option(names = "--window-size", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
                description = "Tumbling event-time window (default: ${DEFAULT-VALUE}).")
        Duration windowSize;

        @Option(names = "--watermark-delay", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
                description = "How far the watermark trails the newest event (default: ${DEFAULT-VALUE}).")
        Duration watermarkDelay;

        @Option(names = "--satellite", paramLabel = "ID", defaultValue = "0", description = "Refine only this NORAD id; 0 = all (default: ${DEFAULT-VALUE}).")
        long satellite;

        @Option(names = "--max-event-lead", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
                description = "Leave out of gold a fix more than this ahead of when bronze received it and of the newest fix"
                        + " taken, with no other fix of its bronze version near it (a garbled timestamp that would hold the"
                        + " watermark in the future); it stays in bronze (default: ${DEFAULT-VALUE}).")
        Duration maxEventLead;

        @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec spec;

        /** The options, or a usage error naming the option out of range. */
        RefineOptions refineOptions() {
            if (windowSize.compareTo(MIN_WINDOW) < 0) {
                throw OptionChecks.invalid(spec, "--window-size", "must be at least one microsecond (the tables' resolution)",
                        DurationConverter.format(windowSize));
            }
            OptionChecks.atLeast(spec, "--watermark-delay", watermarkDelay, Duration.ZERO);
            OptionChecks.atLeast(spec, "--satellite", satellite, 0);
            OptionChecks.atLeast(spec, "--max-event-lead", maxEventLead, Duration.ZERO);
            // the domain's own rules (whole microseconds, no longer than the times a fix can have), as usage errors
            requireWindowSpec("--window-size", windowSize, () -> new WindowSpec(windowSize, Duration.ZERO));
            requireWindowSpec("--watermark-delay", watermarkDelay, () -> new WindowSpec(MIN_WINDOW, watermarkDelay));
            return new RefineOptions(new WindowSpec(windowSize, watermarkDelay), OrbitOptions.DEFAULT, satellite,
                    RefineOptions.DEFAULT.pollInterval(), RefineOptions.DEFAULT.maxVersionsPerCommit(), maxEventLead);
        }

        private void requireWindowSpec(String option, Duration value, Supplier<WindowSpec> spec) {
            try {
                spec.get();
            } catch (IllegalArgumentException e) {
                throw OptionChecks.rejected(this.spec, option, e.getMessage(), DurationConverter.format(value));
            }
        }
    }
}
