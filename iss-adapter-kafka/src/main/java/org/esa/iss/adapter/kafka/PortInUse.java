package org.esa.iss.adapter.kafka;

/**
 * The embedded broker's client port is taken, most likely by another broker. Callers add what their user can do
 * about it (the option that picks another port, or using the broker already there).
 */
public final class PortInUse extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final int port;

    PortInUse(int port) {
        super("port " + port + " on " + LocalPorts.HOST + " is in use (another Kafka broker?)");
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** The address clients would use: what {@code bootstrap.servers} names to reach whatever listens there. */
    public String address() {
        return LocalPorts.HOST + ":" + port;
    }
}
