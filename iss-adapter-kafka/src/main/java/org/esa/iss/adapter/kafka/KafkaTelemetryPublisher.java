package org.esa.iss.adapter.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.esa.iss.ports.out.Observation;
import org.esa.iss.ports.out.TelemetryPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes observations to Kafka with an idempotent producer: key = satellite id as text (one satellite's
 * fixes stay in one partition, in order), value = the API's JSON exactly as fetched, headers
 * {@value #SOURCE_HEADER} and {@value #FETCHED_AT_HEADER} (ISO-8601).
 *
 * <p>Records go to a sender thread that hands them to the producer in order; {@code publish} waits only when
 * that queue is full, and then at most {@link PublisherOptions#maxBlock()}. With
 * {@link PublisherOptions#callerSends()} the calling thread hands them over itself instead, waiting as long.
 * While the broker is away, records wait (in that queue and in the producer's buffer) and are delivered, once
 * and in order, when it is back. A record that finally fails is counted and logged at ERROR with its JSON, so that nothing
 * disappears silently.
 *
 * <p>Futures complete on the producer's network thread: chain heavy work with the {@code ...Async} variants.
 */
public final class KafkaTelemetryPublisher implements TelemetryPublisher {

    /** Header naming where the record came from: {@code api}, {@code api-backfill} or {@code simulator}. */
    public static final String SOURCE_HEADER = "source";
    /** Header holding when the response arrived, ISO-8601 UTC. */
    public static final String FETCHED_AT_HEADER = "fetched_at";

    /**
     * How long the sender thread lets one hand-off wait for metadata or producer buffer space before it
     * tries again: short, so that a record moves soon after the broker is back.
     */
    static final Duration SEND_BLOCK = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTelemetryPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final ProducerHandOff handOff;
    private final String topic;
    private final Duration closeTimeout;
    private final Tally tally;
    private final LastHeaders lastHeaders = new LastHeaders();
    /** There is one satellite: its key bytes are made once rather than per record. */
    private volatile KeyBytes lastKey;

    private record KeyBytes(long satelliteId, byte[] bytes) {
    }

    public KafkaTelemetryPublisher(PublisherOptions options) {
        this.producer = new KafkaProducer<>(producerProperties(options), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.handOff = options.callerSends()
                ? ProducerHandOff.onCallersThread(producer, options.deliveryTimeout(), options.maxBlock())
                : new ProducerHandOff(producer, options.bufferMemoryBytes(), options.deliveryTimeout(),
                        options.maxBlock(), "iss-publisher-hand-off");
        this.topic = options.topic();
        this.tally = new Tally(options.topic());
        this.closeTimeout = options.closeTimeout();
    }

    static Properties producerProperties(PublisherOptions options) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "iss-publisher");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(options.linger().toMillis()));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(options.batchSizeBytes()));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, options.compression());
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(options.bufferMemoryBytes()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(options.deliveryTimeout().toMillis()));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(SEND_BLOCK.toMillis()));
        p.putAll(options.clientProperties());
        return p;
    }

    @Override
    public CompletableFuture<Delivery> publish(Observation observation) {
        byte[] json = observation.json();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, null,
                keyBytes(observation.telemetry().satelliteId()), json,
                lastHeaders.of(observation.fetchedAt(), observation.source()));
        PendingDelivery pending = new PendingDelivery(json, tally);
        tally.published.increment();
        handOff.submit(record, pending);
        return pending;
    }

    private byte[] keyBytes(long satelliteId) {
        KeyBytes key = lastKey;
        if (key == null || key.satelliteId() != satelliteId) {
            key = new KeyBytes(satelliteId, Long.toString(satelliteId).getBytes(StandardCharsets.UTF_8));
            lastKey = key;
        }
        return key.bytes();
    }

    /** What the publisher counts, and the topic its error log names: all a record's future needs of it. */
    private static final class Tally {
        final String topic;
        final LongAdder published = new LongAdder();
        final LongAdder delivered = new LongAdder();
        final LongAdder failed = new LongAdder();

        Tally(String topic) {
            this.topic = topic;
        }
    }

    /**
     * A record's future, and the hand-off's outcome that completes it: one object per record on the publishing path.
     * Static, so that a future a caller keeps does not keep the publisher and its producer's buffers alive.
     */
    private static final class PendingDelivery extends CompletableFuture<Delivery> implements ProducerHandOff.Outcome {
        private final Tally tally;
        /** Kept for the error log until the record's outcome is known, then let go (callers may keep the future). */
        private byte[] json;

        PendingDelivery(byte[] json, Tally tally) {
            this.json = json;
            this.tally = tally;
        }

        @Override
        public void delivered(RecordMetadata metadata) {
            tally.delivered.increment();
            json = null;
            complete(new Delivery(metadata.topic(), metadata.partition(), metadata.offset()));
        }

        @Override
        public void failed(Exception error) {
            byte[] body = json;
            json = null;
            tally.failed.increment();
            LOG.error("telemetry record could not be delivered to topic {} and is lost from Kafka: {}; record: {}",
                    tally.topic, error.toString(),
                    body == null ? "(reported before)" : new String(body, StandardCharsets.UTF_8));
            completeExceptionally(error);
        }
    }

    /** Blocks until every record published so far is delivered or has failed (however long the broker is away). */
    @Override
    public void flush() {
        try {
            handOff.awaitHandedOver(Duration.ofDays(100 * 365));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        producer.flush();
    }

    /**
     * Waits at most {@code timeout} for every record published so far to be delivered or to fail. The producer's
     * own flush cannot be bounded, so this waits for the records' outcomes instead.
     */
    @Override
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            return handOff.awaitHandedOver(timeout) && ProducerHandOff.awaitUntil(
                    () -> tally.published.sum() <= tally.delivered.sum() + tally.failed.sum(), deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * For stopping a publisher that hands records over on the caller's thread ({@link PublisherOptions#callerSends()},
     * replay): a {@code publish} waiting for a broker that is away gives up within about a second, its record failing
     * (counted and logged), instead of waiting up to {@link PublisherOptions#maxBlock()}. One-way. Records the producer
     * accepts are delivered as before. With a sender thread, each record it holds would fail after one refused
     * hand-off instead of waiting for the broker, so the live poller does not call it. Call it from any thread.
     */
    public void stopWaitingForBroker() {
        handOff.stopRetrying();
    }

    /** The counters so far. */
    public PublishCounts counts() {
        return new PublishCounts(tally.published.sum(), tally.delivered.sum(), tally.failed.sum());
    }

    /** Waits up to the close timeout for queued records; any still queued then fail, each counted and logged. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        try {
            handOff.awaitHandedOver(closeTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handOff.close();
        producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        PublishCounts counts = counts();
        if (counts.failed() > 0) {
            LOG.warn("publisher closed: {} published, {} delivered, {} failed", counts.published(),
                    counts.delivered(), counts.failed());
        } else {
            LOG.info("publisher closed: {} published, {} delivered", counts.published(), counts.delivered());
        }
    }
}
