package org.esa.iss.app;

import java.util.List;
import org.esa.iss.ports.RefineOptions;
import org.esa.iss.ports.in.RefineSummary;

/** {@code iss gold --until-caught-up} over the bronze table the bronze phase wrote, default windows. */
final class GoldPhase implements BenchPhase {
    @Override
    public String name() {
        return "gold";
    }

    @Override
    public String reads() {
        return "bronze";
    }

    @Override
    public List<Metric> run(BenchRun run) throws InterruptedException {
        RefineSummary summary = Stages.refiner(run.backlogTables(), RefineOptions.DEFAULT, window -> { }).run(true);
        return List.of(
                new Metric("rows", summary.fixes(), ""),
                new Metric("rate", summary.fixesPerSecond(), "rows/s"),
                new Metric("bronze versions", summary.bronzeVersion() + 1, ""),
                new Metric("windows", summary.windows(), ""),
                new Metric("orbits", summary.orbits(), ""),
                new Metric("commits", summary.commits(), ""));
    }
}
