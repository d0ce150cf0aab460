package org.esa.iss.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.esa.iss.adapter.http.QueryApiFixtures.T0;
import static org.esa.iss.adapter.http.QueryApiFixtures.observation;
import static org.esa.iss.adapter.http.QueryApiFixtures.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.esa.iss.adapter.http.QueryApiFixtures.RunningApi;
import org.junit.jupiter.api.Test;

/**
 * A client on a link too slow to take in the replay before its queue of live events fills: it is not cut off
 * (which would make it reconnect and start the whole replay again, for ever); it misses the oldest live events and
 * then follows live.
 */
class SlowStreamClientTest {
    /**
     * About 17 MB of replay: far more than the sockets' buffers hold (Linux lets a send buffer grow to 4 MB by
     * default, net.ipv4.tcp_wmem), so the server's writes wait for the client.
     */
    private static final int REPLAY = 40_000;
    /** More live events than a client's queue holds (256). */
    private static final int LIVE_WHILE_REPLAYING = 400;

    @Test
    void aClientStillTakingInTheReplayLosesTheOldestLiveEventsAndThenFollowsLive() throws Exception {
        try (RunningApi api = new RunningApi(QueryApiOptions.defaults().withReplayFixes(REPLAY), T0);
             Socket socket = new Socket()) {
            for (int i = 0; i < REPLAY; i++) {
                api.live.observed(observation(telemetry(T0.plusSeconds(i), 10, 20, 410), "simulator"));
            }
            socket.setReceiveBufferSize(4096); // before connecting, so that the window stays small
            socket.connect(new InetSocketAddress(api.server.baseUri().getHost(), api.server.baseUri().getPort()));
            OutputStream request = socket.getOutputStream();
            request.write("GET /api/v1/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            socket.setSoTimeout(10_000);
            ChunkedBody stream = new ChunkedBody(socket.getInputStream());
            stream.readHeaders(); // sent once the stream is registered for live events
            Thread.sleep(500); // the server fills the buffers with the replay and waits for this client to read
            for (int i = 0; i < LIVE_WHILE_REPLAYING; i++) {
                api.live.observed(observation(telemetry(T0.plusSeconds(REPLAY + i), 10, 20, 430), "simulator"));
            }

            String received = stream.readUntil(second(REPLAY + LIVE_WHILE_REPLAYING - 1));
            assertThat(received).as("the replay, from its first fix").contains(second(0)).contains(second(REPLAY - 1));
            assertThat(received).as("the oldest live fixes, lost").doesNotContain(second(REPLAY));
            assertThat(countOf(received, "event: fix")).as("fixes received: the replay, then the newest live ones")
                    .isGreaterThan(REPLAY).isLessThan(REPLAY + LIVE_WHILE_REPLAYING);

            long next = REPLAY + LIVE_WHILE_REPLAYING;
            api.live.observed(observation(telemetry(T0.plusSeconds(next), 10, 20, 450), "simulator"));
            assertThat(stream.readUntil(second(next))).as("the stream, still open and live").contains(second(next));
        }
    }

    /** How the fix of second {@code offset} after T0 appears in the stream. */
    private static String second(long offset) {
        return "\"timestamp\":" + T0.plusSeconds(offset).getEpochSecond();
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /** The body of a chunked HTTP/1.1 response, read from the raw socket after its headers. */
    private static final class ChunkedBody {
        private final InputStream in;

        ChunkedBody(InputStream in) {
            this.in = in;
        }

        /** Reads the status line and the headers. */
        void readHeaders() throws IOException {
            while (!line().isEmpty()) {
                // status line and headers
            }
        }

        /** Reads chunks until {@code marker} has arrived, and returns the text read by this call. */
        String readUntil(String marker) throws IOException {
            StringBuilder body = new StringBuilder(); // the events are ASCII: JSON escapes anything else
            while (true) {
                int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                if (size == 0) {
                    throw new AssertionError("the stream ended before " + marker + " (" + body.length() + " characters)");
                }
                int searchFrom = Math.max(0, body.length() - marker.length());
                body.append(new String(in.readNBytes(size), StandardCharsets.US_ASCII));
                line(); // the CRLF after the chunk
                if (body.indexOf(marker, searchFrom) >= 0) {
                    return body.toString();
                }
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = read(); c != '\n'; c = read()) {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        private int read() throws IOException {
            int c;
            try {
                c = in.read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("nothing more arrived within 10 s", e);
            }
            if (c < 0) {
                throw new AssertionError("the connection closed");
            }
            return c;
        }
    }
}
