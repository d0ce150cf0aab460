package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private static JsonNode parsed(BenchReport report) throws Exception {
        return new ObjectMapper().readTree(report.json());
    }

    @Test
    void mediansLeaveWarmupsOutButTheColdRunIsShown() throws Exception {
        BenchReport report = new BenchReport(Map.of("records", 1000));
        report.addWarmup(run(100_000, 50_000));
        report.addWarmup(run(200_000, 150_000));
        report.addRun(run(500_000, 600_000));
        report.addRun(run(700_000, 400_000));
        report.addRun(run(600_000, 800_000));

        List<PhaseResult> medians = report.medians();
        assertThat(medians.get(0).metrics().get(0).value()).isEqualTo(600_000);
        assertThat(medians.get(1).metrics().get(1).value()).isEqualTo(600_000);
        assertThat(report.table()).contains("values are medians of 3 runs")
                .contains("after 2 warm-up runs of the backlog phases, not in the values; the first, in a cold JVM:"
                        + " publish 100,000 msgs/s, bronze 50,000 rows/s");

        JsonNode json = parsed(report);
        assertThat(json.get("warmup_runs")).hasSize(2);
        assertThat(json.get("warmup_runs").get(1).get("bronze").get("rate_rows_per_s").asDouble()).isEqualTo(150_000);
        assertThat(json.get("runs")).hasSize(3);
        assertThat(json.get("runs").get(1).get("publish").get("rate_msgs_per_s").asDouble()).isEqualTo(700_000);
        assertThat(json.get("median").get("bronze").get("rate_rows_per_s").asDouble()).isEqualTo(600_000);
        assertThat(json.get("median").get("bronze").get("wall_s").asDouble()).isEqualTo(1);
    }

    @Test
    void withoutWarmupsTheTableSaysNothingAboutThemAndTheJsonListIsEmpty() throws Exception {
        BenchReport report = new BenchReport(Map.of("records", 1000));
        report.addRun(run(500_000, 600_000));

        assertThat(report.table()).contains("one run").doesNotContain("warm-up");
        JsonNode json = parsed(report);
        assertThat(json.get("warmup_runs").isArray()).isTrue();
        assertThat(json.get("warmup_runs")).isEmpty();
        assertThat(json.get("runs")).hasSize(1);
        assertThat(json.get("settings").get("records").asInt()).isEqualTo(1000);
    }

    @Test
    void warmupsWithoutRatesAreMentionedWithoutAColdLine() throws Exception {
        BenchReport report = new BenchReport(Map.of("records", 1000));
        List<PhaseResult> queryOnly = List.of(new PhaseResult("query", List.of(new Metric("p99", 9.5, "ms")),
                new PhaseMeter.Usage(1, 1, 100)));
        report.addWarmup(queryOnly);
        report.addRun(queryOnly);

        assertThat(report.table()).contains("after 1 warm-up run of the backlog phases, not in the values\n")
                .doesNotContain("cold JVM");
        assertThat(parsed(report).get("warmup_runs").get(0).get("query").get("p99_ms").asDouble()).isEqualTo(9.5);
    }
}
