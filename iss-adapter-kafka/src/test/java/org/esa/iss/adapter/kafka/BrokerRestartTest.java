package org.esa.iss.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.TelemetryPublisher.Delivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerRestartTest {

    private static final int RECORDS = 24;

    @TempDir
    Path dataDir;

    @Test
    void recordsPublishedAt2HzWhileTheBrokerRestartsAreAllDeliveredOnceAndInOrder() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dataDir));
        EmbeddedBrokerOptions sameAgain = broker.options();
        String bootstrap = broker.bootstrapServers();
        try (KafkaTopics topics = KafkaTopics.connect(bootstrap, Map.of())) {
            topics.ensure(TopicSpec.of("iss", 1));
        }

        List<CompletableFuture<Delivery>> deliveries = java.util.Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        try (KafkaTelemetryPublisher publisher = new KafkaTelemetryPublisher(PublisherOptions.live(bootstrap, "iss"))) {
            int[] next = {0};
            poller.scheduleAtFixedRate(() -> {
                if (next[0] < RECORDS) {
                    deliveries.add(publisher.publish(Observations.nth(next[0]++)));
                }
            }, 0, 500, TimeUnit.MILLISECONDS);

            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() >= 4);
            broker.close();
            int publishedWhileDown = deliveries.size();
            await().atMost(Duration.ofSeconds(5)).until(() -> deliveries.size() > publishedWhileDown); // one waits now
            long flushing = System.nanoTime();
            assertThat(publisher.flush(Duration.ofMillis(1_500))).as("flushed while the broker is away").isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - flushing)).as("a bounded flush ends at its timeout")
                    .isBetween(Duration.ofMillis(1_500), Duration.ofSeconds(5));
            broker = EmbeddedKafkaBroker.start(sameAgain);
            assertThat(deliveries.size()).as("the poller kept publishing during the outage")
                    .isGreaterThan(publishedWhileDown);

            await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.size() == RECORDS);
            assertThat(publisher.flush(Duration.ofSeconds(60))).as("flushed once the broker is back").isTrue();
            assertThat(deliveries).allSatisfy(d -> assertThat(d).isCompleted());
            assertThat(publisher.counts()).isEqualTo(new PublishCounts(RECORDS, RECORDS, 0));
        } finally {
            poller.shutdownNow();
        }

        try (KafkaTelemetryFeed feed = new KafkaTelemetryFeed(FeedOptions.allPartitions(bootstrap, "iss"))) {
            feed.start(new InMemoryPositions());
            List<RawRecord> records = Drain.records(feed, RECORDS);
            records.addAll(feed.poll(Duration.ofMillis(500)));

            assertThat(records).extracting(r -> Observations.sequenceOf(r.value()))
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, RECORDS).boxed().toList());
            assertThat(records).extracting(RawRecord::offset)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, RECORDS).boxed().toList());
        } finally {
            broker.close();
        }
    }

    @Test
    void startingOnATakenPortFailsAtOnceNamingThePort() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = squatter.getLocalPort();
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(new EmbeddedBrokerOptions(port, dataDir, 1)))
                    .isInstanceOf(PortUnavailable.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + " (Address already in use");
        }
    }
}
