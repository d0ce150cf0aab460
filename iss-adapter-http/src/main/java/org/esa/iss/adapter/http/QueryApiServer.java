package org.esa.iss.adapter.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.esa.iss.ports.in.CheckHealth;
import org.esa.iss.ports.in.QueryAltitudes;
import org.esa.iss.ports.in.WatchTelemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only query API and the operator dashboard, on the JDK's HTTP server:
 * <ul>
 *   <li>{@code GET /api/v1/telemetry/latest} — the newest fix (API fields, {@code altitude_km}, {@code event_time}); 404 before the first</li>
 *   <li>{@code GET /api/v1/altitude/max} — the highest altitude in gold and when; 404 while gold is empty</li>
 *   <li>{@code GET /api/v1/altitude/windows?from=&to=&limit=} — 5 s windows, newest first (default: the last hour, 100 rows)</li>
 *   <li>{@code GET /api/v1/orbits?limit=} — completed orbits with apogee, perigee and coverage, newest first</li>
 *   <li>{@code GET /api/v1/stream} — server-sent events {@code fix} and {@code window}, with a {@code heartbeat} event</li>
 *   <li>{@code GET /health} — liveness, readiness and per-component status; 503 when not ready</li>
 *   <li>{@code GET /metrics} — Prometheus text exposition</li>
 *   <li>{@code GET /} and {@code /assets/...} — the dashboard, served from the jar</li>
 * </ul>
 * Bad parameters get 400 and unknown paths 404, both as {@code {"error":"...","status":N}}; a method other than
 * GET, and HEAD on the stream, gets 405.
 */
public final class QueryApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryApiServer.class);
    /** Connections served at once; more wait for a thread. */
    private static final int CONNECTION_THREADS = 64;

    private final HttpServer server;
    private final ExecutorService requests;
    private final EventStreams streams;

    private QueryApiServer(HttpServer server, ExecutorService requests, EventStreams streams) {
        this.server = server;
        this.requests = requests;
        this.streams = streams;
    }

    /** Starts serving with the system clock (the default range of the windows query ends now). */
    public static QueryApiServer start(QueryApiOptions options, QueryAltitudes altitudes, WatchTelemetry live,
            CheckHealth health, Supplier<String> prometheusText) throws IOException {
        return start(options, altitudes, live, health, prometheusText, Clock.systemUTC());
    }

    /**
     * Starts serving.
     *
     * @param prometheusText produces the body of {@code /metrics} on every scrape
     * @throws IOException if the address cannot be bound
     */
    public static QueryApiServer start(QueryApiOptions options, QueryAltitudes altitudes, WatchTelemetry live,
            CheckHealth health, Supplier<String> prometheusText, Clock clock) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(altitudes, "altitudes");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(prometheusText, "prometheusText");
        Objects.requireNonNull(clock, "clock");
        DashboardAssets assets = DashboardAssets.load();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(options.bindAddress()), options.port());
        HttpServer http = HttpServers.create(address, 64);
        AtomicInteger threads = new AtomicInteger();
        // Threads enough for the connections (made as needed, ended when idle): one that is slow to send its request
        // holds one for up to the request time limit, and must not keep /health waiting. Gold's queries, the work
        // that costs, run options.threads() at a time.
        ThreadPoolExecutor requests = new ThreadPoolExecutor(CONNECTION_THREADS, CONNECTION_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "iss-query-http-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        requests.allowCoreThreadTimeOut(true);
        EventStreams streams = new EventStreams(live, options.maxStreams(), options.heartbeat(), options.replayFixes());
        http.createContext("/", new QueryApiHandler(new LimitedQueries(altitudes, options.threads()), live, health,
                prometheusText, clock, streams, assets));
        http.setExecutor(requests);
        http.start();
        QueryApiServer server = new QueryApiServer(http, requests, streams);
        LOG.info("query API and dashboard at {}", server.baseUri());
        return server;
    }

    /** The port actually bound (useful when the options asked for 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Where to point a browser, e.g. {@code http://127.0.0.1:8080/}; loopback when bound to every interface. */
    public URI baseUri() {
        InetAddress address = server.getAddress().getAddress();
        String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** Event streams open right now. */
    public int openStreams() {
        return streams.active();
    }

    /** Stops accepting requests, closes every connection (event streams included) and ends the threads. */
    @Override
    public void close() {
        server.stop(0);
        streams.close();
        requests.shutdownNow();
    }
}
