package org.esa.iss.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.function.Supplier;
import org.esa.iss.adapter.http.QueryApiOptions;
import org.esa.iss.adapter.http.QueryApiServer;
import org.esa.iss.ports.in.CheckHealth;
import org.esa.iss.ports.in.QueryAltitudes;
import org.esa.iss.ports.in.WatchTelemetry;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where the query API and dashboard listen. */
final class HttpOptions {
    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080", description = "Port of the query API and dashboard; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}; the API has no authentication, expose it deliberately).")
    String bind;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Refuses a port no socket can have, and an address that names none, before the command starts anything. */
    void check() {
        OptionChecks.port(spec, "--http-port", port);
        try {
            InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw OptionChecks.rejected(spec, "--bind", "'" + bind + "' names no address (" + e.getMessage() + "); pass an"
                    + " address of this machine (127.0.0.1, or 0.0.0.0 for every interface)", bind);
        }
    }

    /**
     * Fails as {@link #start} would if the port is taken now, for a command that starts other things (a broker, say)
     * before its server: a clash is then reported at once, not after them. The server binds the same way.
     */
    void requireFree() throws IOException {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(bind), port));
        } catch (java.net.BindException e) {
            throw cannotListen(e);
        }
    }

    QueryApiServer start(QueryAltitudes queries, WatchTelemetry live, CheckHealth health, Supplier<String> metrics) throws IOException {
        try {
            return QueryApiServer.start(QueryApiOptions.defaults().withBindAddress(bind).withPort(port), queries, live, health, metrics);
        } catch (java.net.BindException e) {
            throw cannotListen(e);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("--bind " + bind + " names no address (" + e.getMessage() + "): pass an address"
                    + " of this machine (127.0.0.1, or 0.0.0.0 for every interface)", e);
        }
    }

    private IllegalStateException cannotListen(java.net.BindException e) {
        return new IllegalStateException("cannot listen on --bind " + bind + " --http-port " + port + " (" + e.getMessage()
                + "): if the port is in use, stop the other process or pass another --http-port; if the address is not"
                + " one of this machine's, pass another --bind (127.0.0.1, or 0.0.0.0 for every interface)", e);
    }
}
