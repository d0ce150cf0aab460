package org.esa.iss.adapter.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

/**
 * A topic to create if absent.
 *
 * @param name         the topic name
 * @param partitions   partition count; more partitions let several ingesters share the load, but one
 *                     satellite's fixes stay ordered only within its partition (the key picks it)
 * @param configs      topic-level overrides (for example {@code max.message.bytes}); empty = broker defaults
 * @param readyTimeout how long to wait until every partition answers; generous because a fresh topic can
 *                     take a while on a loaded cluster, bounded so that a broken one is reported
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs, Duration readyTimeout) {

    /** The telemetry topic the commands use unless told otherwise ({@code --topic}). */
    public static final String DEFAULT_TOPIC = "iss";

    public TopicSpec {
        checkName(name);
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        configs = Map.copyOf(Objects.requireNonNull(configs, "configs"));
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        if (readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("readyTimeout must be positive, got " + readyTimeout);
        }
    }

    /**
     * Refuses a name Kafka would refuse only when the topic is created or subscribed to, deep in a command's start.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code name}, in Kafka's words
     */
    public static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name is required");
        }
        try {
            Topic.validate(name);
        } catch (InvalidTopicException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@code partitions} partitions, broker defaults, 60 s to become ready. */
    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, Map.of(), Duration.ofSeconds(60));
    }

    public TopicSpec withConfig(String key, String value) {
        Map<String, String> more = new java.util.HashMap<>(configs);
        more.put(key, value);
        return new TopicSpec(name, partitions, more, readyTimeout);
    }

    public TopicSpec withReadyTimeout(Duration timeout) {
        return new TopicSpec(name, partitions, configs, timeout);
    }
}
