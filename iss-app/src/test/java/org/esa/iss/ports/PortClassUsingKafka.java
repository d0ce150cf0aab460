package org.esa.iss.ports;

import org.apache.kafka.common.TopicPartition;

/** A deliberate violation, compiled only into the app's tests: a ports class that knows Kafka. */
final class PortClassUsingKafka {
    TopicPartition partition;
}
