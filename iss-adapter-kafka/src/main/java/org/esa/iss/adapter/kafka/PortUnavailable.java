package org.esa.iss.adapter.kafka;

import java.io.IOException;

/**
 * The embedded broker cannot listen on its client port: most likely another broker holds it. Callers add what
 * their user can do about it (the option that picks another port, or using the broker already there).
 */
public final class PortUnavailable extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final int port;

    PortUnavailable(int port, IOException cause) {
        super("cannot listen on " + LocalPorts.HOST + ":" + port + " (" + cause.getMessage() + ")", cause);
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
