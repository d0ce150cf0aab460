package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real benches, kept tiny: a few thousand records, a one-second live phase. */
class BenchCommandTest {

    private static JsonNode bench(Path dir, String... options) throws Exception {
        Path json = dir.resolve("bench.json");
        List<String> args = new ArrayList<>(List.of("bench", "--work-dir", dir.resolve("data").toString(),
                "--json", json.toString(), "--records", "3000", "--live-seconds", "1", "--live-warmup", "0s"));
        args.addAll(List.of(options));
        assertThat(IssCommand.execute(args.toArray(String[]::new), Map.of())).isZero();
        return new ObjectMapper().readTree(json.toFile());
    }

    private static List<String> phases(JsonNode run) {
        List<String> names = new ArrayList<>();
        run.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void warmupsRunTheBacklogPhasesOnlyAndTheLivePhaseFollowsOnItsOwnBroker(@TempDir Path dir) throws Exception {
        JsonNode report = bench(dir, "--phases", "publish,bronze,live", "--warmup", "1");

        assertThat(report.get("settings").get("warmup").asInt()).isEqualTo(1);
        assertThat(report.get("warmup_runs")).hasSize(1);
        assertThat(phases(report.get("warmup_runs").get(0))).containsExactly("publish", "bronze");
        assertThat(report.get("warmup_runs").get(0).get("bronze").get("rows").asLong()).isEqualTo(3000);
        assertThat(report.get("runs")).hasSize(1);
        JsonNode run = report.get("runs").get(0);
        assertThat(phases(run)).containsExactly("publish", "bronze", "live");
        assertThat(run.get("bronze").get("rows").asLong()).isEqualTo(3000);
        assertThat(run.get("publish").get("failed").asLong()).isZero();
        assertThat(run.get("live").get("polled").asLong()).isPositive();
        // warm-ups leave nothing behind; the measured run's brokers and tables stay in --work-dir
        assertThat(dir.resolve("data/warmup-1")).doesNotExist();
        assertThat(dir.resolve("data/kafka")).isDirectory();
        assertThat(dir.resolve("data/paced/kafka")).isDirectory();
    }

    @Test
    void withOnlyTheLivePhaseThereIsNothingToWarmUp(@TempDir Path dir) throws Exception {
        JsonNode report = bench(dir, "--phases", "live");

        assertThat(report.get("settings").get("warmup").asInt()).isZero();
        assertThat(report.get("warmup_runs")).isEmpty();
        assertThat(phases(report.get("runs").get(0))).containsExactly("live");
        assertThat(dir.resolve("data/kafka")).doesNotExist();
    }

    @Test
    void aPhaseWithoutThePhaseItReadsIsRefusedBeforeAnythingStarts(@TempDir Path dir) {
        CommandRun run = CommandRun.of(Map.of(), "bench", "--records", "1000", "--phases", "bronze,gold", "--work-dir", dir.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("bronze reads what publish writes in the same run; add publish");
        assertThat(dir.resolve("kafka")).doesNotExist();
    }

    @Test
    void aDataDirAnEarlierBenchLeftIsRefusedAndKeptAsItWas(@TempDir Path dir) throws Exception {
        bench(dir, "--phases", "publish", "--warmup", "0");
        Path data = dir.resolve("data");
        List<Path> before;
        try (Stream<Path> files = Files.walk(data)) {
            before = files.toList();
        }

        CommandRun again = CommandRun.of(Map.of(), "bench", "--records", "1000", "--phases", "publish", "--warmup", "0",
                "--work-dir", data.toString());

        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err()).contains("Invalid value for option '--work-dir': " + data + " is not empty")
                .contains("remove its contents or name another directory");
        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.toList()).containsExactlyInAnyOrderElementsOf(before);
        }
    }

    @Test
    void aDataDirThatIsAFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");

        CommandRun run = CommandRun.of(Map.of(), "bench", "--records", "1000", "--phases", "publish", "--work-dir", file.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--work-dir': must be a directory, not a file");
        assertThat(file).hasContent("keep me");
    }

    @Test
    void aNegativeWarmupIsRefusedBeforeAnythingStarts(@TempDir Path dir) {
        int status = IssCommand.execute(new String[] {"bench", "--warmup", "-1", "--records", "1000", "--phases", "publish",
                "--work-dir", dir.toString()}, Map.of());

        assertThat(status).isEqualTo(2);
        assertThat(dir.resolve("kafka")).doesNotExist();
    }
}
