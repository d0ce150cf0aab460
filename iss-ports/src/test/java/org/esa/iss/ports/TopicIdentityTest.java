package org.esa.iss.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.ports.in.TopicReplaced;
import org.esa.iss.ports.memory.CrashSwitch;
import org.esa.iss.ports.memory.InMemoryBronzeTable;
import org.esa.iss.ports.memory.InMemoryQuarantineTable;
import org.esa.iss.ports.memory.InMemoryTelemetryLog;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.PartitionPositions;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.TelemetryFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A topic deleted and created again under a bronze table is refused before anything of it is committed. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // one that misses the new topic follows it for ever
class TopicIdentityTest {
    private static final IngestOptions OPTIONS = new IngestOptions(50, Duration.ofSeconds(1), Duration.ZERO, 20);

    private final InMemoryBronzeTable bronze = new InMemoryBronzeTable(CrashSwitch.NEVER);
    private final InMemoryQuarantineTable quarantine = new InMemoryQuarantineTable(CrashSwitch.NEVER);

    @Test
    void theTopicBronzeReadIsReadOnAndARecreatedOneOfTheSameNameIsRefused() {
        InMemoryTelemetryLog topic = topic(0, 30);
        ingestUntilCaughtUp(topic);
        assertThat(bronze.recordedTopicIds()).containsOnlyKeys("iss");
        publish(topic, 30, 40);
        ingestUntilCaughtUp(topic);
        assertThat(bronze.rows()).hasSize(40);

        InMemoryTelemetryLog recreated = topic(1_000, 60); // more records than bronze read: none would fail to seek
        assertThatThrownBy(() -> ingestUntilCaughtUp(recreated)).isInstanceOf(TopicReplaced.class)
                .hasMessageContaining("topic iss is not the one bronze read")
                .hasMessageContaining("last offset per partition: {0=39}")
                .hasMessageContaining("--data-dir");
        assertThat(bronze.rows()).as("nothing of the new topic committed").hasSize(40)
                .extracting(BronzeRecord::offset).doesNotHaveDuplicates();
        assertThat(quarantine.rows()).isEmpty();
    }

    @Test
    void aRecreatedTopicShorterThanBronzesPositionsIsNamedAsSuchNotOnlyAsAPositionOutsideTheLog() {
        ingestUntilCaughtUp(topic(0, 30));

        InMemoryTelemetryLog recreated = topic(1_000, 10);
        assertThatThrownBy(() -> ingestUntilCaughtUp(recreated)).isInstanceOf(TopicReplaced.class)
                .hasMessageContaining("topic iss is not the one bronze read")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement().asString()
                        .contains("the topic's log ends before what the tables have read"));
        assertThat(bronze.rows()).hasSize(30);
    }

    @Test
    void aTopicCreatedAgainWhileARunGoesOnIsRefusedAtTheNextAssignment() {
        InMemoryTelemetryLog topic = topic(0, 30);
        InMemoryTelemetryLog recreated = topic(1_000, 60);
        IngestOptions commitEveryPoll = new IngestOptions(5, Duration.ofSeconds(1), Duration.ZERO, 20);
        IngestService following = new IngestService(new RecreatedAtThirdPoll(topic, recreated), bronze, quarantine,
                new FakeTime(Instant.EPOCH), commitEveryPoll);

        assertThatThrownBy(() -> following.run(false)).isInstanceOf(TopicReplaced.class)
                .hasMessageContaining("last offset per partition: {0=15}");
        assertThat(bronze.rows()).as("the first topic's two polls, nothing of the new one")
                .extracting(BronzeRecord::offset).containsExactlyElementsOf(LongStream.range(0, 16).boxed().toList());
    }

    /** Two polls of a topic, then, as a rebalance after the topic was created again, an assignment of the new one. */
    private static final class RecreatedAtThirdPoll extends ForwardingTelemetryFeed {
        private final InMemoryTelemetryLog recreated;
        private TelemetryFeed current;
        private PartitionPositions positions;
        private int polls;

        RecreatedAtThirdPoll(InMemoryTelemetryLog topic, InMemoryTelemetryLog recreated) {
            this.current = topic.feed(8, CrashSwitch.NEVER);
            this.recreated = recreated;
        }

        @Override
        protected TelemetryFeed delegate() {
            return current;
        }

        @Override
        public void start(PartitionPositions positions) {
            this.positions = positions;
            current.start(positions);
        }

        @Override
        public List<RawRecord> poll(Duration timeout) {
            if (++polls == 3) {
                current = recreated.feed(8, CrashSwitch.NEVER);
                current.start(positions);
            }
            return current.poll(timeout);
        }
    }

    private void ingestUntilCaughtUp(InMemoryTelemetryLog topic) {
        new IngestService(topic.feed(8, CrashSwitch.NEVER), bronze, quarantine, new FakeTime(Instant.EPOCH), OPTIONS).run(true);
    }

    private static InMemoryTelemetryLog topic(long firstSecond, int records) {
        InMemoryTelemetryLog log = new InMemoryTelemetryLog("iss", 1);
        publish(log, firstSecond, firstSecond + records);
        return log;
    }

    private static void publish(InMemoryTelemetryLog log, long fromSecond, long toSecond) {
        for (long second = fromSecond; second < toSecond; second++) {
            log.append(new byte[] {1}, TelemetryJson.format(TestTelemetry.at(second)), "simulator", 1_000L * second);
        }
    }
}
