package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    private static int occurrences(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    @Test
    void warmupRunsTheBacklogPhasesApartAndTheMeasuredRunHasEveryPhase(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        int status = IssCommand.execute(new String[] {"bench", "--records", "3000", "--phases", "publish,bronze",
                "--warmup", "1", "--data-dir", dir.resolve("data").toString(), "--json", json.toString()}, Map.of());

        assertThat(status).isZero();
        String report = Files.readString(json);
        String warmups = report.substring(report.indexOf("\"warmup_runs\""), report.indexOf("\"runs\""));
        String runs = report.substring(report.indexOf("\"runs\""));
        assertThat(occurrences(warmups, "\"publish\": {")).isEqualTo(1);
        assertThat(occurrences(warmups, "\"bronze\": {")).isEqualTo(1);
        assertThat(occurrences(runs, "\"publish\": {")).isEqualTo(1);
        assertThat(occurrences(runs, "\"bronze\": {\"wall_s\"")).isEqualTo(1);
        assertThat(runs).contains("\"rows\": 3000", "\"failed\": 0");
        assertThat(warmups).contains("\"rows\": 3000");
        // a warm-up leaves nothing behind; the measured run's broker and tables stay in --data-dir
        assertThat(dir.resolve("data").resolve("warmup-1")).doesNotExist();
        assertThat(dir.resolve("data").resolve("kafka")).isDirectory();
    }

    @Test
    void aNegativeWarmupIsRefusedBeforeAnythingStarts(@TempDir Path dir) {
        int status = IssCommand.execute(new String[] {"bench", "--warmup", "-1", "--data-dir", dir.toString()}, Map.of());

        assertThat(status).isNotZero();
        assertThat(dir.resolve("kafka")).doesNotExist();
    }
}
