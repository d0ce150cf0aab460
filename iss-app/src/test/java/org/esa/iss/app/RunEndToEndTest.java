package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.data.CloseableIterator;
import io.delta.standalone.data.RowRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.apache.hadoop.conf.Configuration;
import org.esa.iss.adapter.delta.DeltaAltitudeHistory;
import org.esa.iss.adapter.delta.DeltaBronzeChangeLog;
import org.esa.iss.adapter.http.QueryApiJson;
import org.esa.iss.domain.AltitudeWindow;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-command promise, as a user would see it: {@code iss run --source simulator} in its own process
 * on free ports, windows appear in gold and on the API (which serves what gold holds), SIGTERM stops it with
 * status 0, and every record the poller published is in bronze, each Kafka offset once.
 */
@Tag("slow")
class RunEndToEndTest {
    private static final Pattern DASHBOARD = Pattern.compile("dashboard=(http://[^ ]+/)");
    private static final Pattern NEWEST_START = Pattern.compile("\"start\":\"([^\"]+)\"");
    private static final Pattern PUBLISHED = Pattern.compile("iss run stopped: (\\d+) published, (\\d+) delivered; bronze: ([\\d,]+) rows");

    @TempDir
    Path work;

    @Test
    void runServesWindowsAndLosesNothingOnSigterm() throws Exception {
        IssCli iss = new IssCli(work);
        String windowsServed;
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
            windowsServed = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/altitude/windows")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
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
        assertEveryOffsetOnce(dataDir.resolve("delta/bronze/iss_telemetry"), published);

        // What the API served is what gold holds: its newest windows up to the newest one served, newest first.
        Matcher newest = NEWEST_START.matcher(windowsServed);
        assertThat(newest.find()).as("windows served: %s", windowsServed).isTrue();
        Instant newestServed = Instant.parse(newest.group(1));
        List<AltitudeWindow> gold = new DeltaAltitudeHistory(dataDir.resolve("delta/gold/altitude_windows").toString(),
                dataDir.resolve("delta/gold/orbits").toString()).allWindows().stream()
                .filter(w -> !w.start().isAfter(newestServed))
                .sorted(Comparator.comparing(AltitudeWindow::start).reversed())
                .limit(100)
                .toList();
        assertThat(windowsServed).isEqualTo(QueryApiJson.windows(gold));
    }

    /** Every Kafka offset of every partition, from 0 on, is in bronze once, and there are {@code published} of them. */
    private static void assertEveryOffsetOnce(Path bronzeTable, long published) throws IOException {
        Map<Integer, List<Long>> offsets = new TreeMap<>();
        try (CloseableIterator<RowRecord> rows = DeltaLog.forTable(new Configuration(), bronzeTable.toString()).update().open()) {
            while (rows.hasNext()) {
                RowRecord row = rows.next();
                offsets.computeIfAbsent(row.getInt("kafka_partition"), p -> new ArrayList<>()).add(row.getLong("kafka_offset"));
            }
        }
        long total = 0;
        for (Map.Entry<Integer, List<Long>> partition : offsets.entrySet()) {
            List<Long> sorted = partition.getValue().stream().sorted().toList();
            assertThat(sorted).as("offsets of partition %d", partition.getKey())
                    .isEqualTo(LongStream.range(0, sorted.size()).boxed().toList());
            total += sorted.size();
        }
        assertThat(total).as("offsets in bronze").isEqualTo(published);
    }

    private List<String> stdout() throws IOException {
        return Files.readAllLines(work.resolve("run.out"));
    }

    private static String dashboardUrl(List<String> stdout) {
        return stdout.stream().map(DASHBOARD::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst().orElse(null);
    }
}
