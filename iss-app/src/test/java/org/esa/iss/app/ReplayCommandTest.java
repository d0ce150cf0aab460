package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.esa.iss.adapter.kafka.EmbeddedBrokerOptions;
import org.esa.iss.adapter.kafka.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iss replay} against a real embedded broker. */
class ReplayCommandTest {

    @Test
    void publishesEveryRecordOnce(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dir))) {
            int status = IssCommand.execute(new String[] {"replay", "--records", "2000",
                    "--bootstrap-servers", broker.bootstrapServers()}, Map.of());

            assertThat(status).isZero();
            assertThat(endOffset(broker)).isEqualTo(2000);
        }
    }

    @Test
    void recordsTheProducerRefusesAreCountedAndFailTheCommand(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dir))) {
            // Every position (~340 bytes of JSON) is larger than the producer may send: each fails for good.
            int status = IssCommand.execute(new String[] {"replay", "--records", "20",
                    "--bootstrap-servers", broker.bootstrapServers(), "--kafka-property", "max.request.size=200"},
                    Map.of());

            assertThat(status).isEqualTo(1);
            assertThat(endOffset(broker)).isZero();
        }
    }

    private static long endOffset(EmbeddedKafkaBroker broker) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            TopicPartition partition = new TopicPartition("iss", 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS)
                    .get(partition).offset();
        }
    }
}
