package org.esa.iss.adapter.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads a server-sent-events stream line by line with {@code BodyHandlers.ofLines}, on a thread of its own so
 * that a test can wait for a line with a timeout.
 */
final class EventStreamClient implements AutoCloseable {
    /** A line read, or the end of the stream. */
    static final String END = "\u0000end";

    final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    EventStreamClient(URI uri) throws IOException, InterruptedException {
        response = QueryApiFixtures.HTTP.send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        reader = new Thread(this::pump, "test-sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void pump() {
        try {
            Iterator<String> it = response.body().iterator();
            while (it.hasNext()) {
                lines.add(it.next());
            }
        } catch (RuntimeException e) {
            // the connection was closed under us: that is the end of the stream too
        }
        lines.add(END);
    }

    /** The next line, or null if none arrives in time. */
    String nextLine(Duration timeout) throws InterruptedException {
        return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Skips lines until {@code event: name}, then returns the data line that follows it. */
    String nextData(String event, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean inEvent = false;
        while (System.nanoTime() < deadline) {
            String line = nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (line == null || line.equals(END)) {
                return null;
            }
            if (line.equals("event: " + event)) {
                inEvent = true;
            } else if (inEvent && line.startsWith("data: ")) {
                return line.substring("data: ".length());
            } else if (line.isEmpty()) {
                inEvent = false;
            }
        }
        return null;
    }

    /** Closing the body stream cancels the request, which drops the connection. */
    @Override
    public void close() {
        response.body().close();
    }
}
