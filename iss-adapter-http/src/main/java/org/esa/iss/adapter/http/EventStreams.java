package org.esa.iss.adapter.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.in.WatchTelemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-sent-events endpoint: every live fix as event {@code fix} and every committed window as event
 * {@code window}, with an event {@code heartbeat} when nothing happens.
 *
 * <p>A new client first receives the most recent fixes (a bounded replay), then live events, with no gap and no
 * duplicate between the two: the replay is taken and the client registered under the same lock the publisher
 * holds while it records and fans out a fix. (A link too slow to take the replay in before its queue of live
 * events fills loses the oldest of those instead.)
 *
 * <p>One subscription to {@link WatchTelemetry} serves every client: an event is formatted once and offered to
 * each client's bounded queue, so the publishing thread (the poller) never blocks on a slow network. Each
 * client has its own writer thread, at most {@code maxStreams} of them; a client that closes its connection is
 * noticed at the next write (at the latest at the next heartbeat), and its thread ends and releases its slot. One
 * that vanishes without closing, or stops reading, holds its slot until a write fails: when TCP gives up on it (the
 * JDK server has no write deadline).
 */
final class EventStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);
    /** Events a client may fall behind by (about two minutes of fixes at 2 Hz) before it is cut off. */
    private static final int QUEUE_CAPACITY = 256;
    /** Tells EventSource how long to wait before reconnecting after the stream ends. */
    private static final String PREAMBLE = "retry: 3000\n\n";
    /**
     * An event, not a comment, so that a page sees it and can tell a quiet stream from a dead one (EventSource
     * dispatches only events with data).
     */
    private static final String HEARTBEAT = "event: heartbeat\ndata: {}\n\n";
    private static final Duration IDLE_THREAD_KEEP_ALIVE = Duration.ofSeconds(1);

    private final WatchTelemetry live;
    private final Duration heartbeat;
    private final Semaphore slots;
    private final ExecutorService writers;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final WatchTelemetry.Subscription subscription;
    private final int replayFixes;
    /** The last {@code replayFixes} fix frames, oldest first; also the lock ordering replays against live events. */
    private final ArrayDeque<String> recentFixes = new ArrayDeque<>();

    EventStreams(WatchTelemetry live, int maxStreams, Duration heartbeat, int replayFixes) {
        this.live = live;
        this.heartbeat = heartbeat;
        this.replayFixes = replayFixes;
        this.slots = new Semaphore(maxStreams);
        AtomicInteger threads = new AtomicInteger();
        // The semaphore bounds the number of threads; the pool only recycles them for a reconnecting browser
        // and lets them go soon after, so that an idle server holds no stream thread.
        this.writers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD_KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "iss-query-stream-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.subscription = live.subscribe(new Fanout());
    }

    /** Streams that are open right now. */
    int active() {
        return clients.size();
    }

    /**
     * Takes over the exchange: answers 503 when every slot is taken, otherwise sends the headers and hands the
     * exchange to a writer thread. Subscribed before the headers leave, so a client that has its headers
     * receives every later event.
     */
    void open(HttpExchange exchange) throws IOException {
        if (!slots.tryAcquire()) {
            HttpReply.error(503, "too many event streams open; close one or retry later")
                    .withHeader("Retry-After", "10").send(exchange);
            return;
        }
        Client client = new Client(exchange);
        synchronized (recentFixes) {
            client.replay = List.copyOf(recentFixes);
            clients.add(client);
        }
        try {
            HttpReply.commonHeaders(exchange.getResponseHeaders());
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            if (client.replay.isEmpty()) {
                // Without a replay, the newest fix at least, so that the page has something to show.
                live.latest().ifPresent(t -> client.offer(frame("fix", QueryApiJson.telemetry(t))));
            }
            writers.execute(client::run);
        } catch (IOException | RejectedExecutionException e) {
            client.release();
            if (e instanceof IOException io) {
                throw io;
            }
        }
    }

    /** Ends every stream and waits briefly for the writer threads. */
    @Override
    public void close() {
        subscription.close();
        writers.shutdownNow();
        try {
            writers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.forEach(Client::release);
    }

    private static String frame(String event, String json) {
        return "event: " + event + "\ndata: " + json + "\n\n";
    }

    /** Formats each live event once and offers it to every client. Runs on the publisher's thread. */
    private final class Fanout implements WatchTelemetry.Listener {
        @Override
        public void fix(Telemetry telemetry, String source) {
            if (clients.isEmpty() && replayFixes == 0) {
                return;
            }
            String frame = frame("fix", QueryApiJson.fixEvent(telemetry, source));
            synchronized (recentFixes) {
                if (replayFixes > 0) {
                    if (recentFixes.size() == replayFixes) {
                        recentFixes.removeFirst();
                    }
                    recentFixes.addLast(frame);
                }
                clients.forEach(c -> c.offer(frame));
            }
        }

        @Override
        public void window(AltitudeWindow window) {
            if (!clients.isEmpty()) {
                String frame = frame("window", QueryApiJson.window(window));
                clients.forEach(c -> c.offer(frame));
            }
        }
    }

    /** One connected client: its queue of frames and the loop that writes them. */
    private final class Client {
        private final HttpExchange exchange;
        private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        private volatile boolean overflowed;
        /** Until its replay is written, a client that falls behind loses its oldest queued events instead. */
        private volatile boolean replaying = true;
        private boolean released;
        /** Written before the first queued frame; set before the writer thread starts. */
        private List<String> replay = List.of();

        Client(HttpExchange exchange) {
            this.exchange = exchange;
        }

        /** Called by the threads that publish fixes and windows; never blocks them. */
        void offer(String frame) {
            if (queue.offer(frame)) {
                return;
            }
            if (replaying) {
                // A slow link still taking in the replay (~5 MB by default): cutting it off would send it the
                // whole replay again after the reconnect, and again, and it would never see a live event. It misses
                // the oldest live events instead, and then keeps up easily with ~1 KB/s of them. (Fixes and windows
                // are offered from two threads: each makes room until its own frame fits.)
                do {
                    queue.poll();
                } while (!queue.offer(frame));
                return;
            }
            // Never block the publisher: a client this far behind is cut off and EventSource reconnects.
            overflowed = true;
        }

        void run() {
            try (OutputStream out = exchange.getResponseBody()) {
                write(out, PREAMBLE);
                for (String frame : replay) {
                    out.write(frame.getBytes(StandardCharsets.UTF_8));
                }
                replay = List.of();
                replaying = false;
                while (!overflowed && !Thread.currentThread().isInterrupted()) {
                    String frame = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                    write(out, frame == null ? HEARTBEAT : frame);
                }
            } catch (IOException e) {
                LOG.debug("event stream client went away: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                release();
            }
        }

        private void write(OutputStream out, String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Idempotent: frees the slot and closes the exchange exactly once. */
        synchronized void release() {
            if (released) {
                return;
            }
            released = true;
            clients.remove(this);
            slots.release();
            exchange.close();
        }
    }
}
