package org.esa.iss.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PartitionPositions;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.TelemetryFeed;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TelemetryFeed} promises the ingester (its Javadoc lists the rules). Extend it once per
 * implementation, with a topic of its own for each test.
 */
public abstract class TelemetryFeedContract {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A topic one test writes and reads. */
    protected interface Topic {
        String name();

        /** Appends a value to a partition and returns once it is stored. */
        void publish(int partition, byte[] value) throws Exception;

        /** Deletes a partition's records before an offset, as retention does. */
        void deleteBefore(int partition, long offset) throws Exception;

        /** A new feed owning every partition of the topic, starting a partition it is given no offset for at 0. */
        TelemetryFeed feed();
    }

    /** A new, empty topic of {@code partitions} partitions. */
    protected abstract Topic createTopic(int partitions) throws Exception;

    @Test
    void aFeedStartsWhereItIsToldOrAtTheStartAndDeliversEachRecordOnceInOffsetOrder() throws Exception {
        Topic topic = createTopic(2);
        publish(topic, 0, 5);
        publish(topic, 1, 3);
        FeedPartition first = new FeedPartition(topic.name(), 0);
        FeedPartition second = new FeedPartition(topic.name(), 1);
        try (TelemetryFeed feed = topic.feed()) {
            feed.start(resumingAt(Map.of(first, 2L)));
            List<RawRecord> read = pollUntil(feed, 6);

            assertThat(offsetsOf(read, first)).containsExactly(2L, 3L, 4L);
            assertThat(offsetsOf(read, second)).containsExactly(0L, 1L, 2L);
            assertThat(feed.poll(Duration.ofMillis(500))).as("nothing twice").isEmpty();
            assertThat(feed.assignment()).containsExactlyInAnyOrder(first, second);
            assertThat(feed.endOffsets()).as("one past the last record").isEqualTo(Map.of(first, 5L, second, 3L));
            assertThat(feed.endOffsets(List.of(second))).as("of the partitions asked about").isEqualTo(Map.of(second, 3L));
            assertThat(feed.unreadRecords()).as("nothing left unread, if the feed can tell")
                    .isIn(OptionalLong.of(0), OptionalLong.empty());
        }
    }

    @Test
    void aPositionBeyondTheLogsEndMakesPollThrowNotJump() throws Exception {
        Topic topic = createTopic(1);
        publish(topic, 0, 2);
        try (TelemetryFeed feed = topic.feed()) {
            feed.start(resumingAt(Map.of(new FeedPartition(topic.name(), 0), 7L)));
            // a feed that jumped to the start would deliver the two records, one that jumped to the end none in time
            assertThatThrownBy(() -> pollUntil(feed, 1)).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void aFeedTellsWhereItsLogStartsAfterRecordsWereDeletedAndAPositionBeforeThatMakesPollThrow() throws Exception {
        Topic topic = createTopic(2);
        publish(topic, 0, 6);
        topic.deleteBefore(0, 4);
        FeedPartition first = new FeedPartition(topic.name(), 0);
        FeedPartition second = new FeedPartition(topic.name(), 1);
        try (TelemetryFeed feed = topic.feed()) {
            feed.start(resumingAt(Map.of()));
            Map<FeedPartition, Long> starts = feed.logStartOffsets(List.of(first, second));
            assertThat(starts.getOrDefault(first, 0L)).isEqualTo(4L);
            assertThat(starts.getOrDefault(second, 0L)).as("nothing deleted (absent counts as 0)").isZero();
            assertThat(offsetsOf(pollUntil(feed, 2), first)).as("given no position: the log's start").containsExactly(4L, 5L);
        }
        try (TelemetryFeed feed = topic.feed()) {
            feed.start(resumingAt(Map.of(first, 2L)));
            assertThatThrownBy(() -> pollUntil(feed, 1)).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void aWakeupEndsAWaitingPollAtOnce() throws Exception {
        Topic topic = createTopic(1);
        try (TelemetryFeed feed = topic.feed()) {
            feed.start(resumingAt(Map.of()));
            CompletableFuture<List<RawRecord>> polled = CompletableFuture.supplyAsync(() -> feed.poll(Duration.ofMinutes(5)));
            Thread.sleep(300);
            feed.wakeup();
            assertThat(polled.get(20, TimeUnit.SECONDS)).isEmpty();
        }
    }

    /**
     * A stop's wakeup can land while the ingester asks where the partitions end or start (a partition just assigned):
     * those calls answer (truly, or empty), and the wakeup is kept for the poll it was meant for.
     */
    @Test
    void aWakeupBeforeAnotherCallIsKeptForTheNextPoll() throws Exception {
        Topic topic = createTopic(1);
        publish(topic, 0, 3);
        FeedPartition only = new FeedPartition(topic.name(), 0);
        try (TelemetryFeed feed = topic.feed()) {
            feed.start(resumingAt(Map.of(only, 3L)));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (feed.assignment().isEmpty()) {
                assertThat(System.nanoTime()).as("assigned within %s", PATIENCE).isLessThan(deadline);
                feed.poll(Duration.ofMillis(200));
            }

            feed.wakeup();
            assertThat(feed.endOffsets()).isIn(Map.of(only, 3L), Map.of());
            assertThat(feed.logStartOffsets(List.of(only)).getOrDefault(only, 0L)).isZero();
            CompletableFuture<List<RawRecord>> polled = CompletableFuture.supplyAsync(() -> feed.poll(Duration.ofMinutes(5)));
            assertThat(polled.get(20, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void feedsOfOneTopicTellOneTopicIdOrNone() throws Exception {
        Topic topic = createTopic(1);
        try (TelemetryFeed one = topic.feed(); TelemetryFeed other = topic.feed()) {
            one.start(resumingAt(Map.of()));
            other.start(resumingAt(Map.of()));
            Map<String, String> ids = one.topicIds();
            assertThat(other.topicIds()).isEqualTo(ids);
            if (!ids.isEmpty()) {
                assertThat(ids).containsOnlyKeys(topic.name());
            }
            Topic another = createTopic(1);
            try (TelemetryFeed ofAnother = another.feed()) {
                ofAnother.start(resumingAt(Map.of()));
                assertThat(ofAnother.topicIds().get(another.name())).as("another topic's id")
                        .isNotEqualTo(ids.getOrDefault(topic.name(), "no id"));
            }
        }
    }

    private static void publish(Topic topic, int partition, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            topic.publish(partition, ("record " + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<RawRecord> pollUntil(TelemetryFeed feed, int records) {
        List<RawRecord> read = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (read.size() < records) {
            assertThat(System.nanoTime()).as("%d records within %s", records, PATIENCE).isLessThan(deadline);
            read.addAll(feed.poll(Duration.ofMillis(200)));
        }
        return read;
    }

    private static List<Long> offsetsOf(List<RawRecord> records, FeedPartition partition) {
        return records.stream().filter(r -> r.partition().equals(partition)).map(RawRecord::offset).toList();
    }

    /** Positions as a table would give them: the next offset of the partitions it holds. */
    private static PartitionPositions resumingAt(Map<FeedPartition, Long> next) {
        return new PartitionPositions() {
            @Override
            public Map<FeedPartition, Long> nextOffsets(Collection<FeedPartition> assigned) {
                Map<FeedPartition, Long> given = new HashMap<>();
                assigned.forEach(p -> {
                    if (next.containsKey(p)) {
                        given.put(p, next.get(p));
                    }
                });
                return given;
            }

            @Override
            public void revoked(Collection<FeedPartition> revoked) {
            }
        };
    }
}
