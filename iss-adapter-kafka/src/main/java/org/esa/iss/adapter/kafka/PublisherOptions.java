package org.esa.iss.adapter.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Producer tuning for the telemetry publisher. Two presets cover the two workloads: {@link #live} for the
 * 2 Hz poller (latency matters, volume does not) and {@link #replay} for backlogs (throughput matters).
 *
 * @param bootstrapServers  where the cluster is
 * @param topic             the telemetry topic
 * @param linger            how long a batch waits for company; a few ms live, longer for replay to fill batches
 * @param batchSizeBytes    upper bound of one partition batch; large batches compress and transfer better
 * @param compression       {@code none}, {@code lz4}, ...; lz4 nearly doubles replay throughput on loopback
 * @param bufferMemoryBytes records waiting for the broker, once in the publisher's queue and once in the producer's
 *                          buffer (only the latter when the caller sends); 64 MiB holds about a day of 2 Hz data at
 *                          ~380 B, so an outage of hours loses nothing
 * @param deliveryTimeout   how long a record may wait for the broker before it is failed; a day, for the
 *                          same reason
 * @param maxBlock          the longest {@code publish} waits for room when the buffer is full (or, when the caller
 *                          sends, for the broker to take the record), after which the record fails: one poll slot
 *                          live, so that even a day-long outage never stalls the poller; minutes for replay, which
 *                          should simply slow down to the broker's pace
 * @param closeTimeout      how long {@code close} waits for queued records; what is still queued then fails
 *                          (counted and logged) rather than hanging the shutdown
 * @param callerSends       {@code true}: {@code publish} hands the record to the producer itself and waits there
 *                          while the producer is full or the broker away (replay: the backpressure it needs, without
 *                          a thread hand-off per record); {@code false}: a sender thread does, so that
 *                          {@code publish} returns at once (the poller)
 * @param clientProperties  any other producer property, passed through unchanged (SASL, SSL, client.id, ...);
 *                          they override the settings above
 */
public record PublisherOptions(String bootstrapServers, String topic, Duration linger, int batchSizeBytes,
                               String compression, long bufferMemoryBytes, Duration deliveryTimeout,
                               Duration maxBlock, Duration closeTimeout, boolean callerSends,
                               Map<String, String> clientProperties) {

    public PublisherOptions {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is required");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic is required");
        }
        Objects.requireNonNull(linger, "linger");
        if (batchSizeBytes < 1) {
            throw new IllegalArgumentException("batchSizeBytes must be positive, got " + batchSizeBytes);
        }
        Objects.requireNonNull(compression, "compression");
        if (bufferMemoryBytes < batchSizeBytes) {
            throw new IllegalArgumentException("bufferMemoryBytes must hold at least one batch");
        }
        Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
        Objects.requireNonNull(maxBlock, "maxBlock");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        clientProperties = Map.copyOf(Objects.requireNonNull(clientProperties, "clientProperties"));
        checkClientProperties(clientProperties);
    }

    /**
     * Refuses pass-through properties that would undo what the publisher's exactly-once rests on; callers may check
     * them before they start anything.
     *
     * @throws IllegalArgumentException naming the first such property and why its value is fixed
     */
    public static void checkClientProperties(Map<String, String> clientProperties) {
        ClientPropertyGuard.check(clientProperties, "publisher",
                new ClientPropertyGuard.Fixed("enable.idempotence", "true", "a retried send must not duplicate a record"),
                new ClientPropertyGuard.Fixed("acks", "all", "a record counts as delivered once every in-sync replica has it", List.of("-1")));
    }

    /** The poller's settings: 5 ms linger, 16 KiB batches, no compression, a sender thread. */
    public static PublisherOptions live(String bootstrapServers, String topic) {
        return new PublisherOptions(bootstrapServers, topic, Duration.ofMillis(5), 16 * 1024, "none",
                64L * 1024 * 1024, Duration.ofHours(24), Duration.ofMillis(500), Duration.ofSeconds(30), false, Map.of());
    }

    /** Backlog settings: 50 ms linger, 512 KiB batches, lz4, sent on the caller's thread. */
    public static PublisherOptions replay(String bootstrapServers, String topic) {
        return new PublisherOptions(bootstrapServers, topic, Duration.ofMillis(50), 512 * 1024, "lz4",
                64L * 1024 * 1024, Duration.ofHours(24), Duration.ofMinutes(10), Duration.ofSeconds(30), true, Map.of());
    }

    /** These options plus one pass-through producer property. */
    public PublisherOptions withClientProperty(String key, String value) {
        Map<String, String> more = new HashMap<>(clientProperties);
        more.put(key, value);
        return withClientProperties(more);
    }

    /** These options with the given pass-through producer properties (replacing earlier ones). */
    public PublisherOptions withClientProperties(Map<String, String> properties) {
        return new PublisherOptions(bootstrapServers, topic, linger, batchSizeBytes, compression, bufferMemoryBytes,
                deliveryTimeout, maxBlock, closeTimeout, callerSends, properties);
    }

    public PublisherOptions withMaxBlock(Duration newMaxBlock) {
        return new PublisherOptions(bootstrapServers, topic, linger, batchSizeBytes, compression, bufferMemoryBytes,
                deliveryTimeout, newMaxBlock, closeTimeout, callerSends, clientProperties);
    }

    public PublisherOptions withDeliveryTimeout(Duration newDeliveryTimeout) {
        return new PublisherOptions(bootstrapServers, topic, linger, batchSizeBytes, compression, bufferMemoryBytes,
                newDeliveryTimeout, maxBlock, closeTimeout, callerSends, clientProperties);
    }
}
