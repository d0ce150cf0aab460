package org.esa.iss.adapter.kafka;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run the embedded single-node broker.
 *
 * @param port       the client (PLAINTEXT) port on 127.0.0.1; 9092 so that stock Kafka tools work against it,
 *                   0 to pick a free port (tests, several brokers on one machine)
 * @param dataDir    where the log segments and KRaft metadata live; formatted on first start, reused after
 *                   so that a restart keeps every record
 * @param partitions the default partition count of topics created without an explicit count; 1 keeps a
 *                   single ground-control stream in one ordered log
 */
public record EmbeddedBrokerOptions(int port, Path dataDir, int partitions) {

    /** The stock Kafka port, so that {@code kafka-console-consumer --bootstrap-server localhost:9092} just works. */
    public static final int DEFAULT_PORT = 9092;
    /** Where {@code iss run} keeps its broker, beside the Delta tables. */
    public static final Path DEFAULT_DATA_DIR = Path.of("data", "kafka");

    public EmbeddedBrokerOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        Objects.requireNonNull(dataDir, "dataDir");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
    }

    /** Port 9092, {@code data/kafka}, one partition per topic. */
    public static EmbeddedBrokerOptions defaults() {
        return new EmbeddedBrokerOptions(DEFAULT_PORT, DEFAULT_DATA_DIR, 1);
    }

    /** A free port and the given directory: what tests use. */
    public static EmbeddedBrokerOptions anyFreePort(Path dataDir) {
        return new EmbeddedBrokerOptions(0, dataDir, 1);
    }

    public EmbeddedBrokerOptions withPort(int newPort) {
        return new EmbeddedBrokerOptions(newPort, dataDir, partitions);
    }

    public EmbeddedBrokerOptions withDataDir(Path newDataDir) {
        return new EmbeddedBrokerOptions(port, newDataDir, partitions);
    }

    public EmbeddedBrokerOptions withPartitions(int newPartitions) {
        return new EmbeddedBrokerOptions(port, dataDir, newPartitions);
    }
}
