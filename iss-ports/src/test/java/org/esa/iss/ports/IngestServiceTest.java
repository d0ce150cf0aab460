package org.esa.iss.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.ports.in.IngestSummary;
import org.esa.iss.ports.memory.CrashSwitch;
import org.esa.iss.ports.memory.InMemoryBronzeTable;
import org.esa.iss.ports.memory.InMemoryQuarantineTable;
import org.esa.iss.ports.memory.InMemoryTelemetryLog;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.TelemetryFeed;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class IngestServiceTest {
    private static final IngestOptions SMALL_BATCHES = new IngestOptions(7, Duration.ofSeconds(1), Duration.ZERO, 20);

    /** Publishes {@code count} records over three partitions, about one in six invalid. */
    private static InMemoryTelemetryLog topic(int count, long seed) {
        InMemoryTelemetryLog log = new InMemoryTelemetryLog("iss", 3);
        Random random = new Random(seed);
        List<byte[]> invalid = TestTelemetry.invalidPayloads();
        for (int i = 0; i < count; i++) {
            byte[] key = ("sat-" + random.nextInt(5)).getBytes(StandardCharsets.UTF_8);
            byte[] value = random.nextInt(6) == 0 ? invalid.get(random.nextInt(invalid.size()))
                    : TelemetryJson.format(TestTelemetry.at(i));
            log.append(key, value, "simulator", 1_000L * i);
        }
        return log;
    }

    private static IngestService ingester(InMemoryTelemetryLog log, InMemoryBronzeTable bronze,
                                          InMemoryQuarantineTable quarantine, CrashSwitch crash) {
        return new IngestService(log.feed(5, crash), bronze, quarantine, new FakeTime(Instant.EPOCH), SMALL_BATCHES);
    }

    /** Every offset of the log is in exactly one table, once: valid records in bronze, the rest in quarantine. */
    static void assertEveryOffsetExactlyOnce(InMemoryTelemetryLog log, InMemoryBronzeTable bronze,
                                                     InMemoryQuarantineTable quarantine) {
        List<String> expectedValid = new ArrayList<>();
        List<String> expectedInvalid = new ArrayList<>();
        for (RawRecord record : log.all()) {
            String id = record.partition() + "@" + record.offset();
            try {
                TelemetryJson.parse(record.value());
                expectedValid.add(id);
            } catch (IllegalArgumentException e) {
                expectedInvalid.add(id);
            }
        }
        assertThat(bronze.rows()).extracting(r -> r.partition() + "@" + r.offset()).containsExactlyInAnyOrderElementsOf(expectedValid);
        assertThat(quarantine.rows()).extracting(r -> r.raw().partition() + "@" + r.raw().offset())
                .containsExactlyInAnyOrderElementsOf(expectedInvalid);
    }

    @Test
    void everyRecordLandsInExactlyOneTableOnce() {
        InMemoryTelemetryLog log = topic(200, 1);
        InMemoryBronzeTable bronze = new InMemoryBronzeTable(CrashSwitch.NEVER);
        InMemoryQuarantineTable quarantine = new InMemoryQuarantineTable(CrashSwitch.NEVER);
        IngestSummary summary = ingester(log, bronze, quarantine, CrashSwitch.NEVER).run(true);
        assertEveryOffsetExactlyOnce(log, bronze, quarantine);
        assertThat(summary.rows() + summary.quarantined()).isEqualTo(200);
        assertThat(quarantine.rows()).allSatisfy(q -> assertThat(q.error()).isNotBlank());
        assertThat(bronze.rows()).allSatisfy(r -> assertThat(r.source()).isEqualTo("simulator"));
    }

    @Test
    void aSecondRunOverTheSameTablesWritesNothingAgain() {
        InMemoryTelemetryLog log = topic(100, 2);
        InMemoryBronzeTable bronze = new InMemoryBronzeTable(CrashSwitch.NEVER);
        InMemoryQuarantineTable quarantine = new InMemoryQuarantineTable(CrashSwitch.NEVER);
        ingester(log, bronze, quarantine, CrashSwitch.NEVER).run(true);
        IngestSummary again = ingester(log, bronze, quarantine, CrashSwitch.NEVER).run(true);
        assertThat(again.rows() + again.quarantined()).isZero();
        assertEveryOffsetExactlyOnce(log, bronze, quarantine);
    }

    @Test
    void anEmptyTopicIsCaughtUpAtOnce() {
        InMemoryTelemetryLog log = new InMemoryTelemetryLog("iss", 2);
        InMemoryBronzeTable bronze = new InMemoryBronzeTable(CrashSwitch.NEVER);
        IngestSummary summary = ingester(log, bronze, new InMemoryQuarantineTable(CrashSwitch.NEVER), CrashSwitch.NEVER).run(true);
        assertThat(summary.rows()).isZero();
    }

    @Property(tries = 300)
    void aCrashBetweenAnyTwoStepsLosesAndDuplicatesNothing(@ForAll @IntRange(min = 0, max = 999) int permille,
                                                          @ForAll @IntRange(min = 0, max = 1000) int seed,
                                                          @ForAll boolean undeclared) {
        CrashSwitch counting = new CrashSwitch(Long.MAX_VALUE);
        ingester(topic(150, seed), new InMemoryBronzeTable(counting), new InMemoryQuarantineTable(counting), counting).run(true);
        long crashAt = 1 + permille * counting.steps() / 1000; // a step the run really takes

        InMemoryTelemetryLog log = topic(150, seed);
        CrashSwitch crash = undeclared ? CrashSwitch.failingUndeclared(crashAt) : new CrashSwitch(crashAt);
        InMemoryBronzeTable bronze = new InMemoryBronzeTable(crash);
        InMemoryQuarantineTable quarantine = new InMemoryQuarantineTable(crash);
        Throwable stopped = catchThrowable(() -> ingester(log, bronze, quarantine, crash).run(true));
        // the process died here, or a store failed and the ingester stopped
        Throwable cause = stopped instanceof java.io.UncheckedIOException wrapped ? wrapped.getCause() : stopped;
        assertThat(cause).as("how the first run ended, at step %d of %d", crashAt, counting.steps())
                .isInstanceOfAny(CrashSwitch.SimulatedCrash.class, java.io.IOException.class)
                .hasMessageStartingWith("simulated crash");
        // everything below is the restart
        ingester(log, bronze, quarantine, CrashSwitch.NEVER).run(true);
        assertEveryOffsetExactlyOnce(log, bronze, quarantine);
    }

    @Test
    void withoutInvalidRecordsQuarantineStillRecordsItsPositionEverySixtyCommitsSoAKillLeavesLittleToReRead() {
        InMemoryTelemetryLog log = new InMemoryTelemetryLog("iss", 1);
        for (int i = 0; i < 1_000; i++) {
            log.append(new byte[] {1}, TelemetryJson.format(TestTelemetry.at(i)), "simulator", 1_000L * i);
        }
        // polls of 7 and commits of 7 records; the tables' 130th commit dies, about the 128th of bronze
        CrashSwitch crash = new CrashSwitch(130);
        InMemoryBronzeTable bronze = new InMemoryBronzeTable(crash);
        InMemoryQuarantineTable quarantine = new InMemoryQuarantineTable(crash);
        IngestOptions farLagLimit = new IngestOptions(7, Duration.ofSeconds(1), Duration.ZERO, 1_000_000);
        assertThatThrownBy(() -> new IngestService(log.feed(7, CrashSwitch.NEVER), bronze, quarantine,
                new FakeTime(Instant.EPOCH), farLagLimit).run(true)).isInstanceOf(CrashSwitch.SimulatedCrash.class);

        long bronzeAt = bronze.lastOffsets().values().iterator().next();
        assertThat(bronzeAt).isGreaterThan(7L * IngestWriter.QUARANTINE_LEVEL_EVERY_COMMITS);
        assertThat(quarantine.lastOffsets()).as("quarantine's position").isNotEmpty();
        long quarantineAt = quarantine.lastOffsets().values().iterator().next();
        assertThat(bronzeAt - quarantineAt).isLessThanOrEqualTo(7L * IngestWriter.QUARANTINE_LEVEL_EVERY_COMMITS);
    }

    @Test
    void theCrashSwitchReallyInterruptsIngestion() {
        InMemoryTelemetryLog log = topic(150, 3);
        CrashSwitch crash = new CrashSwitch(10);
        InMemoryBronzeTable bronze = new InMemoryBronzeTable(crash);
        assertThatThrownBy(() -> ingester(log, bronze, new InMemoryQuarantineTable(crash), crash).run(true))
                .isInstanceOf(CrashSwitch.SimulatedCrash.class);
        assertThat(bronze.rows().size()).isLessThan(150);
    }

    @Test
    void drainingALiveIngesterCommitsEverythingPublishedThenReturns() throws Exception {
        InMemoryTelemetryLog log = topic(120, 4);
        InMemoryBronzeTable bronze = new InMemoryBronzeTable(CrashSwitch.NEVER);
        InMemoryQuarantineTable quarantine = new InMemoryQuarantineTable(CrashSwitch.NEVER);
        IngestService live = ingester(log, bronze, quarantine, CrashSwitch.NEVER);
        CompletableFuture<IngestSummary> running = CompletableFuture.supplyAsync(() -> live.run(false));
        live.drain();
        running.get(30, TimeUnit.SECONDS);
        assertEveryOffsetExactlyOnce(log, bronze, quarantine);
    }

    /**
     * {@code iss run} beside ingesters of the same group that hold every partition: its drain on stop returns instead
     * of waiting for a partition that never comes (their owners ingest what was published).
     */
    @Test
    void aDrainWithoutAnyPartitionAssignedReturns() throws Exception {
        InMemoryTelemetryLog log = topic(30, 5);
        FakeTime time = new FakeTime(Instant.EPOCH);
        TelemetryFeed othersHoldEverything = new ForwardingTelemetryFeed() {
            private final TelemetryFeed feed = log.feed(5, CrashSwitch.NEVER);

            @Override
            protected TelemetryFeed delegate() {
                return feed;
            }

            @Override
            public List<RawRecord> poll(Duration timeout) {
                time.advance(Duration.ofMillis(100).toNanos()); // a poll that waited in vain
                return List.of();
            }

            @Override
            public Set<FeedPartition> assignment() {
                return Set.of();
            }
        };
        IngestService ingester = new IngestService(othersHoldEverything, new InMemoryBronzeTable(CrashSwitch.NEVER),
                new InMemoryQuarantineTable(CrashSwitch.NEVER), time, SMALL_BATCHES);

        CompletableFuture<IngestSummary> running = CompletableFuture.supplyAsync(() -> ingester.run(false));
        ingester.drain();

        assertThat(running.get(30, TimeUnit.SECONDS).rows()).isZero();
        assertThat(time.nanoTime()).as("waited the drain's limit for a partition")
                .isGreaterThanOrEqualTo(IngestService.UNASSIGNED_DRAIN_LIMIT.toNanos());
    }

    /** What /health calls bronze's lag: the records of the topic not yet in the tables, published before the run too. */
    @Test
    void theBacklogIsWhatTheTopicHoldsBeyondTheTables() throws Exception {
        InMemoryTelemetryLog log = topic(50, 6);
        InMemoryBronzeTable bronze = new InMemoryBronzeTable(CrashSwitch.NEVER);
        InMemoryQuarantineTable quarantine = new InMemoryQuarantineTable(CrashSwitch.NEVER);
        IngestService[] ingester = new IngestService[1];
        TelemetryFeed stoppedAfterTwoPolls = new ForwardingTelemetryFeed() {
            private final TelemetryFeed feed = log.feed(5, CrashSwitch.NEVER);
            private int polls;

            @Override
            protected TelemetryFeed delegate() {
                return feed;
            }

            @Override
            public List<RawRecord> poll(Duration timeout) {
                if (++polls == 2) {
                    ingester[0].stop();
                }
                return feed.poll(timeout);
            }
        };
        ingester[0] = new IngestService(stoppedAfterTwoPolls, bronze, quarantine, new FakeTime(Instant.EPOCH), SMALL_BATCHES);
        assertThat(ingester[0].backlog()).as("before the first poll").isEmpty();

        IngestSummary summary = ingester[0].run(false);

        long inTables = summary.rows() + summary.quarantined();
        assertThat(inTables).as("two polls of at most five").isBetween(1L, 10L);
        assertThat(ingester[0].backlog()).as("what the feed left unread once the run committed what it read")
                .hasValue(50 - inTables);
    }
}
