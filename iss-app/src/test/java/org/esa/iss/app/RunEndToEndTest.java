package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.esa.iss.adapter.delta.DeltaBronzeChangeLog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-command promise, as a user would see it: {@code iss run --source simulator} in its own process
 * on free ports, windows appear in gold and on the API, SIGTERM stops it with status 0, and every record
 * the poller published is in bronze.
 */
@Tag("slow")
class RunEndToEndTest {
    private static final Pattern DASHBOARD = Pattern.compile("dashboard=(http://[^ ]+/)");
    private static final Pattern PUBLISHED = Pattern.compile("iss run stopped: (\\d+) published, (\\d+) delivered; bronze: ([\\d,]+) rows");

    @TempDir
    Path work;

    @Test
    void runServesWindowsAndLosesNothingOnSigterm() throws Exception {
        IssCli iss = new IssCli(work);
        Path dataDir = work.resolve("data");
        Process process = iss.start("run", List.of("run", "--source", "simulator", "--data-dir", dataDir.toString(),
                "--kafka-port", "0", "--http-port", "0"));
        try {
            String base = await().atMost(Duration.ofSeconds(90)).until(() -> dashboardUrl(stdout()), url -> url != null);
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(
                    () -> http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/altitude/max")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            String max = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/altitude/max")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(max).contains("\"altitude_km\":4");
        } finally {
            process.destroy(); // SIGTERM
        }
        // longer than the shutdown hook's 120 s grace, so that a stuck stop shows its own message, not this timeout
        int status = iss.awaitExit(process, "run", Duration.ofSeconds(150));
        assertThat(status).as("exit status after SIGTERM; stderr:\n%s", iss.tail("run.err")).isZero();
        List<String> stdout = stdout();

        Matcher summary = stdout.stream().map(PUBLISHED::matcher).filter(Matcher::find).findFirst()
                .orElseThrow(() -> new AssertionError("no shutdown summary in " + stdout + "; stderr:\n" + iss.tail("run.err")));
        long published = Long.parseLong(summary.group(1));
        assertThat(Long.parseLong(summary.group(2))).as("delivered").isEqualTo(published);
        assertThat(published).isPositive();
        DeltaBronzeChangeLog bronze = new DeltaBronzeChangeLog(dataDir.resolve("delta/bronze/iss_telemetry").toString());
        long rows = 0;
        for (long version = 0; version <= bronze.latestVersion(); version++) {
            rows += bronze.fixesAddedIn(version).size();
        }
        assertThat(rows).as("rows in bronze").isEqualTo(published);
    }

    private List<String> stdout() throws IOException {
        return Files.readAllLines(work.resolve("run.out"));
    }

    private static String dashboardUrl(List<String> stdout) {
        return stdout.stream().map(DASHBOARD::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst().orElse(null);
    }
}
