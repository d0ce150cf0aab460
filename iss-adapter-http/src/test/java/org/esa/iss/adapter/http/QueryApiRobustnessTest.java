package org.esa.iss.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.esa.iss.adapter.http.QueryApiFixtures.RunningApi;
import org.junit.jupiter.api.Test;

/** What an API listening on a network meets: half-sent requests, monitors' HEAD requests, a failure inside. */
class QueryApiRobustnessTest {

    /**
     * More connections than gold's query threads, each stuck in its request line: {@code /health} is answered at once
     * (asked on a socket of its own, since Java's HTTP client would quietly retry a dropped request), and the stuck
     * connections are closed once the request time limit has passed.
     */
    @Test
    void halfSentRequestsDoNotHoldTheRequestThreads() throws Exception {
        try (RunningApi api = new RunningApi()) {
            List<Socket> stuck = new ArrayList<>();
            try {
                for (int i = 0; i < QueryApiOptions.defaults().threads() + 4; i++) {
                    Socket socket = new Socket(api.server.baseUri().getHost(), api.server.baseUri().getPort());
                    socket.getOutputStream().write('G');
                    socket.getOutputStream().flush();
                    stuck.add(socket);
                }
                long started = System.nanoTime();
                String health = raw(api, "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

                assertThat(health).startsWith("HTTP/1.1 200");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not held by the stuck connections")
                        .isLessThan(Duration.ofSeconds(3));
                Socket first = stuck.get(0);
                first.setSoTimeout(15_000);
                assertThat(first.getInputStream().read()).as("the server closed the half-sent request").isEqualTo(-1);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("after the 5 s request time limit")
                        .isGreaterThan(Duration.ofSeconds(4));
            } finally {
                for (Socket socket : stuck) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aHeadRequestGetsAGetsStatusAndHeadersWithoutABody() throws Exception {
        try (RunningApi api = new RunningApi()) {
            HttpResponse<String> head = api.send(HttpRequest.newBuilder(api.uri("/health"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(head.body()).isEmpty();
            assertThat(api.send(HttpRequest.newBuilder(api.uri("/api/v1/altitude/max"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode()).as("gold is empty").isEqualTo(404);

            HttpResponse<String> stream = api.send(HttpRequest.newBuilder(api.uri("/api/v1/stream"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(stream.statusCode()).isEqualTo(405);
            assertThat(stream.headers().firstValue("Allow")).contains("GET");
        }
    }

    /** The detail of a failure (a table's paths) stays in the server's log; the client gets a reference to it. */
    @Test
    void aFailureInsideIsA500WithoutItsDetail() throws Exception {
        try (RunningApi api = new RunningApi()) {
            api.health.set(null); // the health check itself fails

            HttpResponse<String> response = api.get("/health");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).contains("internal error; the server's log has the details under reference 20")
                    .doesNotContain("NullPointerException").doesNotContain("Exception");
        }
    }

    /** A '%' that starts no escape: refused before it reaches a handler, by the server or with the API's own reason. */
    @Test
    void aStrayPercentSignIsABadRequest() throws Exception {
        try (RunningApi api = new RunningApi()) {
            String answer = raw(api, "GET /api/v1/altitude/windows?from=100% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 400");
        }
    }

    private static String raw(RunningApi api, String request) throws IOException {
        try (Socket socket = new Socket(api.server.baseUri().getHost(), api.server.baseUri().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
