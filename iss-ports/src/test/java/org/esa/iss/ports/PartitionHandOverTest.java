package org.esa.iss.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.ports.memory.CrashSwitch;
import org.esa.iss.ports.memory.InMemoryBronzeTable;
import org.esa.iss.ports.memory.InMemoryQuarantineTable;
import org.esa.iss.ports.memory.InMemoryTelemetryLog;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PartitionPositions;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.TelemetryFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Partitions taken away mid-batch, as a consumer group does: revoked ones are committed before they go,
 * lost ones are dropped and read again from the tables, and nothing is lost or written twice either way.
 */
class PartitionHandOverTest {
    private static final IngestOptions LARGE_BATCHES = new IngestOptions(1_000, Duration.ofHours(1), Duration.ZERO, 1_000);

    private final InMemoryTelemetryLog log = new InMemoryTelemetryLog("iss", 3);
    private final InMemoryBronzeTable bronze = new InMemoryBronzeTable(CrashSwitch.NEVER);
    private final InMemoryQuarantineTable quarantine = new InMemoryQuarantineTable(CrashSwitch.NEVER);

    PartitionHandOverTest() {
        for (int i = 0; i < 300; i++) {
            byte[] value = i % 17 == 0 ? "{\"truncated".getBytes(StandardCharsets.UTF_8) : TelemetryJson.format(TestTelemetry.at(i));
            log.append(("sat-" + i % 5).getBytes(StandardCharsets.UTF_8), value, "simulator", 1_000L * i);
        }
    }

    @Test
    void revokedPartitionsAreCommittedBeforeTheyGo() {
        List<Long> bronzeRowsAtRevocation = new ArrayList<>();
        TelemetryFeed feed = new HandOverAtPoll(log.feed(20, CrashSwitch.NEVER), 3, (positions, all) -> {
            positions.revoked(all);
            bronzeRowsAtRevocation.add((long) bronze.rows().size());
        });
        new IngestService(feed, bronze, quarantine, new FakeTime(Instant.EPOCH), LARGE_BATCHES).run(true);

        // two polls of 20 records were read, too few and too fresh to commit: the revocation committed them
        assertThat(bronzeRowsAtRevocation).hasSize(1);
        assertThat(bronzeRowsAtRevocation.get(0)).isPositive();
        IngestServiceTest.assertEveryOffsetExactlyOnce(log, bronze, quarantine);
    }

    @Test
    void lostPartitionsAreDroppedAndReadAgainFromTheTables() {
        List<Integer> bronzeRowsAtLoss = new ArrayList<>();
        TelemetryFeed feed = new HandOverAtPoll(log.feed(20, CrashSwitch.NEVER), 3, (positions, all) -> {
            positions.lost(all);
            bronzeRowsAtLoss.add(bronze.rows().size());
        });
        new IngestService(feed, bronze, quarantine, new FakeTime(Instant.EPOCH), LARGE_BATCHES).run(true);

        assertThat(bronzeRowsAtLoss).containsExactly(0);
        IngestServiceTest.assertEveryOffsetExactlyOnce(log, bronze, quarantine);
    }

    @Test
    void losingSomePartitionsWhileTheBatchHoldsOthersStopsTheIngesterAndARestartLosesNothing() {
        // a first poll of 150 records spans partitions 0 and 1 (keys spread the 300 records over three)
        TelemetryFeed feed = new HandOverAtPoll(log.feed(150, CrashSwitch.NEVER),
                2, (positions, all) -> positions.lost(List.of(new FeedPartition("iss", 0))));
        IngestService first = new IngestService(feed, bronze, quarantine, new FakeTime(Instant.EPOCH), LARGE_BATCHES);
        assertThatThrownBy(() -> first.run(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lost").hasMessageContaining("restart");
        assertThat(bronze.rows()).isEmpty();

        new IngestService(log.feed(20, CrashSwitch.NEVER), bronze, quarantine, new FakeTime(Instant.EPOCH), LARGE_BATCHES)
                .run(true);
        IngestServiceTest.assertEveryOffsetExactlyOnce(log, bronze, quarantine);
    }

    @Test
    void aKeptPartitionAnotherWriterWroteStopsTheIngesterAtTheNextAssignment() {
        FeedPartition kept = new FeedPartition("iss", 0);
        FeedPartition movedBack = new FeedPartition("iss", 1);
        TelemetryFeed feed = new HandOverAtPoll(log.feed(20, CrashSwitch.NEVER), 3, (positions, all) -> {
            positions.revoked(List.of(movedBack));
            // meanwhile a writer outside the group positions partition 0, which this ingester keeps
            bronze.append(List.of(), Map.of(kept, 60L));
            quarantine.append(List.of(), Map.of(kept, 60L));
            positions.nextOffsets(List.of(movedBack));
        });
        IngestService ingester = new IngestService(feed, bronze, quarantine, new FakeTime(Instant.EPOCH), LARGE_BATCHES);

        assertThatThrownBy(() -> ingester.run(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another writer wrote " + kept + " up to offset 60").hasMessageContaining("restart");
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a run that never ends fails, not hangs
    void aRunUntilCaughtUpEndsWhenAPartitionIsTakenAwayForGoodAndTheNewOwnerReadsTheRest() {
        FeedPartition takenAway = new FeedPartition("iss", 1);
        MovingAssignment feed = new MovingAssignment(allPartitions(), 20, Map.of(3, f -> f.revoke(List.of(takenAway))));

        new IngestService(feed, bronze, quarantine, new FakeTime(Instant.EPOCH), LARGE_BATCHES).run(true);

        assertThat(feed.polls).as("polls after the revocation").isGreaterThan(3);
        new IngestService(new MovingAssignment(List.of(takenAway), 20, Map.of()), bronze, quarantine, new FakeTime(Instant.EPOCH),
                LARGE_BATCHES).run(true);
        IngestServiceTest.assertEveryOffsetExactlyOnce(log, bronze, quarantine);
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a run that never ends fails, not hangs
    void aPartitionGivenAfterARunUntilCaughtUpStartedIsReadToItsEndToo() {
        FeedPartition givenLater = new FeedPartition("iss", 2);
        List<FeedPartition> others = allPartitions().stream().filter(p -> !p.equals(givenLater)).toList();
        MovingAssignment feed = new MovingAssignment(others, 20, Map.of(3, f -> f.assign(List.of(givenLater))));

        new IngestService(feed, bronze, quarantine, new FakeTime(Instant.EPOCH), LARGE_BATCHES).run(true);

        IngestServiceTest.assertEveryOffsetExactlyOnce(log, bronze, quarantine);
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a run that never ends fails, not hangs
    void aRunUntilCaughtUpThatLosesItsPartitionsWaitsForThemAndReadsThemToTheEnd() {
        MovingAssignment feed = new MovingAssignment(allPartitions(), 20, Map.of(
                3, f -> f.lose(allPartitions()), // presumed dead: nothing assigned for a few polls
                6, f -> f.assign(allPartitions())));

        new IngestService(feed, bronze, quarantine, new FakeTime(Instant.EPOCH), LARGE_BATCHES).run(true);

        assertThat(feed.polls).as("polls after the partitions came back").isGreaterThan(6);
        IngestServiceTest.assertEveryOffsetExactlyOnce(log, bronze, quarantine);
    }

    private List<FeedPartition> allPartitions() {
        return List.of(new FeedPartition("iss", 0), new FeedPartition("iss", 1), new FeedPartition("iss", 2));
    }

    /**
     * A feed over the log whose assignment moves at given polls, as a group coordinator moves it, and stays so: a
     * partition revoked is not given back, one assigned starts where the tables say.
     */
    private final class MovingAssignment implements TelemetryFeed {
        private final Set<FeedPartition> owned = new LinkedHashSet<>();
        private final Map<FeedPartition, Long> next = new HashMap<>();
        private final List<FeedPartition> initial;
        private final int maxBatch;
        private final Map<Integer, Consumer<MovingAssignment>> changes;
        private PartitionPositions positions;
        int polls;

        MovingAssignment(List<FeedPartition> initial, int maxBatch, Map<Integer, Consumer<MovingAssignment>> changes) {
            this.initial = initial;
            this.maxBatch = maxBatch;
            this.changes = changes;
        }

        void assign(Collection<FeedPartition> partitions) {
            owned.addAll(partitions);
            Map<FeedPartition, Long> resume = positions.nextOffsets(partitions); // absent: from the beginning
            partitions.forEach(p -> next.put(p, resume.getOrDefault(p, 0L)));
        }

        void revoke(Collection<FeedPartition> partitions) {
            positions.revoked(partitions);
            owned.removeAll(partitions);
        }

        void lose(Collection<FeedPartition> partitions) {
            positions.lost(partitions);
            owned.removeAll(partitions);
        }

        @Override
        public void start(PartitionPositions partitionPositions) {
            this.positions = partitionPositions;
            assign(initial);
        }

        @Override
        public List<RawRecord> poll(Duration timeout) {
            Consumer<MovingAssignment> change = changes.get(++polls);
            if (change != null) {
                change.accept(this);
            }
            List<RawRecord> batch = new ArrayList<>();
            for (RawRecord record : log.all()) {
                if (batch.size() < maxBatch && owned.contains(record.partition()) && record.offset() == next.get(record.partition())) {
                    batch.add(record);
                    next.put(record.partition(), record.offset() + 1);
                }
            }
            return batch;
        }

        @Override
        public Set<FeedPartition> assignment() {
            return Set.copyOf(owned);
        }

        @Override
        public Map<FeedPartition, Long> endOffsets() {
            Map<FeedPartition, Long> ends = new HashMap<>();
            owned.forEach(p -> ends.put(p, log.all().stream().filter(r -> r.partition().equals(p)).count()));
            return ends;
        }

        @Override
        public void wakeup() {
        }

        @Override
        public void close() {
        }
    }

    /** A feed whose partitions are taken away (by {@code handOver}) and assigned again at one poll. */
    private static final class HandOverAtPoll extends ForwardingTelemetryFeed {
        private final TelemetryFeed feed;
        private final int atPoll;
        private final BiConsumer<PartitionPositions, Collection<FeedPartition>> handOver;
        private PartitionPositions positions;
        private int polls;

        HandOverAtPoll(TelemetryFeed feed, int atPoll, BiConsumer<PartitionPositions, Collection<FeedPartition>> handOver) {
            this.feed = feed;
            this.atPoll = atPoll;
            this.handOver = handOver;
        }

        @Override
        protected TelemetryFeed delegate() {
            return feed;
        }

        @Override
        public void start(PartitionPositions positions) {
            this.positions = positions;
            feed.start(positions);
        }

        @Override
        public List<RawRecord> poll(Duration timeout) {
            if (++polls == atPoll) {
                handOver.accept(positions, feed.assignment());
                feed.start(positions); // assigned again: seeks where the tables say
            }
            return feed.poll(timeout);
        }
    }
}
