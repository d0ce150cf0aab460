package org.esa.iss.adapter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import org.esa.iss.ports.in.CheckHealth;
import org.esa.iss.ports.in.QueryAltitudes;
import org.esa.iss.ports.in.WatchTelemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes every request of the query API. Only GET, and HEAD (its headers alone), exist: nothing here writes. */
final class QueryApiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(QueryApiHandler.class);
    /** The exposition format Prometheus scrapes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final QueryAltitudes altitudes;
    private final WatchTelemetry live;
    private final CheckHealth health;
    private final Supplier<String> metrics;
    private final Clock clock;
    private final EventStreams streams;
    private final DashboardAssets assets;

    QueryApiHandler(QueryAltitudes altitudes, WatchTelemetry live, CheckHealth health, Supplier<String> metrics,
            Clock clock, EventStreams streams, DashboardAssets assets) {
        this.altitudes = altitudes;
        this.live = live;
        this.health = health;
        this.metrics = metrics;
        this.clock = clock;
        this.streams = streams;
        this.assets = assets;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            boolean stream = path.equals("/api/v1/stream");
            if (!"GET".equals(method) && !("HEAD".equals(method) && !stream)) { // HEAD: a monitor's check, headers only
                HttpReply.error(405, "method " + method + " not allowed; the query API is read-only (GET)")
                        .withHeader("Allow", stream ? "GET" : "GET, HEAD").send(exchange);
                return;
            }
            if (stream) {
                streams.open(exchange); // the stream owns the exchange from here on
                return;
            }
            HttpReply reply = reply(exchange, path);
            if (!reply.headers().containsKey("Cache-Control")) {
                reply = reply.withHeader("Cache-Control", "no-store"); // answers about live data go stale at once
            }
            reply.send(exchange);
        } catch (IOException e) {
            LOG.debug("query API client went away: {}", e.toString());
            exchange.close();
        } catch (Exception e) { // checked ones too: Delta passes on its log store's IOException undeclared
            LOG.warn("query API failed on {}", exchange.getRequestURI(), e);
            exchange.close();
        }
    }

    private HttpReply reply(HttpExchange exchange, String path) {
        try {
            return switch (path) {
                case "/api/v1/telemetry/latest" -> {
                    parameters(exchange, path, Set.of());
                    yield live.latest().map(t -> HttpReply.json(QueryApiJson.telemetry(t)))
                            .orElseGet(() -> HttpReply.error(404, "no telemetry yet"));
                }
                case "/api/v1/altitude/max" -> {
                    parameters(exchange, path, Set.of());
                    yield altitudes.highestAltitude().map(peak -> HttpReply.json(QueryApiJson.peak(peak)))
                            .orElseGet(() -> HttpReply.error(404, "no altitude windows in gold yet"));
                }
                case "/api/v1/altitude/windows" -> windows(parameters(exchange, path, Set.of("from", "to", "limit")));
                case "/api/v1/orbits" -> HttpReply.json(QueryApiJson.orbits(
                        altitudes.orbits(QueryLimits.limit(parameters(exchange, path, Set.of("limit"))))));
                case "/health" -> health();
                case "/metrics" -> HttpReply.text(200, metrics.get(), PROMETHEUS_TEXT);
                default -> assets.get(path, exchange.getRequestHeaders().getFirst("If-None-Match"))
                        .orElseGet(() -> HttpReply.error(404, "no such resource: " + path
                                + "; see /api/v1/telemetry/latest, /api/v1/altitude/max, /api/v1/altitude/windows,"
                                + " /api/v1/orbits, /api/v1/stream, /health, /metrics"));
            };
        } catch (QueryParameters.BadParameter e) {
            return HttpReply.error(400, e.getMessage());
        } catch (Exception e) { // checked ones too, passed on undeclared by Delta's Scala code
            // the detail (paths, a table's files) stays in the log of the server, which may face the network
            String reference = Instant.now(clock).toString();
            LOG.warn("query API failed on {} (answered 500, reference {})", exchange.getRequestURI(), reference, e);
            return HttpReply.error(500, "internal error; the server's log has the details under reference " + reference);
        }
    }

    /** The request's parameters, refused if the endpoint does not take one of them. */
    private static QueryParameters parameters(HttpExchange exchange, String endpoint, Set<String> allowed) {
        QueryParameters query = QueryParameters.parse(exchange.getRequestURI().getRawQuery());
        query.allowOnly(endpoint, allowed);
        return query;
    }

    private HttpReply windows(QueryParameters query) {
        QueryLimits.WindowRange range = QueryLimits.windowRange(query, clock);
        return HttpReply.json(QueryApiJson.windows(altitudes.windows(range.from(), range.to(), range.limit())));
    }

    /** 200 when ready, 503 otherwise, so that a load balancer or orchestrator can act on the status alone. */
    private HttpReply health() {
        CheckHealth.HealthReport report = health.health();
        HttpReply reply = HttpReply.json(QueryApiJson.health(report)).withHeader("Cache-Control", "no-store");
        return report.ready() ? reply : reply.withStatus(503);
    }
}
