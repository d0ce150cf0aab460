package org.esa.iss.adapter.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of the {@link QueryApiServer}.
 *
 * @param bindAddress   interface to listen on; loopback by default because the API has no authentication
 *                      and an operator must opt in to expose it
 * @param port          TCP port; 0 picks a free one (tests, side-by-side runs)
 * @param threads       gold queries answered at once; they are short reads of gold, so a handful serves a
 *                      dashboard and a scraper without competing with the pipeline for the CPU (connections, health
 *                      checks and assets have threads of their own)
 * @param maxStreams    concurrent event streams, each holding one thread for as long as its client stays;
 *                      bounded so that forgotten browser tabs cannot exhaust the process
 * @param heartbeat     interval of the {@code heartbeat} event sent on an idle stream; keeps proxies from closing it,
 *                      is how a vanished client is noticed (the write fails), and tells a page the stream lives
 * @param replayFixes   recent fixes sent to a stream as soon as it opens, so that a dashboard opened (or reloaded)
 *                      now draws the last orbit's ground track at once instead of starting empty; 0 sends only the
 *                      latest fix
 */
public record QueryApiOptions(String bindAddress, int port, int threads, int maxStreams, Duration heartbeat,
        int replayFixes) {
    /** The port the design gives the dashboard. */
    public static final int DEFAULT_PORT = 8080;

    public QueryApiOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bind address must name an interface, e.g. 127.0.0.1 or 0.0.0.0");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within [0, 65535] (0 = any free port), got " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be >= 1, got " + maxStreams);
        }
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive, got " + heartbeat);
        }
        if (replayFixes < 0) {
            throw new IllegalArgumentException("replayFixes must be >= 0, got " + replayFixes);
        }
    }

    /**
     * Loopback, port 8080, 4 gold queries at once, 16 streams, a heartbeat every 15 s, and a replay of 12,000 fixes:
     * about 100 minutes at 2 Hz, one orbit and a bit, some 5 MB of heap.
     */
    public static QueryApiOptions defaults() {
        return new QueryApiOptions("127.0.0.1", DEFAULT_PORT, 4, 16, Duration.ofSeconds(15), 12_000);
    }

    public QueryApiOptions withBindAddress(String newBindAddress) {
        return new QueryApiOptions(newBindAddress, port, threads, maxStreams, heartbeat, replayFixes);
    }

    public QueryApiOptions withPort(int newPort) {
        return new QueryApiOptions(bindAddress, newPort, threads, maxStreams, heartbeat, replayFixes);
    }

    public QueryApiOptions withThreads(int newThreads) {
        return new QueryApiOptions(bindAddress, port, newThreads, maxStreams, heartbeat, replayFixes);
    }

    public QueryApiOptions withMaxStreams(int newMaxStreams) {
        return new QueryApiOptions(bindAddress, port, threads, newMaxStreams, heartbeat, replayFixes);
    }

    public QueryApiOptions withReplayFixes(int newReplayFixes) {
        return new QueryApiOptions(bindAddress, port, threads, maxStreams, heartbeat, newReplayFixes);
    }

    public QueryApiOptions withHeartbeat(Duration newHeartbeat) {
        return new QueryApiOptions(bindAddress, port, threads, maxStreams, newHeartbeat, replayFixes);
    }
}
