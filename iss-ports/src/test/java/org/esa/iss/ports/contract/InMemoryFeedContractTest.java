package org.esa.iss.ports.contract;

import org.esa.iss.ports.memory.CrashSwitch;
import org.esa.iss.ports.memory.InMemoryTelemetryLog;
import org.esa.iss.ports.out.TelemetryFeed;

/** The in-memory log's feed keeps the promises of a Kafka topic's. */
class InMemoryFeedContractTest extends TelemetryFeedContract {
    private int topics;

    @Override
    protected Topic createTopic(int partitions) {
        String name = "iss-" + ++topics;
        InMemoryTelemetryLog log = new InMemoryTelemetryLog(name, partitions);
        return new Topic() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void publish(int partition, byte[] value) {
                log.appendTo(partition, null, value, "test", System.currentTimeMillis());
            }

            @Override
            public void deleteBefore(int partition, long offset) {
                log.deleteBefore(partition, offset);
            }

            @Override
            public TelemetryFeed feed() {
                return log.feed(100, CrashSwitch.NEVER);
            }
        };
    }
}
