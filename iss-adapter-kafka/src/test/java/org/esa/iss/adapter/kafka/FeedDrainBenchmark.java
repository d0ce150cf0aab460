package org.esa.iss.adapter.kafka;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.esa.iss.ports.out.Observation;
import org.esa.iss.ports.out.RawRecord;

/**
 * Measures, on an embedded broker: broker start time and heap, publish rate of the replay preset, and how
 * fast the feed drains a backlog when nothing downstream slows it. A program, not a test: run it with
 * {@code java -cp <test classpath> org.esa.iss.adapter.kafka.FeedDrainBenchmark [records] [partitions]}.
 */
public final class FeedDrainBenchmark {

    private FeedDrainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path dir = SharedBroker.tempDir("iss-kafka-bench-");

        long heapBefore = usedHeapAfterGc();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dir))) {
            long heapAfter = usedHeapAfterGc();
            System.out.printf("broker: started in %d ms, heap used by it after GC: %d MiB%n",
                    broker.startupTime().toMillis(), (heapAfter - heapBefore) >> 20);

            String bootstrap = broker.bootstrapServers();
            try (KafkaTopics topics = KafkaTopics.connect(bootstrap, Map.of())) {
                topics.ensure(TopicSpec.of("bench", partitions));
            }
            publishRaw(bootstrap, records);
            publish(bootstrap, records);
            for (int run = 1; run <= 3; run++) {
                drainRaw(bootstrap, 2 * records, run);
                drain(bootstrap, 2 * records, run);
            }
            System.out.printf("process heap used after GC with broker running: %d MiB%n", usedHeapAfterGc() >> 20);
        } finally {
            SharedBroker.deleteRecursively(dir);
        }
    }

    private static void publish(String bootstrap, int records) {
        Observation[] samples = new Observation[1_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = Observations.nth(i);
        }
        long bytes = 0;
        long start = System.nanoTime();
        try (KafkaTelemetryPublisher publisher = new KafkaTelemetryPublisher(PublisherOptions.replay(bootstrap, "bench")
                .withClientProperty("partitioner.ignore.keys", "true"))) {
            for (int i = 0; i < records; i++) {
                Observation o = samples[i % samples.length];
                bytes += o.json().length;
                publisher.publish(o);
            }
            publisher.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("publish (replay preset, lz4): %d records of ~%d B in %.2f s = %,.0f records/s; %s%n",
                    records, bytes / records, seconds, records / seconds, publisher.counts());
        }
    }

    /** The same producer settings without the publisher around them, to another topic. */
    private static void publishRaw(String bootstrap, int records) {
        var props = KafkaTelemetryPublisher.producerProperties(PublisherOptions.replay(bootstrap, "bench")
                .withClientProperty("partitioner.ignore.keys", "true"));
        byte[][] values = new byte[1_000][];
        for (int i = 0; i < values.length; i++) {
            values[i] = Observations.nth(i).json();
        }
        long start = System.nanoTime();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(props,
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("bench", values[i % values.length]));
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("plain KafkaProducer (same settings): %d records in %.2f s = %,.0f records/s%n",
                records, seconds, records / seconds);
    }

    private static void drain(String bootstrap, int records, int run) {
        try (KafkaTelemetryFeed feed = new KafkaTelemetryFeed(FeedOptions.allPartitions(bootstrap, "bench"))) {
            feed.start(new InMemoryPositions());
            long count = 0;
            long checksum = 0;
            long start = System.nanoTime();
            while (count < records) {
                List<RawRecord> batch = feed.poll(Duration.ofSeconds(1));
                count += batch.size();
                for (RawRecord r : batch) {
                    checksum += r.value().length; // touch every record, as any consumer would
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("drain run %d: %d records (%d MiB of values) in %.2f s = %,.0f records/s%n",
                    run, count, checksum >> 20, seconds, count / seconds);
        }
    }

    /** The same consumer settings without the feed around them: what the conversion to raw records costs. */
    private static void drainRaw(String bootstrap, int records, int run) {
        var props = KafkaTelemetryFeed.consumerProperties(FeedOptions.allPartitions(bootstrap, "bench"));
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(props,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor("bench").stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition("bench", p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long count = 0;
            long checksum = 0;
            long start = System.nanoTime();
            while (count < records) {
                for (var r : consumer.poll(Duration.ofSeconds(1))) {
                    count++;
                    checksum += r.value().length;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("plain KafkaConsumer run %d: %d records (%d MiB) in %.2f s = %,.0f records/s%n",
                    run, count, checksum >> 20, seconds, count / seconds);
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
