package org.esa.iss.adapter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.Units;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ground-control API served from an {@link IssSimulator} on the loopback interface, with the real
 * API's paths, JSON shapes and status codes, and optional {@link SimulatorFaults}:
 * <ul>
 *   <li>{@code GET /v1/satellites} — the satellite list</li>
 *   <li>{@code GET /v1/satellites/25544?units=kilometers|miles&timestamp=T} — one position (now, or at T)</li>
 *   <li>{@code GET /v1/satellites/25544/positions?timestamps=T1,...&units=} — up to 10 positions</li>
 *   <li>{@code GET /v1/satellites/25544/tles?format=json|text} — the element set being propagated</li>
 * </ul>
 * Unknown paths and satellite ids get 404, bad parameters 400, both with {@code {"error":...,"status":...}}.
 */
public final class SimulatorServer implements AutoCloseable {
    /** The API's limit on timestamps per positions call. */
    public static final int MAX_TIMESTAMPS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);

    private final IssSimulator simulator;
    private final FaultInjector faults;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong injected = new AtomicLong();

    private SimulatorServer(IssSimulator simulator, SimulatorFaults faults, HttpServer server, ExecutorService executor) {
        this.simulator = simulator;
        this.faults = new FaultInjector(faults);
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving on {@code 127.0.0.1:port}.
     *
     * @param port 0 picks a free port (see {@link #port()})
     * @throws IOException if the port cannot be bound
     */
    public static SimulatorServer start(IssSimulator simulator, int port, SimulatorFaults faults) throws IOException {
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(faults, "faults");
        HttpServer http = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        AtomicInteger threads = new AtomicInteger();
        // Unbounded so that hung requests (a fault mode) never block healthy ones; daemons so they never block exit.
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "iss-simulator-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        SimulatorServer server = new SimulatorServer(simulator, faults, http, executor);
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        http.start();
        LOG.info("ISS simulator serving {} (TLE epoch {}, faults {})", server.baseUri(), simulator.tle().epoch(), faults);
        return server;
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL to give a client, e.g. {@code http://127.0.0.1:8090}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Requests received so far. */
    public long requestCount() {
        return requests.get();
    }

    /** Requests answered with an injected fault (including throttling) so far. */
    public long injectedFaultCount() {
        return injected.get();
    }

    /** Stops accepting requests and abandons hung ones. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (faults.throttle(System.nanoTime())) {
                injected.incrementAndGet();
                long seconds = faults.faults().retryAfter().toSeconds();
                if (seconds > 0) {
                    exchange.getResponseHeaders().add("Retry-After", Long.toString(seconds));
                }
                send(exchange, 429, ApiJson.error(429, "too many requests"), "application/json");
                return;
            }
            if (!sleep(faults.faults().latency().toMillis())) {
                return;
            }
            FaultInjector.Fault fault = faults.draw();
            if (fault != FaultInjector.Fault.NONE) {
                injected.incrementAndGet();
            }
            switch (fault) {
                case DROP:
                    return; // closing the exchange before any header closes the connection
                case HANG:
                    sleep(faults.faults().hangFor().toMillis());
                    return;
                case SERVER_ERROR:
                    send(exchange, 500, ApiJson.error(500, "internal server error (injected)"), "application/json");
                    return;
                default:
                    break;
            }
            Response response;
            try {
                response = route(exchange);
            } catch (RuntimeException e) {
                LOG.warn("simulator failed on {}", exchange.getRequestURI(), e);
                response = Response.error(500, "simulator error: " + e.getMessage());
            }
            byte[] body = response.body();
            if (fault == FaultInjector.Fault.MALFORMED && response.status() == 200) {
                body = Arrays.copyOf(body, Math.max(1, body.length / 2)); // cut mid-document
            }
            send(exchange, response.status(), body, response.contentType());
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.toString());
        }
    }

    private Response route(HttpExchange exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
            return Response.error(405, "method not allowed; the API is read-only (GET)");
        }
        String path = exchange.getRequestURI().getPath();
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] parts = path.split("/");
        // parts: "", "v1", "satellites", id, sub-resource
        if (parts.length < 3 || parts.length > 5 || !parts[1].equals("v1") || !parts[2].equals("satellites")) {
            return Response.error(404, "not found");
        }
        if (parts.length == 3) {
            return Response.json(ApiJson.satellites(IssSimulator.SATELLITE_NAME, simulator.satelliteId()));
        }
        if (!parts[3].equals(Long.toString(simulator.satelliteId()))) {
            return Response.error(404, "satellite not found");
        }
        try {
            QueryParameters query = QueryParameters.parse(exchange.getRequestURI().getRawQuery());
            if (parts.length == 4) {
                Units units = query.units();
                long timestamp = query.timestamp("timestamp", simulator.currentTimestamp());
                return Response.json(IssSimulator.json(simulator.at(timestamp, units)));
            }
            switch (parts[4]) {
                case "positions":
                    return positions(query);
                case "tles":
                    return tles(query);
                default:
                    return Response.error(404, "not found");
            }
        } catch (QueryParameters.BadParameter e) {
            return Response.error(400, e.getMessage());
        } catch (IllegalStateException e) {
            // SGP4 breaks down far from the element set's epoch: the request asked for an impossible time.
            return Response.error(400, "cannot compute a position for that timestamp: " + e.getMessage());
        }
    }

    private Response positions(QueryParameters query) {
        Units units = query.units();
        List<Long> timestamps = query.timestampList("timestamps");
        if (timestamps.size() > MAX_TIMESTAMPS) {
            throw new QueryParameters.BadParameter("too many timestamps: at most " + MAX_TIMESTAMPS + " per request, got "
                    + timestamps.size());
        }
        List<Telemetry> records = new ArrayList<>(timestamps.size());
        for (long t : timestamps) {
            records.add(simulator.at(t, units));
        }
        return Response.json(ApiJson.positions(records));
    }

    private Response tles(QueryParameters query) {
        String format = query.get("format", "json");
        if (format.equals("text")) {
            return new Response(200, simulator.tle().toText().getBytes(StandardCharsets.US_ASCII), "text/plain");
        }
        if (format.equals("json")) {
            return Response.json(ApiJson.tle(simulator.tle(), IssSimulator.SATELLITE_NAME, simulator.currentTimestamp()));
        }
        throw new QueryParameters.BadParameter("invalid format '" + format + "'; expected json or text");
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Sleeps; false if interrupted (the server is shutting down). */
    private static boolean sleep(long millis) {
        if (millis <= 0) {
            return true;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Response(int status, byte[] body, String contentType) {
        static Response json(byte[] body) {
            return new Response(200, body, "application/json");
        }

        static Response error(int status, String message) {
            return new Response(status, ApiJson.error(status, message), "application/json");
        }
    }
}
