package org.esa.iss.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.esa.iss.adapter.http.QueryApiFixtures.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dashboard is served from the jar with the right types and caching, and loads nothing from elsewhere. */
class DashboardAssetsTest {
    private static RunningApi api;

    @BeforeAll
    static void start() throws Exception {
        api = new RunningApi();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void rootIsTheDashboardPageAlwaysRevalidatedAndConfinedToThisServer() {
        HttpResponse<String> page = api.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'", "connect-src 'self'"));
        assertThat(page.body()).contains("<canvas id=\"map\"", "<canvas id=\"altitude\"",
                "assets/app.js", "assets/charts.js", "assets/world.js", "assets/style.css");
        assertThat(page.body()).doesNotContain("http://", "https://", "//cdn");
        // Each asset is named with its content hash, so that a browser never runs a stale script after an upgrade.
        assertThat(page.body()).containsPattern("\"assets/app\\.js\\?v=[0-9a-f]{24}\"");
    }

    @ParameterizedTest
    @CsvSource({
        "/assets/app.js,    text/javascript; charset=utf-8, EventSource",
        "/assets/charts.js, text/javascript; charset=utf-8, drawAltitude",
        "/assets/world.js,  text/javascript; charset=utf-8, ISS_WORLD",
        "/assets/style.css, text/css; charset=utf-8,        --bg",
    })
    void assetsHaveTheirContentTypeAndAreCachedBriefly(String path, String contentType, String content) {
        HttpResponse<String> asset = api.get(path);

        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type")).contains(contentType);
        assertThat(asset.headers().firstValue("Cache-Control")).contains("public, max-age=300");
        assertThat(asset.headers().firstValue("ETag")).isPresent();
        assertThat(asset.body()).contains(content).doesNotContain("https://");
    }

    @Test
    void anUnchangedAssetIsNotSentAgain() {
        String etag = api.get("/assets/app.js").headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = api.send(HttpRequest.newBuilder(api.uri("/assets/app.js"))
                .header("If-None-Match", etag).GET().build());

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void theStreamAndTheApiAreReferencedRelativelySoThePageWorksBehindAPathPrefix() {
        String app = api.get("/assets/app.js").body();

        assertThat(app).contains("new EventSource(\"api/v1/stream\")", "\"api/v1/altitude/max\"",
                "\"api/v1/orbits?limit=1\"", "\"health\"");
    }
}
