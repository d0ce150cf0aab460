package org.esa.iss.ports.out;

/** One partition of the telemetry topic: the unit of ordering and of exactly-once bookkeeping. */
public record FeedPartition(String topic, int partition) {
    public FeedPartition {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic is required");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, got " + partition);
        }
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
