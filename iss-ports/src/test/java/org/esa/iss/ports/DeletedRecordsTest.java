package org.esa.iss.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.ports.in.LogTruncated;
import org.esa.iss.ports.in.RecordsDeleted;
import org.esa.iss.ports.in.TopicReplaced;
import org.esa.iss.ports.memory.CrashSwitch;
import org.esa.iss.ports.memory.InMemoryBronzeTable;
import org.esa.iss.ports.memory.InMemoryQuarantineTable;
import org.esa.iss.ports.memory.InMemoryTelemetryLog;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.FeedPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Records deleted from the topic (retention) before bronze read them stop the ingester, unless it is told to skip them. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a run waiting for deleted records waits for ever
class DeletedRecordsTest {
    private static final IngestOptions OPTIONS = new IngestOptions(50, Duration.ofSeconds(1), Duration.ZERO, 20);

    private final InMemoryBronzeTable bronze = new InMemoryBronzeTable(CrashSwitch.NEVER);
    private final InMemoryQuarantineTable quarantine = new InMemoryQuarantineTable(CrashSwitch.NEVER);
    private static final FeedPartition FIRST = new FeedPartition("iss", 0);

    private final InMemoryTelemetryLog topic = new InMemoryTelemetryLog("iss", 2);

    @Test
    void aGapBetweenBronzesPositionAndTheLogsStartStopsTheIngesterAndCommitsNothing() {
        publish(0, 0, 30);
        publish(1, 0, 5);
        ingestUntilCaughtUp(OPTIONS);
        publish(0, 30, 60);
        topic.deleteBefore(0, 45);
        topic.deleteBefore(1, 5); // read before it was deleted: no gap

        assertThatThrownBy(() -> ingestUntilCaughtUp(OPTIONS)).isInstanceOf(RecordsDeleted.class)
                .hasMessageContaining("deleted from the topic before the tables read them: iss-0 offsets 30 to 44 (15 records).")
                .hasMessageNotContaining("iss-1")
                .hasMessageContaining("--skip-deleted-records")
                .hasMessageContaining("retention.ms");
        assertThat(offsets(0)).containsExactlyElementsOf(range(0, 30));
    }

    @Test
    void toldToSkipTheGapTheIngesterGoesOnFromTheLogsStartAndLeavesOnlyTheDeletedOffsetsOut() {
        publish(0, 0, 30);
        ingestUntilCaughtUp(OPTIONS);
        publish(0, 30, 60);
        topic.deleteBefore(0, 45);

        ingestUntilCaughtUp(OPTIONS.withSkipDeletedRecords(true));

        assertThat(offsets(0)).containsExactlyElementsOf(concat(range(0, 30), range(45, 60)));
        publish(0, 60, 70);
        ingestUntilCaughtUp(OPTIONS); // the gap is behind: a run without the option goes on
        assertThat(offsets(0)).hasSize(55).endsWith(69L);
    }

    /** Quarantine commits whenever it has records, so the offsets it trails bronze by held none of them. */
    @Test
    void recordsDeletedWhereOnlyQuarantineTrailsAreNoGap() {
        bronzeAt29AndQuarantineAt9();
        topic.deleteBefore(0, 20);

        ingestUntilCaughtUp(OPTIONS);

        assertThat(offsets(0)).containsExactlyElementsOf(range(0, 60));
    }

    @Test
    void aGapIsCountedFromBronzesPositionNotFromAQuarantineTrailingIt() {
        bronzeAt29AndQuarantineAt9();
        topic.deleteBefore(0, 35);

        assertThatThrownBy(() -> ingestUntilCaughtUp(OPTIONS)).isInstanceOf(RecordsDeleted.class)
                .hasMessageContaining("iss-0 offsets 30 to 34 (5 records).");
    }

    private void bronzeAt29AndQuarantineAt9() {
        publish(0, 0, 60);
        bronze.append(LongStream.range(0, 30).mapToObj(DeletedRecordsTest::row).toList(), Map.of(FIRST, 29L));
        quarantine.append(List.of(), Map.of(FIRST, 9L));
    }

    @Test
    void aSkippedGapIsCommittedEvenWhenNoRecordFollowsItSoTheNextRunGoesOnWithoutBeingTold() {
        publish(0, 0, 30);
        ingestUntilCaughtUp(OPTIONS);
        publish(0, 30, 40);
        topic.deleteBefore(0, 40);

        ingestUntilCaughtUp(OPTIONS.withSkipDeletedRecords(true));

        assertThat(bronze.lastOffsets()).containsEntry(FIRST, 39L);
        assertThat(quarantine.lastOffsets()).containsEntry(FIRST, 39L);
        publish(0, 40, 45);
        ingestUntilCaughtUp(OPTIONS);
        assertThat(offsets(0)).containsExactlyElementsOf(concat(range(0, 30), range(40, 45)));
    }

    @Test
    void aTopicCreatedAgainThatStartsPastBronzesPositionIsNamedForWhatItIs() {
        publish(0, 0, 30);
        ingestUntilCaughtUp(OPTIONS);
        InMemoryTelemetryLog recreated = new InMemoryTelemetryLog("iss", 2);
        for (long second = 0; second < 60; second++) {
            recreated.appendTo(0, new byte[] {0}, TelemetryJson.format(TestTelemetry.at(second)), "simulator", 1_000L * second);
        }
        recreated.deleteBefore(0, 50);

        for (boolean skip : new boolean[] {false, true}) {
            assertThatThrownBy(() -> new IngestService(recreated.feed(8, CrashSwitch.NEVER), bronze, quarantine,
                    new FakeTime(Instant.EPOCH), OPTIONS.withSkipDeletedRecords(skip)).run(true))
                    .as("skipping deleted records: %s", skip)
                    .isInstanceOf(TopicReplaced.class).hasMessageContaining("is not the one bronze read");
            assertThat(offsets(0)).containsExactlyElementsOf(range(0, 30));
        }
    }

    /** A broker that lost acknowledged records: the next records published would take offsets bronze holds. */
    @Test
    void aLogThatEndsBeforeBronzesPositionStopsTheIngesterRatherThanSkipTheRecordsPublishedNext() {
        publish(0, 0, 20);
        bronze.append(LongStream.range(0, 30).mapToObj(DeletedRecordsTest::row).toList(), Map.of(FIRST, 29L));

        assertThatThrownBy(() -> ingestUntilCaughtUp(OPTIONS)).isInstanceOf(LogTruncated.class)
                .hasMessageContaining("the topic's log ends before what the tables have read: iss-0 ends at offset 20, and"
                        + " the tables hold it up to offset 29.")
                .hasMessageContaining("Nothing was read");
        assertThat(offsets(0)).containsExactlyElementsOf(range(0, 30));
    }

    @Test
    void aPartitionTheTablesHoldNothingOfStartsWhereItsLogStartsWithoutAGap() {
        publish(0, 0, 30);
        publish(1, 0, 10);
        topic.deleteBefore(0, 12);

        ingestUntilCaughtUp(OPTIONS);

        assertThat(offsets(0)).containsExactlyElementsOf(range(12, 30));
        assertThat(offsets(1)).containsExactlyElementsOf(range(0, 10));
    }

    @Test
    void aRunUntilCaughtUpEndsOnAPartitionWhoseRecordsWereAllDeleted() {
        publish(0, 0, 30);
        topic.deleteBefore(0, 30);

        ingestUntilCaughtUp(OPTIONS);

        assertThat(bronze.rows()).isEmpty();
        assertThat(quarantine.rows()).isEmpty();
    }

    private void ingestUntilCaughtUp(IngestOptions options) {
        new IngestService(topic.feed(8, CrashSwitch.NEVER), bronze, quarantine, new FakeTime(Instant.EPOCH), options).run(true);
    }

    private void publish(int partition, long fromSecond, long toSecond) {
        for (long second = fromSecond; second < toSecond; second++) {
            topic.appendTo(partition, new byte[] {(byte) partition}, TelemetryJson.format(TestTelemetry.at(second)),
                    "simulator", 1_000L * second);
        }
    }

    private static BronzeRecord row(long offset) {
        return new BronzeRecord(TestTelemetry.at(offset), FIRST, offset, 1_000L * offset, "simulator");
    }

    private List<Long> offsets(int partition) {
        return bronze.rows().stream().filter(r -> r.partition().partition() == partition).map(BronzeRecord::offset).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    private static List<Long> concat(List<Long> first, List<Long> second) {
        return LongStream.concat(first.stream().mapToLong(Long::longValue), second.stream().mapToLong(Long::longValue))
                .boxed().toList();
    }
}
