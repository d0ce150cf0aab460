package org.esa.iss.adapter.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Consumer tuning for the telemetry feed. The defaults are sized for draining a backlog of millions of
 * records; a live 2 Hz stream is served by the same settings with at most {@code fetchMaxWait} of delay.
 *
 * @param bootstrapServers       where the cluster is
 * @param topic                  the telemetry topic
 * @param groupId                a consumer group to share partitions with other ingesters, or empty to own
 *                               every partition of the topic (manual assignment, no group coordinator)
 * @param absentStart            where a partition starts when the positions store does not know it; the
 *                               beginning for ingesters (nothing may be skipped), the end for a live tail
 * @param maxPollRecords         records per batch; large batches amortise the per-batch cost downstream, but each
 *                               record stays alive until it is written
 * @param fetchMinBytes          the broker holds a fetch until this much is available (or fetchMaxWait passed):
 *                               fewer, fuller responses while catching up
 * @param fetchMaxWait           the most a live record waits on the broker because of fetchMinBytes
 * @param fetchMaxBytes          upper bound of one fetch response across partitions
 * @param maxPartitionFetchBytes upper bound per partition per fetch; must exceed the largest record expected
 * @param receiveBufferBytes     socket receive buffer; -1 lets the OS auto-tune it, which on Linux grows past
 *                               any size an unprivileged process may set explicitly
 * @param clientProperties       any other consumer property, passed through unchanged (SASL, SSL, ...); they
 *                               override the settings above, but not the group, offset commits or offset reset
 *                               that exactly-once ingestion rests on (refused)
 */
public record FeedOptions(String bootstrapServers, String topic, Optional<String> groupId, StartPosition absentStart,
                          int maxPollRecords, int fetchMinBytes, Duration fetchMaxWait, int fetchMaxBytes,
                          int maxPartitionFetchBytes, int receiveBufferBytes, Map<String, String> clientProperties) {

    /** Where a partition without a stored position starts. */
    public enum StartPosition { EARLIEST, LATEST }

    public FeedOptions {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is required");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic is required");
        }
        Objects.requireNonNull(groupId, "groupId");
        groupId.ifPresent(g -> {
            if (g.isBlank()) {
                throw new IllegalArgumentException("groupId must not be blank");
            }
        });
        Objects.requireNonNull(absentStart, "absentStart");
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("maxPollRecords must be positive, got " + maxPollRecords);
        }
        Objects.requireNonNull(fetchMaxWait, "fetchMaxWait");
        if (fetchMaxBytes < maxPartitionFetchBytes) {
            throw new IllegalArgumentException("fetchMaxBytes must be >= maxPartitionFetchBytes");
        }
        clientProperties = Map.copyOf(Objects.requireNonNull(clientProperties, "clientProperties"));
        checkClientProperties(clientProperties, groupId);
    }

    /**
     * Refuses pass-through properties that would undo what the feed's exactly-once rests on (of a feed in
     * {@code groupId}, if any); callers may check them before they start anything.
     *
     * @throws IllegalArgumentException naming the first such property and why its value is fixed
     */
    public static void checkClientProperties(Map<String, String> clientProperties, Optional<String> groupId) {
        ClientPropertyGuard.check(clientProperties, "feed",
                new ClientPropertyGuard.Fixed("enable.auto.commit", "false", "positions live in the tables; Kafka's are for monitoring"),
                new ClientPropertyGuard.Fixed("auto.offset.reset", "none", "a position no longer in the log must fail, not skip records"));
        if (groupId.isPresent()) {
            ClientPropertyGuard.check(clientProperties, "feed",
                    new ClientPropertyGuard.Fixed("group.id", groupId.get(), "the ingesters share partitions in this group only"),
                    new ClientPropertyGuard.Fixed("group.protocol", "classic", "the ingesters choose their cooperative"
                            + " assignment themselves, which the broker does under the consumer protocol"));
        }
    }

    /** Share the topic's partitions with the other members of {@code groupId}. */
    public static FeedOptions group(String bootstrapServers, String topic, String groupId) {
        return defaults(bootstrapServers, topic, Optional.of(groupId));
    }

    /** Own every partition of the topic. */
    public static FeedOptions allPartitions(String bootstrapServers, String topic) {
        return defaults(bootstrapServers, topic, Optional.empty());
    }

    /**
     * 2,048 records per poll and 4 MiB per partition fetch (about 35,000 records, lz4 batches at ~114 B a
     * record): a poll costs little next to parsing 2,048 records, and what has been read but not yet written
     * stays small. Each record holds about 1 KB of Kafka objects until it is written, and whatever is in flight
     * at a young collection is copied; polls of 8,192 (with the ingester's queue) keep 20-27 MB alive, more than
     * a survivor space holds, so most of it is promoted and the old generation fills within seconds.
     */
    private static FeedOptions defaults(String bootstrapServers, String topic, Optional<String> groupId) {
        return new FeedOptions(bootstrapServers, topic, groupId, StartPosition.EARLIEST, 2_048, 1024 * 1024,
                Duration.ofMillis(100), 50 * 1024 * 1024, 4 * 1024 * 1024, -1, Map.of());
    }

    public FeedOptions withAbsentStart(StartPosition start) {
        return new FeedOptions(bootstrapServers, topic, groupId, start, maxPollRecords, fetchMinBytes, fetchMaxWait,
                fetchMaxBytes, maxPartitionFetchBytes, receiveBufferBytes, clientProperties);
    }

    public FeedOptions withMaxPollRecords(int records) {
        return new FeedOptions(bootstrapServers, topic, groupId, absentStart, records, fetchMinBytes, fetchMaxWait,
                fetchMaxBytes, maxPartitionFetchBytes, receiveBufferBytes, clientProperties);
    }

    /** These options plus one pass-through consumer property. */
    public FeedOptions withClientProperty(String key, String value) {
        Map<String, String> more = new HashMap<>(clientProperties);
        more.put(key, value);
        return withClientProperties(more);
    }

    /** These options with the given pass-through consumer properties (replacing earlier ones). */
    public FeedOptions withClientProperties(Map<String, String> properties) {
        return new FeedOptions(bootstrapServers, topic, groupId, absentStart, maxPollRecords, fetchMinBytes,
                fetchMaxWait, fetchMaxBytes, maxPartitionFetchBytes, receiveBufferBytes, properties);
    }
}
