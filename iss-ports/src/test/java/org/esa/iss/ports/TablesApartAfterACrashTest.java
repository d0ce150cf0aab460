package org.esa.iss.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.esa.iss.domain.InvalidTelemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.ports.memory.CrashSwitch;
import org.esa.iss.ports.memory.InMemoryBronzeTable;
import org.esa.iss.ports.memory.InMemoryQuarantineTable;
import org.esa.iss.ports.memory.InMemoryTelemetryLog;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PartitionPositions;
import org.esa.iss.ports.out.QuarantinedRecord;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.TelemetryFeed;
import org.junit.jupiter.api.Test;

/**
 * After a crash between the quarantine commit and the bronze commit, quarantine is ahead of bronze. The
 * restarted ingester re-reads from bronze's position; while it does, a commit that also carries another
 * partition's invalid record must not move quarantine's position of the first partition back, or a second
 * crash would make those records be quarantined twice.
 */
class TablesApartAfterACrashTest {
    private static final FeedPartition A = new FeedPartition("iss", 0);

    private final InMemoryTelemetryLog log = new InMemoryTelemetryLog("iss", 2);
    private final InMemoryBronzeTable bronze = new InMemoryBronzeTable(CrashSwitch.NEVER);
    private final InMemoryQuarantineTable quarantine = new InMemoryQuarantineTable(CrashSwitch.NEVER);

    @Test
    void reReadingWhereQuarantineIsAheadNeverMovesItsPositionBack() {
        byte[] keyA = keyFor(0);
        byte[] keyB = keyFor(1);
        for (int i = 0; i < 30; i++) {
            log.append(keyA, i % 9 == 4 ? garbage() : TelemetryJson.format(TestTelemetry.at(i)), "simulator", i);
            log.append(keyB, i % 3 == 1 ? garbage() : TelemetryJson.format(TestTelemetry.at(100 + i)), "simulator", i);
        }
        // the state a crash between the two commits leaves: quarantine holds partition A up to 29, bronze up to 19
        List<BronzeRecord> bronzeOfA = new ArrayList<>();
        List<QuarantinedRecord> quarantineOfA = new ArrayList<>();
        for (RawRecord r : log.all()) {
            if (r.partition().equals(A)) {
                try {
                    BronzeRecord row = new BronzeRecord(TelemetryJson.parse(r.value()), A, r.offset(), r.timestampMs(), "simulator");
                    if (r.offset() <= 19) {
                        bronzeOfA.add(row);
                    }
                } catch (InvalidTelemetry e) {
                    quarantineOfA.add(new QuarantinedRecord(r, e.getMessage()));
                }
            }
        }
        bronze.append(bronzeOfA, Map.of(A, 19L));
        quarantine.append(quarantineOfA, Map.of(A, 29L));

        IngestOptions smallBatches = new IngestOptions(4, Duration.ofHours(1), Duration.ZERO, 1_000);
        new IngestService(new RoundRobinFeed(log, 2), bronze, quarantine, new FakeTime(Instant.EPOCH), smallBatches)
                .run(true);

        assertThat(quarantine.lastOffsets()).containsEntry(A, 29L);
        IngestServiceTest.assertEveryOffsetExactlyOnce(log, bronze, quarantine);
    }

    private static byte[] garbage() {
        return "not json".getBytes(StandardCharsets.UTF_8);
    }

    /** A key the log puts into {@code partition}. */
    private static byte[] keyFor(int partition) {
        for (int i = 0; ; i++) {
            byte[] key = ("sat-" + i).getBytes(StandardCharsets.UTF_8);
            if (Math.floorMod(java.util.Arrays.hashCode(key), 2) == partition) {
                return key;
            }
        }
    }

    /** Reads the partitions in turn, one record of each per round, as a broker's fetches interleave them. */
    private static final class RoundRobinFeed implements TelemetryFeed {
        private final InMemoryTelemetryLog log;
        private final int perPoll;
        private final Map<FeedPartition, Long> next = new HashMap<>();

        RoundRobinFeed(InMemoryTelemetryLog log, int perPoll) {
            this.log = log;
            this.perPoll = perPoll;
        }

        @Override
        public void start(PartitionPositions positions) {
            Map<FeedPartition, Long> resume = positions.nextOffsets(assignment());
            assignment().forEach(p -> next.put(p, resume.getOrDefault(p, 0L)));
        }

        @Override
        public List<RawRecord> poll(Duration timeout) {
            List<RawRecord> batch = new ArrayList<>();
            while (batch.size() < perPoll) {
                boolean any = false;
                for (FeedPartition p : assignment()) {
                    long offset = next.get(p);
                    RawRecord record = at(p, offset);
                    if (record != null && batch.size() < perPoll) {
                        batch.add(record);
                        next.put(p, offset + 1);
                        any = true;
                    }
                }
                if (!any) {
                    break;
                }
            }
            return batch;
        }

        private RawRecord at(FeedPartition partition, long offset) {
            for (RawRecord r : log.all()) {
                if (r.partition().equals(partition) && r.offset() == offset) {
                    return r;
                }
            }
            return null;
        }

        @Override
        public Set<FeedPartition> assignment() {
            return Set.of(A, new FeedPartition("iss", 1));
        }

        @Override
        public Map<FeedPartition, Long> endOffsets() {
            Map<FeedPartition, Long> ends = new HashMap<>();
            for (RawRecord r : log.all()) {
                ends.merge(r.partition(), r.offset() + 1, Math::max);
            }
            return ends;
        }

        @Override
        public void wakeup() {
        }

        @Override
        public void close() {
        }
    }
}
