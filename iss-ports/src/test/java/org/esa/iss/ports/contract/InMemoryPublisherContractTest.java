package org.esa.iss.ports.contract;

import org.esa.iss.ports.memory.InMemoryTelemetryLog;
import org.esa.iss.ports.out.TelemetryPublisher;

/** The in-memory log's publisher keeps the promises of a Kafka topic's. */
class InMemoryPublisherContractTest extends TelemetryPublisherContract {
    @Override
    protected TelemetryPublisher publisherToNewTopic(int partitions) {
        return new InMemoryTelemetryLog("iss", partitions).publisher();
    }
}
