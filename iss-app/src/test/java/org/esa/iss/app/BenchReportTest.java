package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.esa.iss.app.BenchPhase.Metric;
import org.esa.iss.app.BenchReport.PhaseResult;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    private static List<PhaseResult> run(double publishRate, double bronzeRate) {
        return List.of(
                new PhaseResult("publish", List.of(new Metric("rate", publishRate, "msgs/s")), new PhaseMeter.Usage(2, 3, 500)),
                new PhaseResult("bronze", List.of(new Metric("rows", 1000, ""), new Metric("rate", bronzeRate, "rows/s")),
                        new PhaseMeter.Usage(1, 2, 600)));
    }

    @Test
    void mediansLeaveWarmupsOutButTheColdRunIsShown() {
        BenchReport report = new BenchReport(Map.of("records", 1000));
        report.addWarmup(run(100_000, 50_000));
        report.addWarmup(run(200_000, 150_000));
        report.addRun(run(500_000, 600_000));
        report.addRun(run(700_000, 400_000));
        report.addRun(run(600_000, 800_000));

        List<PhaseResult> medians = report.medians();
        assertThat(medians.get(0).metrics().get(0).value()).isEqualTo(600_000);
        assertThat(medians.get(1).metrics().get(1).value()).isEqualTo(600_000);

        String table = report.table();
        assertThat(table).contains("values are medians of 3 runs")
                .contains("after 2 warm-up runs of the backlog phases, not in the values; the first, in a cold JVM:"
                        + " publish 100,000 msgs/s, bronze 50,000 rows/s");
        assertThat(report.json())
                .contains("\"warmup_runs\": [\n    {\n      \"publish\": {\"wall_s\": 2, \"cpu_s\": 3, \"peak_rss_mib\": 500,"
                        + " \"rate_msgs_per_s\": 100000}")
                .contains("\"runs\": [\n    {\n      \"publish\": {\"wall_s\": 2, \"cpu_s\": 3, \"peak_rss_mib\": 500,"
                        + " \"rate_msgs_per_s\": 500000}");
    }

    @Test
    void withoutWarmupsTheTableSaysNothingAboutThemAndTheJsonListIsEmpty() {
        BenchReport report = new BenchReport(Map.of("records", 1000));
        report.addRun(run(500_000, 600_000));

        assertThat(report.table()).contains("one run").doesNotContain("warm-up");
        assertThat(report.json()).contains("\"warmup_runs\": []");
    }
}
