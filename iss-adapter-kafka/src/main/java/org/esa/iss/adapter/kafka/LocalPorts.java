package org.esa.iss.adapter.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port checks done before the broker binds, so that a clash is reported in our words. */
final class LocalPorts {

    static final String HOST = "127.0.0.1";

    private LocalPorts() {
    }

    /** A port nobody listens on right now (the kernel's choice). */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }

    /** Fails, saying why, unless the broker could listen on {@code port} now (binding it the way the broker does). */
    static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same as the broker does, so that sockets of a previous run lingering in TIME_WAIT
            // do not count as "in use" on a restart.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
        } catch (IOException e) {
            throw new PortUnavailable(port, e);
        }
    }
}
