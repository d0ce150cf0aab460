package org.esa.iss.app;

import java.time.Clock;
import java.time.Duration;
import org.esa.iss.adapter.delta.DeltaAltitudeHistory;
import org.esa.iss.adapter.delta.DeltaBronzeChangeLog;
import org.esa.iss.adapter.delta.DeltaBronzeTable;
import org.esa.iss.adapter.delta.DeltaGoldTable;
import org.esa.iss.adapter.delta.DeltaQuarantineTable;
import org.esa.iss.adapter.delta.DeltaTableOptions;
import org.esa.iss.adapter.kafka.FeedOptions;
import org.esa.iss.adapter.kafka.KafkaTelemetryFeed;
import org.esa.iss.adapter.kafka.KafkaTelemetryPublisher;
import org.esa.iss.adapter.kafka.KafkaTopicTail;
import org.esa.iss.adapter.kafka.KafkaTopics;
import org.esa.iss.adapter.kafka.PublisherOptions;
import org.esa.iss.adapter.kafka.TopicSpec;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.ports.AltitudeQueryService;
import org.esa.iss.ports.IngestOptions;
import org.esa.iss.ports.IngestService;
import org.esa.iss.ports.PollingService;
import org.esa.iss.ports.RefineOptions;
import org.esa.iss.ports.RefineService;
import org.esa.iss.ports.out.SlotClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiring of each stage, read top to bottom: which adapter goes into which service. Every command
 * builds its stage here, so {@code run} and the single-stage commands are assembled the same way.
 */
final class Stages {
    /** Consumer group of the bronze ingesters; its committed offsets serve lag monitoring only. */
    static final String BRONZE_GROUP = "iss-bronze";
    /** How long an admin request may wait for the cluster to answer. */
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** How long a starting poller may spend reading the topic's newest position before it polls without it. */
    private static final Duration TAIL_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(Stages.class);

    private Stages() {
    }

    /** Creates the topic if needed and waits until every partition accepts records. */
    static void ensureTopic(String bootstrapServers, KafkaConnection kafka, int partitions) {
        try (KafkaTopics topics = KafkaTopics.connect(bootstrapServers, kafka.clientProperties())) {
            topics.ensure(TopicSpec.of(kafka.topic, partitions));
            refuseIfCompacted(topics, kafka.topic);
        }
    }

    /**
     * A topic Kafka compacts keeps only the newest record of each key (the satellite) once a segment is cleaned, so
     * records no ingester has read yet can vanish where no gap shows: bronze would miss them without a word.
     */
    private static void refuseIfCompacted(KafkaTopics topics, String topic) {
        topics.cleanupPolicy(topic).filter(policy -> policy.contains("compact")).ifPresent(policy -> {
            throw new IllegalStateException("topic " + topic + " has cleanup.policy=" + policy + ": Kafka keeps only the"
                    + " newest record of each satellite in a compacted segment, so records not ingested yet could vanish"
                    + " without a gap to tell; set its cleanup.policy to delete (kafka-configs.sh --alter --entity-type"
                    + " topics --entity-name " + topic + " --add-config cleanup.policy=delete), or use another topic (--topic)");
        });
    }

    /**
     * Fails, saying what to do, unless the topic exists (draining or reading a topic that is not there would wait
     * for ever) and Kafka does not compact it. Asking also names an unreachable cluster after 5 s, and fails naming it
     * after 30 s.
     */
    static void requireTopic(String bootstrapServers, KafkaConnection kafka) {
        try (KafkaTopics topics = KafkaTopics.connect(bootstrapServers, kafka.clientProperties())) {
            if (!topics.exists(kafka.topic, ADMIN_TIMEOUT)) {
                throw new IllegalStateException("topic " + kafka.topic + " does not exist at " + bootstrapServers
                        + ", so there is nothing to read; check --topic, or publish to it first"
                        + " (iss poll, iss replay and iss run create it)");
            }
            refuseIfCompacted(topics, kafka.topic);
        }
    }

    /**
     * Waits until the cluster coordinates the bronze ingesters' group: on a new broker the first group lookup
     * creates Kafka's offsets topic, which would otherwise delay the first ingester's join (~0.1 s here).
     */
    static void awaitBronzeCoordinator(String bootstrapServers, KafkaConnection kafka, String group) {
        try (KafkaTopics topics = KafkaTopics.connect(bootstrapServers, kafka.clientProperties())) {
            topics.awaitGroupCoordinator(group, ADMIN_TIMEOUT);
        }
    }

    /**
     * Tells the operator of an ingester following the topic that it does not exist yet and is waited for: a mistyped
     * --topic would otherwise leave the ingester idle without a word. One that exists is refused if Kafka compacts it.
     */
    static void noteIfTopicMissing(String bootstrapServers, KafkaConnection kafka) {
        try (KafkaTopics topics = KafkaTopics.connect(bootstrapServers, kafka.clientProperties())) {
            if (!topics.exists(kafka.topic, ADMIN_TIMEOUT)) {
                System.err.println("bronze: topic " + kafka.topic + " does not exist at " + bootstrapServers + " yet;"
                        + " waiting for it (check --topic if it should; iss poll, iss replay and iss run create it)");
            } else {
                refuseIfCompacted(topics, kafka.topic);
            }
        }
    }

    /**
     * Lets the poller fetch the seconds no poller ran and those earlier runs had still to fetch: it continues after
     * the newest position already in the topic and fills the holes before it, as far back as its backfill reaches.
     * A topic that cannot be read now costs only that backfill, not the polling.
     */
    static void resumeAfterTopic(PollingService poller, String bootstrapServers, KafkaConnection kafka) {
        try {
            poller.resumeAfter(KafkaTopicTail.recentSeconds(bootstrapServers, kafka.clientProperties(), kafka.topic,
                    poller.backfillReachStart(), TAIL_TIMEOUT));
        } catch (RuntimeException e) {
            LOG.warn("cannot read the last positions in topic {} ({}); the seconds missed before this run are not "
                    + "backfilled", kafka.topic, e.toString());
        }
    }

    static KafkaTelemetryPublisher livePublisher(String bootstrapServers, KafkaConnection kafka) {
        return new KafkaTelemetryPublisher(PublisherOptions.live(bootstrapServers, kafka.topic).withClientProperties(kafka.clientProperties()));
    }

    /** The bronze consumer on its own, in {@code group}, for callers that must close it (the ingester does not). */
    static KafkaTelemetryFeed bronzeFeed(String bootstrapServers, KafkaConnection kafka, String group) {
        return new KafkaTelemetryFeed(
                FeedOptions.group(bootstrapServers, kafka.topic, group).withClientProperties(kafka.clientProperties()));
    }

    static IngestService ingester(KafkaTelemetryFeed feed, DataLayout layout, IngestOptions options) {
        DeltaTableOptions tables = DeltaTableOptions.defaults();
        return new IngestService(feed, new DeltaBronzeTable(layout.bronze(), tables),
                new DeltaQuarantineTable(layout.quarantine(), tables), SlotClock.SYSTEM, options);
    }

    static RefineService refiner(DataLayout layout, RefineOptions options, java.util.function.Consumer<AltitudeWindow> committed) {
        DeltaTableOptions tables = DeltaTableOptions.defaults().withClock(Clock.systemUTC());
        return new RefineService(DeltaBronzeChangeLog.readFor(layout.bronze(), layout.windows(), layout.orbits()),
                DeltaGoldTable.altitudeWindows(layout.windows(), tables), DeltaGoldTable.orbits(layout.orbits(), tables),
                SlotClock.SYSTEM, options, committed);
    }

    static AltitudeQueryService queries(DataLayout layout) {
        return new AltitudeQueryService(new DeltaAltitudeHistory(layout.windows(), layout.orbits()));
    }
}
