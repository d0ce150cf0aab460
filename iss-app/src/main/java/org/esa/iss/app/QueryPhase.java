package org.esa.iss.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.esa.iss.adapter.http.QueryApiOptions;
import org.esa.iss.adapter.http.QueryApiServer;
import org.esa.iss.ports.LiveTelemetryService;
import org.esa.iss.ports.in.CheckHealth;

/**
 * {@code GET /api/v1/altitude/max} over loopback HTTP against the gold tables the gold phase wrote,
 * one request at a time, as a dashboard would ask. The first {@link #WARMUP} requests are not counted.
 * The answer is computed from the whole windows table, so a request costs more as gold grows; the
 * phase stops after {@link #TIME_LIMIT} even if fewer requests than asked were timed.
 */
final class QueryPhase implements BenchPhase {
    static final int WARMUP = 20;
    static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "query";
    }

    @Override
    public String reads() {
        return "gold";
    }

    @Override
    public List<Metric> run(BenchRun run) throws IOException, InterruptedException {
        CheckHealth healthy = () -> new CheckHealth.HealthReport(true, true, Map.of());
        try (QueryApiServer api = QueryApiServer.start(QueryApiOptions.defaults().withBindAddress("127.0.0.1").withPort(0),
                Stages.queries(run.backlogTables()), new LiveTelemetryService(), healthy, () -> "")) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(api.baseUri().resolve(URI.create("api/v1/altitude/max")))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            Latencies latencies = new Latencies();
            long notOk = 0;
            long stopAt = System.nanoTime() + TIME_LIMIT.toNanos();
            for (int i = 0; i < WARMUP + run.queries() && System.nanoTime() < stopAt; i++) {
                long began = System.nanoTime();
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long took = System.nanoTime() - began;
                if (i >= WARMUP) {
                    latencies.add(took);
                    notOk += response.statusCode() == 200 ? 0 : 1;
                }
            }
            return List.of(
                    new Metric("requests", latencies.count(), ""),
                    new Metric("p50", latencies.percentileMillis(50), "ms"),
                    new Metric("p99", latencies.percentileMillis(99), "ms"),
                    new Metric("max", latencies.percentileMillis(100), "ms"),
                    new Metric("not 200", notOk, ""));
        }
    }
}
