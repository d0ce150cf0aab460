package org.esa.iss.app;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.esa.iss.adapter.kafka.EmbeddedKafkaBroker;

/** How many records the commands under test have written to the topic {@code iss}, from the broker itself. */
final class TopicEnd {
    private TopicEnd() {
    }

    /** The end offset of the topic {@code iss}'s partition 0 on {@code broker}. */
    static long of(EmbeddedKafkaBroker broker) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            TopicPartition partition = new TopicPartition("iss", 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS)
                    .get(partition).offset();
        }
    }
}
