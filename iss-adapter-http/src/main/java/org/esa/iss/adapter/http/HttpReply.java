package org.esa.iss.adapter.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One complete response of the query API: status, body, content type and extra headers. */
record HttpReply(int status, byte[] body, String contentType, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";

    HttpReply {
        headers = Map.copyOf(headers);
    }

    static HttpReply json(String body) {
        return new HttpReply(200, body.getBytes(StandardCharsets.UTF_8), JSON, Map.of());
    }

    /** {@code {"error":"...","status":N}}: the same error shape as the ground-control API. */
    static HttpReply error(int status, String message) {
        return new HttpReply(status, ApiJson.error(status, message), JSON, Map.of());
    }

    static HttpReply text(int status, String body, String contentType) {
        return new HttpReply(status, body.getBytes(StandardCharsets.UTF_8), contentType, Map.of());
    }

    HttpReply withStatus(int newStatus) {
        return new HttpReply(newStatus, body, contentType, headers);
    }

    HttpReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpReply(status, body, contentType, more);
    }

    /** Writes the reply and ends the exchange. */
    void send(HttpExchange exchange) throws IOException {
        Headers out = exchange.getResponseHeaders();
        commonHeaders(out);
        out.set("Content-Type", contentType);
        headers.forEach(out::set);
        boolean noBody = status == 304 || status == 204 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            if (!noBody) {
                stream.write(body);
            }
        }
    }

    /** Headers every response carries, streams included. */
    static void commonHeaders(Headers out) {
        // Browsers must not guess a script out of a JSON or text body.
        out.set("X-Content-Type-Options", "nosniff");
        out.set("Referrer-Policy", "no-referrer");
    }
}
