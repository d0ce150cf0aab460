package org.esa.iss.adapter.kafka;

import java.time.Duration;
import java.util.Objects;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft, broker and controller in one) running inside this JVM, so that
 * {@code iss run} needs no Kafka installation. Clients reach it like any broker, at
 * {@link #bootstrapServers()}; records survive a restart on the same data directory.
 *
 * <p>The broker logs through SLF4J like the rest of the process; it is chatty at INFO (thousands of
 * lines at start), so whoever configures logging should set {@code kafka} and {@code org.apache.kafka}
 * to WARN.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final EmbeddedBrokerOptions options;
    private final int port;
    private final KafkaRaftServer server;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedKafkaBroker(EmbeddedBrokerOptions options, int port, KafkaRaftServer server, Duration startupTime) {
        this.options = options;
        this.port = port;
        this.server = server;
        this.startupTime = startupTime;
    }

    /**
     * Formats the data directory if it is new, starts the broker and returns once it accepts clients.
     *
     * @throws PortUnavailable      if the broker cannot listen on the port (another broker holds it, say)
     * @throws IllegalStateException if the broker cannot start
     */
    public static EmbeddedKafkaBroker start(EmbeddedBrokerOptions options) {
        Objects.requireNonNull(options, "options");
        long startNanos = System.nanoTime();
        int port;
        if (options.port() == 0) {
            port = LocalPorts.free();
        } else {
            port = options.port();
            LocalPorts.requireFree(port);
        }
        // The controller listener is internal to this process; any free port will do, on every start.
        int controllerPort = LocalPorts.free();
        boolean formatted = KraftStorage.formatIfNeeded(options.dataDir(), BrokerProperties.NODE_ID,
                BrokerProperties.CONTROLLER_LISTENER);

        KafkaConfig config = new KafkaConfig(
                BrokerProperties.of(port, controllerPort, options.dataDir(), options.partitions()), false);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        Exit.setHaltProcedure(EmbeddedKafkaBroker::haltExplained);
        try {
            server.startup();
        } catch (RuntimeException e) {
            stopQuietly(server);
            throw new IllegalStateException("the embedded Kafka broker did not start on " + LocalPorts.HOST + ":" + port
                    + " with data in " + options.dataDir().toAbsolutePath() + ": " + e.getMessage(), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        LOG.info("Kafka broker ready at {}:{} in {} ms ({} data directory {})", LocalPorts.HOST, port,
                took.toMillis(), formatted ? "new" : "existing", options.dataDir().toAbsolutePath());
        return new EmbeddedKafkaBroker(options, port, server, took);
    }

    /**
     * Kafka halts the whole process, this system's stages included, on a fault it cannot survive: above all when its
     * log directory fails (a full or unwritable disk, a directory deleted under it). Its own line says what failed;
     * this one says what it means for the operator before the process goes. The procedure is the JVM's (Kafka's
     * {@code Exit} is static), so an embedding program that sets its own loses it once a broker starts.
     */
    private static void haltExplained(int status, String message) {
        LOG.error("the embedded Kafka broker is halting this process (status {}) after a fault it cannot survive{}, most"
                + " often a failed log directory: a full or unwritable disk, or the directory removed. What the tables"
                + " committed is kept; mend the cause (for a log directory: free space, or mend the directory), then start"
                + " again", status, message == null ? " (see its ERROR line above)" : ": " + message);
        Runtime.getRuntime().halt(status);
    }

    /** What clients put in {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return LocalPorts.HOST + ":" + port;
    }

    /** The client port actually bound (the chosen one when the options said 0). */
    public int port() {
        return port;
    }

    /** The options this broker runs with, with the port it actually bound: start these again to restart it. */
    public EmbeddedBrokerOptions options() {
        return options.withPort(port);
    }

    /** From the call to {@link #start} until the broker accepted clients, formatting included. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Stops the broker and waits until its logs are closed cleanly, so that the next start needs no recovery. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long startNanos = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker at {}:{} stopped in {} ms", LocalPorts.HOST, port,
                Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException suppressed) {
            LOG.debug("shutting down a broker that failed to start also failed", suppressed);
        }
    }
}
