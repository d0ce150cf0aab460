package org.esa.iss.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCoordinatorTest {

    private static final String OFFSETS_TOPIC = "__consumer_offsets";

    @TempDir
    Path dataDir;

    @Test
    void onANewBrokerWaitingForTheCoordinatorCreatesTheOffsetsTopic() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dataDir));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
             KafkaTopics topics = KafkaTopics.connect(broker.bootstrapServers(), Map.of())) {
            assertThat(internalTopics(admin)).as("a new broker has no offsets topic").doesNotContain(OFFSETS_TOPIC);

            topics.awaitGroupCoordinator("ingesters", Duration.ofSeconds(30));

            assertThat(internalTopics(admin)).contains(OFFSETS_TOPIC);
            // and asking again, now that it is ready, is answered as well
            topics.awaitGroupCoordinator("others", Duration.ofSeconds(30));
        }
    }

    @Test
    void aGroupThatExistsIsAnsweredToo() throws Exception {
        String topic = SharedBroker.freshTopic("coordinated", 1);
        String group = SharedBroker.uniqueName("committed");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()));
             KafkaTopics topics = KafkaTopics.connect(SharedBroker.bootstrapServers(), Map.of())) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)))
                    .all().get();

            topics.awaitGroupCoordinator(group, Duration.ofSeconds(30));

            assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get())
                    .containsEntry(new TopicPartition(topic, 0), new OffsetAndMetadata(0));
        }
    }

    @Test
    void withoutABrokerItSaysSoWithinTheTimeout() {
        String nobody = "127.0.0.1:" + SharedBroker.closedPort();
        try (KafkaTopics topics = KafkaTopics.connect(nobody, Map.of())) {
            long began = System.nanoTime();
            assertThatThrownBy(() -> topics.awaitGroupCoordinator("ingesters", Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("consumer group ingesters")
                    .hasMessageContaining("no answer from Kafka at " + nobody);
            // the timeout given, not the admin client's default of a minute
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(20));
        }
    }

    private static Set<String> internalTopics(Admin admin) throws Exception {
        return admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
    }
}
