package org.esa.iss.adapter.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.Observation;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.TelemetryPublisher.Delivery;
import org.junit.jupiter.api.Test;

class PublishAndFeedTest {

    private static final int ONE_MIB = 1024 * 1024;

    @Test
    void publishedObservationComesOutOfTheFeedWithKeyValueAndHeadersUnchanged() throws Exception {
        String topic = SharedBroker.freshTopic("roundtrip", 1);
        Observation observation = Observations.nth(7, "api");

        Delivery delivery;
        try (KafkaTelemetryPublisher publisher = new KafkaTelemetryPublisher(live(topic))) {
            delivery = publisher.publish(observation).get(30, TimeUnit.SECONDS);
            assertThat(publisher.counts()).isEqualTo(new PublishCounts(1, 1, 0));
        }
        assertThat(delivery).isEqualTo(new Delivery(topic, 0, 0));

        try (KafkaTelemetryFeed feed = new KafkaTelemetryFeed(FeedOptions.allPartitions(SharedBroker.bootstrapServers(), topic))) {
            feed.start(new InMemoryPositions());
            RawRecord record = Drain.records(feed, 1).get(0);

            assertThat(record.partition()).isEqualTo(new FeedPartition(topic, 0));
            assertThat(record.offset()).isZero();
            assertThat(record.key()).isEqualTo("25544".getBytes(UTF_8));
            assertThat(record.value()).isEqualTo(observation.json());
            assertThat(record.header("source", null)).isEqualTo("api");
            assertThat(record.header("fetched_at", null)).isEqualTo(observation.fetchedAt().toString());
            assertThat(record.timestampMs()).isPositive();
        }
    }

    /** Bronze's lag on /health: the log ends the fetches saw, less what polls returned, without a request. */
    @Test
    void theFeedKnowsWhatItHasNotReturnedFromItsFetches() throws Exception {
        String topic = SharedBroker.freshTopic("unread", 1);
        try (KafkaTelemetryPublisher publisher = new KafkaTelemetryPublisher(live(topic))) {
            for (int i = 0; i < 10; i++) {
                publisher.publish(Observations.nth(i, "api"));
            }
            publisher.flush();
        }
        try (KafkaTelemetryFeed feed = new KafkaTelemetryFeed(FeedOptions.allPartitions(SharedBroker.bootstrapServers(), topic)
                .withMaxPollRecords(4))) {
            feed.start(new InMemoryPositions());
            List<RawRecord> first = Drain.records(feed, 1);

            assertThat(feed.unreadRecords()).hasValue(10L - first.size());
            Drain.records(feed, 10 - first.size());
            assertThat(feed.unreadRecords()).hasValue(0);
        }
    }

    @Test
    void freshTopicAcceptsItsFirstRecordWithoutTheTwoMinuteStall() {
        String topic = SharedBroker.uniqueName("fresh");
        try (KafkaTopics topics = KafkaTopics.connect(SharedBroker.bootstrapServers(), Map.of());
             KafkaTelemetryPublisher publisher = new KafkaTelemetryPublisher(live(topic))) {
            topics.ensure(TopicSpec.of(topic, 3));
            var delivered = publisher.publish(Observations.nth(1));
            // KAFKA-15591 shows as a produce that hangs ~120 s; a ready topic answers in milliseconds.
            await().atMost(Duration.ofSeconds(30)).until(delivered::isDone);
            assertThat(delivered).isCompleted();
        }
    }

    @Test
    void ensuringAnExistingTopicKeepsItAndItsPartitionCount() {
        String topic = SharedBroker.freshTopic("existing", 2);
        try (KafkaTopics topics = KafkaTopics.connect(SharedBroker.bootstrapServers(), Map.of())) {
            assertThat(topics.ensure(TopicSpec.of(topic, 5))).isEqualTo(2);
        }
    }

    @Test
    void undecodablePayloadsComeOutOfTheFeedAsRawRecordsUnchanged() throws Exception {
        String topic = SharedBroker.freshTopic(TopicSpec.of(SharedBroker.uniqueName("raw"), 1)
                .withConfig("max.message.bytes", String.valueOf(2 * ONE_MIB)));
        byte[] random = new byte[300];
        new Random(42).nextBytes(random);
        byte[] truncated = "{\"name\":\"iss\",\"id\":25544,\"latitude\":12.3".getBytes(UTF_8);
        byte[] huge = new byte[ONE_MIB];
        new Random(7).nextBytes(huge);
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        add(keys, values, "25544".getBytes(UTF_8), random);
        add(keys, values, "25544".getBytes(UTF_8), truncated);
        add(keys, values, "25544".getBytes(UTF_8), new byte[0]);
        add(keys, values, null, Observations.nth(3).json());
        add(keys, values, "25544".getBytes(UTF_8), huge);

        try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
            for (int i = 0; i < keys.size(); i++) {
                producer.send(new ProducerRecord<>(topic, 0, keys.get(i), values.get(i))).get(30, TimeUnit.SECONDS);
            }
        }

        try (KafkaTelemetryFeed feed = new KafkaTelemetryFeed(FeedOptions.allPartitions(SharedBroker.bootstrapServers(), topic))) {
            feed.start(new InMemoryPositions());
            List<RawRecord> records = Drain.records(feed, keys.size());

            assertThat(records).hasSize(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                assertThat(records.get(i).offset()).isEqualTo(i);
                assertThat(records.get(i).key()).isEqualTo(keys.get(i));
                assertThat(records.get(i).value()).isEqualTo(values.get(i));
                assertThat(records.get(i).headers()).isEmpty();
            }
        }
    }

    @Test
    void manualAssignmentStartsAtTheStoredPositionsNotAtTheBeginning() throws Exception {
        String topic = SharedBroker.freshTopic("stored", 2);
        publishAll(topic, 20);
        InMemoryPositions positions = new InMemoryPositions();
        positions.set(new FeedPartition(topic, 0), 3);

        try (KafkaTelemetryFeed feed = new KafkaTelemetryFeed(FeedOptions.allPartitions(SharedBroker.bootstrapServers(), topic))) {
            feed.start(positions);
            List<RawRecord> records = Drain.records(feed, 17);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> records.addAll(feed.poll(Duration.ofMillis(100))) || true);

            assertThat(records).hasSize(17);
            assertThat(records).filteredOn(r -> r.partition().partition() == 0)
                    .allSatisfy(r -> assertThat(r.offset()).isGreaterThanOrEqualTo(3));
            assertThat(feed.assignment()).containsExactlyInAnyOrder(new FeedPartition(topic, 0), new FeedPartition(topic, 1));
            long total = feed.endOffsets().values().stream().mapToLong(Long::longValue).sum();
            assertThat(total).isEqualTo(20);
        }
    }

    @Test
    void storedPositionBeyondTheLogIsReportedInsteadOfSkipped() {
        String topic = SharedBroker.freshTopic("outofrange", 1);
        InMemoryPositions positions = new InMemoryPositions();
        positions.set(new FeedPartition(topic, 0), 1_000);

        try (KafkaTelemetryFeed feed = new KafkaTelemetryFeed(FeedOptions.allPartitions(SharedBroker.bootstrapServers(), topic))) {
            feed.start(positions);
            assertThatThrownBy(() -> {
                for (int attempt = 0; attempt < 100; attempt++) {
                    feed.poll(Duration.ofMillis(200));
                }
            }).isInstanceOf(IllegalStateException.class).hasMessageContaining("outside the log");
        }
    }

    @Test
    void progressReportsBecomeTheGroupsCommittedOffsetsForLagMonitoring() throws Exception {
        String topic = SharedBroker.freshTopic("progress", 1);
        publishAll(topic, 5);
        String group = SharedBroker.uniqueName("lag");
        InMemoryPositions positions = new InMemoryPositions();

        try (KafkaTelemetryFeed feed = new KafkaTelemetryFeed(FeedOptions.group(SharedBroker.bootstrapServers(), topic, group));
             Admin admin = Admin.create(Map.of("bootstrap.servers", SharedBroker.bootstrapServers()))) {
            feed.start(positions);
            List<RawRecord> records = Drain.records(feed, 5);
            feed.reportProgress(Map.of(records.get(0).partition(), 5L));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                feed.poll(Duration.ofMillis(50)); // async commits complete inside poll
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                assertThat(committed.values()).singleElement().satisfies(o -> assertThat(o.offset()).isEqualTo(5));
            });
        }
    }

    @Test
    void wakeupEndsABlockedPollAtOnceWithAnEmptyBatch() throws Exception {
        String topic = SharedBroker.freshTopic("wakeup", 1);
        try (KafkaTelemetryFeed feed = new KafkaTelemetryFeed(FeedOptions.allPartitions(SharedBroker.bootstrapServers(), topic))) {
            feed.start(new InMemoryPositions());
            Thread waker = new Thread(() -> {
                sleep(300);
                feed.wakeup();
            });
            waker.start();
            long start = System.nanoTime();
            assertThat(feed.poll(Duration.ofSeconds(30))).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            waker.join();
        }
    }

    @Test
    void feedOnAMissingTopicSaysSo() {
        try (KafkaTelemetryFeed feed = new KafkaTelemetryFeed(
                FeedOptions.allPartitions(SharedBroker.bootstrapServers(), SharedBroker.uniqueName("missing")))) {
            assertThatThrownBy(() -> feed.start(new InMemoryPositions())).hasMessageContaining("does not exist");
        }
    }

    @Test
    void recordTheBrokerRefusesIsCountedAsFailedAndTheFutureSaysWhy() {
        String topic = SharedBroker.freshTopic("refused", 1);
        PublisherOptions options = live(topic).withClientProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "200");
        try (KafkaTelemetryPublisher publisher = new KafkaTelemetryPublisher(options)) {
            var delivery = publisher.publish(Observations.nth(1));
            await().atMost(Duration.ofSeconds(30)).until(delivery::isDone);
            assertThat(delivery).isCompletedExceptionally();
            assertThat(publisher.counts()).isEqualTo(new PublishCounts(1, 0, 1));
        }
    }

    @Test
    void replayPresetPublishesOnTheCallersThreadInOrderWithHeadersFromTheObservation() throws Exception {
        String topic = SharedBroker.freshTopic("replay", 1);
        int count = 5_000;
        try (KafkaTelemetryPublisher publisher = new KafkaTelemetryPublisher(
                PublisherOptions.replay(SharedBroker.bootstrapServers(), topic))) {
            for (int i = 0; i < count; i++) {
                // two sources and a new fetch time every record: the cached header bytes must follow the observation
                publisher.publish(Observations.nth(i, i % 2 == 0 ? "api" : "api-backfill"));
            }
            publisher.flush();
            assertThat(publisher.counts()).isEqualTo(new PublishCounts(count, count, 0));
        }
        try (KafkaTelemetryFeed feed = new KafkaTelemetryFeed(FeedOptions.allPartitions(SharedBroker.bootstrapServers(), topic))) {
            feed.start(new InMemoryPositions());
            List<RawRecord> records = Drain.records(feed, count);
            for (int i = 0; i < count; i++) {
                Observation sent = Observations.nth(i, i % 2 == 0 ? "api" : "api-backfill");
                assertThat(Observations.sequenceOf(records.get(i).value())).isEqualTo(i);
                assertThat(records.get(i).header("source", null)).isEqualTo(sent.source());
                assertThat(records.get(i).header("fetched_at", null)).isEqualTo(sent.fetchedAt().toString());
            }
        }
    }

    @Test
    void replayPresetWithoutABrokerFailsEachRecordAfterMaxBlockSayingWhy() {
        PublisherOptions options = PublisherOptions.replay("127.0.0.1:" + SharedBroker.closedPort(), "nowhere")
                .withMaxBlock(Duration.ofSeconds(2));
        try (KafkaTelemetryPublisher publisher = new KafkaTelemetryPublisher(options)) {
            // the caller itself waited, about maxBlock, and then the record failed with the producer's reason
            assertThat(millisUntilOneRecordFails(publisher)).isBetween(1_500L, 20_000L);
        }
    }

    @Test
    void aPublishWaitingForAnAbsentBrokerGivesUpSoonAfterStopWaitingForBroker() {
        // maxBlock well above the stop, and well below the preset's 10 minutes, so that a regression fails soon
        PublisherOptions options = PublisherOptions.replay("127.0.0.1:" + SharedBroker.closedPort(), "nowhere")
                .withMaxBlock(Duration.ofSeconds(40));
        ScheduledExecutorService stopper = Executors.newSingleThreadScheduledExecutor();
        try (KafkaTelemetryPublisher publisher = new KafkaTelemetryPublisher(options)) {
            stopper.schedule(publisher::stopWaitingForBroker, 2, TimeUnit.SECONDS);
            // the stop after 2 s, then at most one more refused hand-off (1 s), not the preset's 10 minutes
            assertThat(millisUntilOneRecordFails(publisher)).isBetween(1_900L, 20_000L);
        } finally {
            stopper.shutdownNow();
        }
    }

    /** Publishes one record that cannot be delivered; how long {@code publish} kept the caller, once it failed. */
    private static long millisUntilOneRecordFails(KafkaTelemetryPublisher publisher) {
        long began = System.nanoTime();
        var delivery = publisher.publish(Observations.nth(1));
        long waitedMs = (System.nanoTime() - began) / 1_000_000;
        assertThat(delivery).isCompletedExceptionally();
        assertThat(publisher.counts()).isEqualTo(new PublishCounts(1, 0, 1));
        return waitedMs;
    }

    /** Round-robin over the topic's partitions, so that each gets some. */
    private static void publishAll(String topic, int count) throws Exception {
        int partitions;
        try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
            partitions = producer.partitionsFor(topic).size();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, null, Observations.nth(i).json()));
            }
            producer.flush();
        }
    }

    static PublisherOptions live(String topic) {
        return PublisherOptions.live(SharedBroker.bootstrapServers(), topic);
    }

    private static KafkaProducer<byte[], byte[]> rawProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(2 * ONE_MIB));
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void add(List<byte[]> keys, List<byte[]> values, byte[] key, byte[] value) {
        keys.add(key);
        values.add(value);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
