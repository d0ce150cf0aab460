package org.esa.iss.adapter.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PartitionPositions;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.TelemetryFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the telemetry topic as raw records: keys and values are never decoded here, so a payload that
 * cannot be parsed travels on to the quarantine table with its coordinates.
 *
 * <p>Where to read is always the positions store's decision: on every assignment the feed seeks to
 * {@link PartitionPositions#nextOffsets}, and the group's committed offsets are written only so that lag
 * shows up in the usual monitoring tools. With a group id, several feeds share the partitions (cooperative
 * rebalancing, so that a joining member does not stop the others); without one, the feed owns them all.
 *
 * <p>Like the Kafka consumer it wraps, a feed is used by one thread; only {@link #wakeup} may be called from
 * another.
 */
public final class KafkaTelemetryFeed implements TelemetryFeed {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTelemetryFeed.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final FeedOptions options;
    private final Consumer<byte[], byte[]> consumer;
    private boolean started;
    /** The topic's id, looked up from {@link #start} on, beside the consumer's first polls; taken once. */
    private CompletableFuture<Map<String, String>> earlyTopicIds;

    public KafkaTelemetryFeed(FeedOptions options) {
        this.options = options;
        this.consumer = new KafkaConsumer<>(consumerProperties(options), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    static Properties consumerProperties(FeedOptions options) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "iss-feed");
        options.groupId().ifPresent(g -> p.put(ConsumerConfig.GROUP_ID_CONFIG, g));
        // Positions live in the tables; committed offsets are for lag monitoring only.
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Every partition is positioned explicitly. If a stored position is no longer in the log (deleted by
        // retention before it was ingested, or the topic was recreated), fail loudly instead of skipping.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(options.maxPollRecords()));
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(options.fetchMinBytes()));
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(options.fetchMaxWait().toMillis()));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(options.fetchMaxBytes()));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(options.maxPartitionFetchBytes()));
        p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, String.valueOf(options.receiveBufferBytes()));
        p.putAll(options.clientProperties());
        return p;
    }

    @Override
    public void start(PartitionPositions positions) {
        if (started) {
            throw new IllegalStateException("feed already started");
        }
        started = true;
        earlyTopicIds = CompletableFuture.supplyAsync(this::lookUpTopicId);
        if (options.groupId().isPresent()) {
            consumer.subscribe(List.of(options.topic()),
                    new PositionsRebalanceListener(consumer, positions, options.absentStart()));
            LOG.info("feed subscribed to {} in group {}", options.topic(), options.groupId().get());
        } else {
            List<TopicPartition> partitions = allPartitions();
            consumer.assign(partitions);
            PositionsRebalanceListener.seekToStoredPositions(consumer, positions, options.absentStart(), partitions);
        }
    }

    /**
     * The first call takes the answer of the look-up started with the feed, if it found the topic; any other call,
     * and one after a look-up that failed or found no topic yet, asks the cluster now.
     */
    @Override
    public Map<String, String> topicIds() {
        CompletableFuture<Map<String, String>> early = earlyTopicIds;
        earlyTopicIds = null;
        if (early != null) {
            try {
                Map<String, String> ids = early.join();
                if (!ids.isEmpty()) {
                    return ids;
                }
            } catch (CompletionException e) {
                LOG.warn("looking up the id of topic {} failed ({}); asking again", options.topic(), e.getCause().getMessage());
            }
        }
        return lookUpTopicId();
    }

    private Map<String, String> lookUpTopicId() {
        try (KafkaTopics topics = KafkaTopics.connect(options.bootstrapServers(), options.clientProperties())) {
            return topics.topicId(options.topic()).map(id -> Map.of(options.topic(), id)).orElse(Map.of());
        }
    }

    private List<TopicPartition> allPartitions() {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(options.topic(), METADATA_TIMEOUT);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw NoAnswer.from("cannot look up the partitions of topic " + options.topic(), options.bootstrapServers(), e);
        }
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + options.topic() + " does not exist at "
                    + options.bootstrapServers() + "; create it first (the publisher side does)");
        }
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).sorted(
                java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    @Override
    public List<RawRecord> poll(Duration timeout) {
        if (!started) {
            throw new IllegalStateException("call start(positions) before poll");
        }
        try {
            return RecordConversion.toRaw(consumer.poll(timeout));
        } catch (WakeupException e) {
            return List.of();
        } catch (OffsetOutOfRangeException e) {
            throw new IllegalStateException("stored positions are outside the log: " + e.offsetOutOfRangePartitions()
                    + ". The records between the stored position and the log start were deleted (retention) before "
                    + "they were ingested, or the topic was recreated; nothing was skipped silently. Run again: an "
                    + "ingester compares the tables' positions with where the log starts before it reads, and names "
                    + "what it finds. If this message comes back, compare the topic's start and end offsets with the "
                    + "tables' positions.", e);
        }
    }

    @Override
    public Set<FeedPartition> assignment() {
        return consumer.assignment().stream().map(tp -> new FeedPartition(tp.topic(), tp.partition()))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Map<FeedPartition, Long> logStartOffsets(Collection<FeedPartition> partitions) {
        List<TopicPartition> asked = partitions.stream().map(RecordConversion::topicPartition).toList();
        return offsets("where the partitions of topic " + options.topic() + " start",
                () -> consumer.beginningOffsets(asked, METADATA_TIMEOUT));
    }

    @Override
    public Map<FeedPartition, Long> endOffsets() {
        return offsets("the end offsets of topic " + options.topic(),
                () -> consumer.endOffsets(consumer.assignment(), METADATA_TIMEOUT));
    }

    @Override
    public Map<FeedPartition, Long> endOffsets(Collection<FeedPartition> partitions) {
        List<TopicPartition> asked = partitions.stream().map(RecordConversion::topicPartition).toList();
        return offsets("where the partitions of topic " + options.topic() + " end",
                () -> consumer.endOffsets(asked, METADATA_TIMEOUT));
    }

    /**
     * A {@link #wakeup} (a stop) is meant for {@link #poll}, but the consumer throws it from whichever blocking call
     * comes first. One that lands here answers empty at once, as the port allows, rather than asking again (a broker
     * that is away would hold the stop for the look-up's 30 s), and is passed on to end the next poll.
     */
    private Map<FeedPartition, Long> offsets(String what, Supplier<Map<TopicPartition, Long>> lookUp) {
        Map<TopicPartition, Long> found;
        try {
            found = lookUp.get();
        } catch (WakeupException forThePoll) {
            consumer.wakeup();
            return Map.of();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw NoAnswer.from("cannot look up " + what, options.bootstrapServers(), e);
        }
        Map<FeedPartition, Long> out = new HashMap<>();
        found.forEach((tp, offset) -> out.put(new FeedPartition(tp.topic(), tp.partition()), offset));
        return out;
    }

    /**
     * The consumer's lag of each owned partition, from its fetches' responses; for a partition it has not fetched yet
     * the consumer asks for the log end in the background, without waiting, and this answers empty.
     */
    @Override
    public OptionalLong unreadRecords() {
        long unread = 0;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isEmpty()) {
                return OptionalLong.empty();
            }
            unread += lag.getAsLong();
        }
        return OptionalLong.of(unread);
    }

    /** Commits {@code nextOffsets} to the group asynchronously, for lag monitoring; a no-op without a group. */
    @Override
    public void reportProgress(Map<FeedPartition, Long> nextOffsets) {
        if (options.groupId().isEmpty() || nextOffsets.isEmpty()) {
            return;
        }
        Set<TopicPartition> owned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        nextOffsets.forEach((p, next) -> {
            TopicPartition tp = RecordConversion.topicPartition(p);
            if (owned.contains(tp)) { // a partition handed over meanwhile: its new owner reports it
                commit.put(tp, new OffsetAndMetadata(next));
            }
        });
        if (!commit.isEmpty()) {
            consumer.commitAsync(commit, (offsets, error) -> {
                if (error != null) {
                    LOG.debug("progress report (monitoring only) not committed: {}", error.toString());
                }
            });
        }
    }

    @Override
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    }
}
