package org.esa.iss.app.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.esa.iss.adapter.kafka.EmbeddedBrokerOptions;
import org.esa.iss.adapter.kafka.EmbeddedKafkaBroker;
import org.esa.iss.adapter.kafka.KafkaTopics;
import org.esa.iss.adapter.kafka.TopicSpec;

/**
 * An embedded broker on a free port for one test, with the raw tools a fault test needs: a producer that
 * sends any bytes (or none) to a chosen partition, and the log end offsets to compare the tables with.
 */
final class TestBroker implements AutoCloseable {
    static final String TOPIC = "iss";

    private EmbeddedKafkaBroker broker;

    private TestBroker(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    static TestBroker start(Path dataDir) {
        return new TestBroker(EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dataDir)));
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Stops the broker cleanly, as an operator restarting it would. */
    void stop() {
        broker.close();
    }

    /** Starts it again on the same port and data directory. */
    void restart() {
        broker = EmbeddedKafkaBroker.start(broker.options());
    }

    void createTopic(int partitions, Map<String, String> configs) {
        TopicSpec spec = TopicSpec.of(TOPIC, partitions);
        for (Map.Entry<String, String> config : configs.entrySet()) {
            spec = spec.withConfig(config.getKey(), config.getValue());
        }
        try (KafkaTopics topics = KafkaTopics.connect(bootstrapServers(), Map.of())) {
            topics.ensure(spec);
        }
    }

    /** A producer of raw bytes, able to send values up to {@code maxValueBytes}. */
    RawProducer producer(int maxValueBytes) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(maxValueBytes + 64 * 1024));
        return new RawProducer(new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** The log end offset of every partition of the topic. */
    Map<Integer, Long> endOffsets(int partitions) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int i = 0; i < partitions; i++) {
                request.put(new TopicPartition(TOPIC, i), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = admin.listOffsets(request).all()
                    .get(30, TimeUnit.SECONDS);
            Map<Integer, Long> ends = new HashMap<>();
            answer.forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return ends;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot list end offsets of " + TOPIC, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        broker.close();
    }

    /** Sends anything, including null keys and values, with a {@code source} header. */
    static final class RawProducer implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();

        private RawProducer(KafkaProducer<byte[], byte[]> producer) {
            this.producer = producer;
        }

        Future<RecordMetadata> send(int partition, byte[] key, byte[] value) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(TOPIC, partition, key, value,
                    List.of(new RecordHeader("source", "fault-suite".getBytes(StandardCharsets.UTF_8))));
            return producer.send(record, (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
        }

        /** Waits until every record sent is acknowledged. */
        void flush() {
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("a test record was not delivered", failure.get());
            }
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(30));
        }
    }
}
