package org.esa.iss.adapter.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.esa.iss.domain.InvalidTelemetry;
import org.esa.iss.domain.TelemetryJson;

/**
 * The newest position already in the telemetry topic, read from the last records of each partition. A poller
 * that starts again continues after it, so that the seconds no poller ran are fetched from ground control's history.
 */
public final class KafkaTopicTail {
    /**
     * Records read back from each partition's end. Backfilled positions (older ones) are published between live
     * polls, at most ten per four slots after an outage, so the newest live position is among the last few dozen.
     */
    static final int RECORDS_PER_PARTITION = 100;

    private KafkaTopicTail() {
    }

    /**
     * The largest {@code timestamp} (unix seconds) of the valid position records among the last
     * {@value #RECORDS_PER_PARTITION} of each partition; empty if the topic is missing or holds none.
     *
     * @throws TimeoutException if the brokers did not answer within {@code timeout}
     */
    public static OptionalLong newestTimestamp(String bootstrapServers, Map<String, String> clientProperties, String topic,
                                               Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties(bootstrapServers, clientProperties),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return OptionalLong.empty();
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, remaining(deadline));
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, remaining(deadline));
            Map<TopicPartition, Long> unread = new HashMap<>();
            for (TopicPartition p : partitions) {
                long end = ends.get(p);
                if (end > begins.get(p)) {
                    consumer.seek(p, Math.max(begins.get(p), end - RECORDS_PER_PARTITION));
                    unread.put(p, end);
                }
            }
            long newest = Long.MIN_VALUE;
            while (!unread.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading the last records of " + unread.keySet() + " took longer than " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    newest = Math.max(newest, timestampOf(r.value()));
                }
                unread.entrySet().removeIf(e -> consumer.position(e.getKey(), remaining(deadline)) >= e.getValue());
            }
            return newest == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(newest);
        }
    }

    private static Properties properties(String bootstrapServers, Map<String, String> clientProperties) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "iss-tail");
        // Reads a few records at known positions: no group, nothing committed, no topic created by asking.
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // an aborted write says nothing
        return p;
    }

    /** A record that is not a valid position (the topic takes anything) says nothing about the newest one. */
    private static long timestampOf(byte[] value) {
        try {
            return TelemetryJson.parse(value).timestamp();
        } catch (InvalidTelemetry e) {
            return Long.MIN_VALUE;
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
