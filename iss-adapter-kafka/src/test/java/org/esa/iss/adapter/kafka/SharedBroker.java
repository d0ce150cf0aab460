package org.esa.iss.adapter.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One embedded broker on a free port for every test class that does not stop it: starting one costs
 * seconds, so they share it and keep apart by using topics of their own.
 */
final class SharedBroker {

    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static EmbeddedKafkaBroker broker;

    private SharedBroker() {
    }

    static synchronized EmbeddedKafkaBroker get() {
        if (broker == null) {
            Path dir = tempDir("iss-kafka-shared-");
            broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dir));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                deleteRecursively(dir);
            }));
        }
        return broker;
    }

    static String bootstrapServers() {
        return get().bootstrapServers();
    }

    /** A topic nobody else uses, created and ready. */
    static String freshTopic(String prefix, int partitions) {
        return freshTopic(TopicSpec.of(prefix + "-" + TOPICS.incrementAndGet(), partitions));
    }

    static String freshTopic(TopicSpec spec) {
        try (KafkaTopics topics = KafkaTopics.connect(bootstrapServers(), Map.of())) {
            topics.ensure(spec);
        }
        return spec.name();
    }

    /** A local port nothing listens on (taken and released at once). */
    static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + TOPICS.incrementAndGet();
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory left behind is not worth failing a test run for
        }
    }
}
