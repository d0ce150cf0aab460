package org.esa.iss.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.esa.iss.adapter.kafka.TopicSpec;

/**
 * What phases run on one broker share: the broker, the data directory and the settings. The backlog phases
 * (publish, bronze, gold, query) work on one topic and one set of tables, each phase on what the previous one
 * produced; the live phase runs on a broker of its own, with a topic and tables of its own, so its latencies
 * do not depend on which other phases ran.
 */
record BenchRun(String bootstrapServers, Path dataDir, int partitions, long records, int queries,
                Duration liveDuration, Duration liveWarmup) {
    /** Event time of the first replayed record, as {@code iss replay} (near the bundled TLE's epoch). */
    static final Instant BACKLOG_START = Instant.parse("2024-04-25T00:00:00Z");

    KafkaConnection backlogTopic() {
        return topic(TopicSpec.DEFAULT_TOPIC);
    }

    DataLayout backlogTables() {
        return new DataLayout(dataDir);
    }

    KafkaConnection liveTopic() {
        return topic("iss-live");
    }

    DataLayout liveTables() {
        return new DataLayout(dataDir.resolve("live"));
    }

    private KafkaConnection topic(String name) {
        KafkaConnection kafka = new KafkaConnection();
        kafka.bootstrapServers = bootstrapServers;
        kafka.topic = name;
        return kafka;
    }
}
