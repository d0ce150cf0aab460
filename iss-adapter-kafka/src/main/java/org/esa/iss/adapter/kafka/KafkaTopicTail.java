package org.esa.iss.adapter.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.esa.iss.domain.InvalidTelemetry;
import org.esa.iss.domain.TelemetryJson;

/**
 * The positions already in the telemetry topic near its end, read back from each partition. A poller that starts
 * again fetches from ground control's history the seconds no poller ran, after the newest of them, and those an
 * earlier run had still to fetch when it stopped, the holes between them.
 */
public final class KafkaTopicTail {
    /**
     * Records always read back from each partition's end, however old. Backfilled positions (older ones) are
     * published between live polls, at most ten per four slots after an outage, so the newest live position is
     * among the last few dozen.
     */
    static final int LAST_RECORDS = 100;
    /**
     * Records read back at most from each partition's end: two hours at 2 Hz, backfilled positions included. A
     * poller remembers the last hour of the seconds it missed; a larger backlog (a replay, say) is not read whole.
     */
    static final int MAX_RECORDS = 15_000;
    /** Records published up to this long before {@code since} are read too: their time is the producer's clock. */
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(1);

    private KafkaTopicTail() {
    }

    /**
     * The {@code timestamp}s (unix seconds) of the valid position records at the end of each partition, those
     * published since {@code since} (at most {@value #MAX_RECORDS} records, the last {@value #LAST_RECORDS} in any
     * case), as far back as they show every position the partition holds for those seconds: positions timed before
     * {@code since} are left out, except the newest of them, and so are the oldest ones read when more records were
     * published since than are read (those read then begin mid-stream, and backfilled positions among them would
     * seem to stand alone). The newest position is always included. Empty if the topic is missing or holds no position.
     *
     * @throws TimeoutException if the brokers did not answer within {@code timeout}
     */
    public static NavigableSet<Long> recentSeconds(String bootstrapServers, Map<String, String> clientProperties, String topic,
                                                   Instant since, Duration timeout) {
        return recentSeconds(bootstrapServers, clientProperties, topic, since, timeout, MAX_RECORDS);
    }

    static NavigableSet<Long> recentSeconds(String bootstrapServers, Map<String, String> clientProperties, String topic,
                                            Instant since, Duration timeout, int maxRecords) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties(bootstrapServers, clientProperties),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return new TreeSet<>();
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, remaining(deadline));
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, remaining(deadline));
            Map<TopicPartition, Long> publishedSince = new HashMap<>();
            long sinceMs = since.minus(CLOCK_SLACK).toEpochMilli();
            partitions.forEach(p -> publishedSince.put(p, sinceMs));
            Map<TopicPartition, OffsetAndTimestamp> firstSince = consumer.offsetsForTimes(publishedSince, remaining(deadline));
            Map<TopicPartition, Long> unread = new HashMap<>();
            Set<TopicPartition> cut = new HashSet<>();
            for (TopicPartition p : partitions) {
                long end = ends.get(p);
                OffsetAndTimestamp first = firstSince.get(p);
                long wanted = Math.max(begins.get(p), Math.min(end - LAST_RECORDS, first == null ? end : first.offset()));
                if (wanted < end - maxRecords) {
                    cut.add(p);
                }
                if (end > begins.get(p)) {
                    consumer.seek(p, Math.max(wanted, end - maxRecords));
                    unread.put(p, end);
                }
            }
            Map<TopicPartition, Long> oldestShown = new HashMap<>();
            TreeSet<Long> seconds = new TreeSet<>();
            long newest = Long.MIN_VALUE;
            long newestBefore = Long.MIN_VALUE;
            while (!unread.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading the last records of " + unread.keySet() + " took longer than " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    TopicPartition p = new TopicPartition(r.topic(), r.partition());
                    // records come in offset order: the first one read tells where a cut partition's read began
                    long oldest = oldestShown.computeIfAbsent(p, x -> cut.contains(x)
                            ? Math.max(since.getEpochSecond(), r.timestamp() / 1000 + CLOCK_SLACK.toSeconds())
                            : since.getEpochSecond());
                    long second = timestampOf(r.value());
                    if (second == Long.MIN_VALUE) {
                        continue;
                    }
                    newest = Math.max(newest, second);
                    if (second >= oldest) {
                        seconds.add(second);
                    } else if (!cut.contains(p)) {
                        newestBefore = Math.max(newestBefore, second);
                    }
                }
                unread.entrySet().removeIf(e -> consumer.position(e.getKey(), remaining(deadline)) >= e.getValue());
            }
            for (long second : new long[] {newest, newestBefore}) {
                if (second != Long.MIN_VALUE) {
                    seconds.add(second);
                }
            }
            return seconds;
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

    /** A record that is not a valid position (the topic takes anything) says nothing about the seconds held. */
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
