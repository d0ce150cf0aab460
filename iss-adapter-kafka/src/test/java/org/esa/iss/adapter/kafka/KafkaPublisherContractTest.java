package org.esa.iss.adapter.kafka;

import org.esa.iss.ports.contract.TelemetryPublisherContract;
import org.esa.iss.ports.out.TelemetryPublisher;
import org.junit.jupiter.api.Nested;

/** The Kafka publisher keeps the ports' promises on a real broker, with either preset, each test on a topic of its own. */
class KafkaPublisherContractTest {

    /** The poller's: a sender thread, no compression. */
    @Nested
    class Live extends TelemetryPublisherContract {
        @Override
        protected TelemetryPublisher publisherToNewTopic(int partitions) {
            return new KafkaTelemetryPublisher(PublisherOptions.live(SharedBroker.bootstrapServers(),
                    SharedBroker.freshTopic("publisher-live", partitions)));
        }
    }

    /** A backlog's: sent on the caller's thread, lz4. */
    @Nested
    class Replay extends TelemetryPublisherContract {
        @Override
        protected TelemetryPublisher publisherToNewTopic(int partitions) {
            return new KafkaTelemetryPublisher(PublisherOptions.replay(SharedBroker.bootstrapServers(),
                    SharedBroker.freshTopic("publisher-replay", partitions)));
        }
    }
}
