package org.esa.iss.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.esa.iss.app.IssCli;
import org.esa.iss.app.faults.ExactlyOnce.Coordinates;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case 1: {@code iss bronze --until-caught-up} drains a backlog while {@code iss gold} follows it live, each
 * its own process; both are killed with SIGKILL at random points while they work, then restarted. After a
 * final run of each to completion, bronze holds every offset exactly once and gold equals gold refined from
 * the same bronze in one uninterrupted run.
 */
@Tag("fault")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class KillNineRecoveryTest {
    private static final int RECORDS = 200_000;
    /** Every 101st record (offset ≡ 50 mod 101) is truncated JSON, so quarantine is exercised too. */
    private static final int INVALID_EVERY = 101;
    private static final int KILLS = 10;
    /**
     * Small commits, so that a kill lands between, during and after many of them. A commit holds at least one
     * feed batch whatever {@code --max-rows} says, so the batch is made as small as well.
     */
    private static final int MAX_ROWS = 2_000;

    @TempDir
    Path work;

    @Test
    void stagesKilledTenTimesWhileDrainingEndWithEveryOffsetOnceAndGoldAsIfUninterrupted() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (TestBroker broker = TestBroker.start(work.resolve("kafka"))) {
            broker.createTopic(1, Map.of());
            Set<Coordinates> invalid = publishBacklog(broker);
            DataDir data = new DataDir(work.resolve("data"));
            IssCli iss = new IssCli(work);
            List<String> bronzeArgs = new ArrayList<>(List.of("bronze", "--until-caught-up",
                    "--bootstrap-servers", broker.bootstrapServers(), "--data-dir", data.root().toString(),
                    "--max-rows", String.valueOf(MAX_ROWS), "--kafka-property", "max.poll.records=" + MAX_ROWS));
            bronzeArgs.addAll(IssCli.FAST_GROUP_RECOVERY);
            List<String> liveGoldArgs = List.of("gold", "--data-dir", data.root().toString());
            List<String> goldArgs = List.of("gold", "--until-caught-up", "--data-dir", data.root().toString());

            int bronzeKilledWorking = 0;
            int goldKilledWorking = 0;
            for (int round = 1; round <= KILLS; round++) {
                long versionBefore = TableRows.latestVersion(data.bronze());
                Process bronze = iss.start("bronze", bronzeArgs);
                long goldVersionBefore = TableRows.latestVersion(data.windows());
                Process gold = iss.start("gold", liveGoldArgs);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (bronze.isAlive() && TableRows.latestVersion(data.bronze()) <= versionBefore && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(random.nextInt(1_000));
                boolean bronzeWorking = bronze.isAlive();
                boolean goldWorking = gold.isAlive();
                boolean goldCommitted = TableRows.latestVersion(data.windows()) > goldVersionBefore;
                IssCli.kill(bronze);
                IssCli.kill(gold);
                if (bronzeWorking) {
                    bronzeKilledWorking++;
                } else {
                    assertThat(bronze.exitValue()).as("bronze ended on its own in round %d; stderr:%n%s", round, iss.tail("bronze.err")).isZero();
                }
                assertThat(goldWorking).as("live gold still running in round %d; stderr:%n%s", round, iss.tail("gold.err")).isTrue();
                if (goldCommitted) {
                    goldKilledWorking++;
                }
                System.out.printf("kill round %d: bronze at version %d (%s), gold at version %d (%s)%n", round,
                        TableRows.latestVersion(data.bronze()), bronzeWorking ? "killed while draining" : "had finished",
                        TableRows.latestVersion(data.windows()), goldCommitted ? "killed after committing this round" : "killed");
            }

            assertThat(iss.run("bronze", bronzeArgs, Duration.ofMinutes(3))).as("final bronze run; stderr:%n%s", iss.tail("bronze.err")).isZero();
            assertThat(iss.run("gold", goldArgs, Duration.ofMinutes(3))).as("final gold run; stderr:%n%s", iss.tail("gold.err")).isZero();
            System.out.printf("seed %d: bronze killed while draining %d times, gold killed after committing in the round %d times%n",
                    seed, bronzeKilledWorking, goldKilledWorking);
            assertThat(bronzeKilledWorking).as("kills that hit a bronze process still draining (seed %d)", seed).isEqualTo(KILLS);
            assertThat(goldKilledWorking).as("kills that hit a gold process that had committed in its round (seed %d)", seed).isPositive();

            ExactlyOnce.assertEveryOffsetOnce(data.bronze(), data.quarantine(), Map.of(0, (long) RECORDS), invalid);

            DataDir reference = new DataDir(work.resolve("reference"));
            copyTree(data.bronze(), reference.bronze());
            GoldTables.refineUninterrupted(reference);
            GoldTables expected = GoldTables.read(reference);
            GoldTables actual = GoldTables.read(data);
            assertThat(expected.windows()).as("reference windows").hasSizeGreaterThan(RECORDS / 6);
            assertThat(actual.windows()).as("windows after %d kills (seed %d)", KILLS, seed).isEqualTo(expected.windows());
            assertThat(actual.orbits()).as("orbits after %d kills (seed %d)", KILLS, seed).isEqualTo(expected.orbits());
        }
    }

    private static Set<Coordinates> publishBacklog(TestBroker broker) {
        TelemetryPayloads payloads = new TelemetryPayloads();
        byte[] key = "25544".getBytes(StandardCharsets.UTF_8);
        Set<Coordinates> invalid = new HashSet<>();
        try (TestBroker.RawProducer producer = broker.producer(64 * 1024)) {
            for (int n = 0; n < RECORDS; n++) {
                byte[] value = payloads.valid(n);
                if (n % INVALID_EVERY == INVALID_EVERY / 2) {
                    value = java.util.Arrays.copyOf(value, value.length / 2);
                    invalid.add(new Coordinates(0, n));
                }
                producer.send(0, key, value);
            }
            producer.flush();
        }
        assertThat(broker.endOffsets(1)).containsEntry(0, (long) RECORDS);
        return invalid;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
