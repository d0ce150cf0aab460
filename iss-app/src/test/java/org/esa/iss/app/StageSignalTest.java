package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage run as its own process and stopped by SIGTERM (Ctrl-C, a supervisor) exits 0 and prints its summary:
 * for a stage on its own, the summary is all the metrics there are.
 */
@Tag("slow")
class StageSignalTest {
    private static final Duration STARTED = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void goldWaitingForBronzeSaysSoAndPrintsItsSummaryOnSigterm() throws Exception {
        IssCli iss = new IssCli(work);
        Path data = work.resolve("data");
        Process gold = iss.start("gold", List.of("gold", "--data-dir", data.toString()));

        await().atMost(STARTED).until(() -> read("gold.err").contains("waiting for `iss bronze` to write one"));
        int status = stop(gold);

        assertThat(status).as("exit status after SIGTERM; stderr:\n%s", iss.tail("gold.err")).isZero();
        assertThat(read("gold.out")).contains("gold: bronze version -1, 0 fixes, 0 windows, 0 orbits");
    }

    @Test
    void goldUntilCaughtUpWithoutBronzeSaysThereIsNothingToRefine() throws Exception {
        IssCli iss = new IssCli(work);
        Path data = work.resolve("data");

        int status = iss.run("gold", List.of("gold", "--until-caught-up", "--data-dir", data.toString()), STARTED);

        assertThat(status).isZero();
        assertThat(read("gold.err")).contains("gold: no bronze table at " + data.resolve("delta/bronze/iss_telemetry")
                + ", so nothing to refine; `iss bronze` writes it");
    }

    @Test
    void pollPrintsItsSummaryOnSigtermCountingEveryPositionItWrote() throws Exception {
        IssCli iss = new IssCli(work);
        Process poll = iss.start("poll", List.of("poll", "--source", "simulator", "--output", "-"));

        await().atMost(STARTED).until(() -> lines("poll.out") >= 3);
        int status = stop(poll);

        long written = lines("poll.out");
        assertThat(status).as("exit status after SIGTERM; stderr:\n%s", iss.tail("poll.err")).isZero();
        assertThat(read("poll.err")).contains(String.format("poll: %d slots, %d ok, 0 failed, 0 throttled, 0 skipped, %d published, %d delivered",
                written, written, written, written));
    }

    private static int stop(Process process) throws InterruptedException {
        process.destroy(); // SIGTERM
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running a minute after SIGTERM");
        }
        return process.exitValue();
    }

    private String read(String file) throws IOException {
        Path path = work.resolve(file);
        return Files.exists(path) ? Files.readString(path) : "";
    }

    private long lines(String file) throws IOException {
        return read(file).lines().count();
    }
}
