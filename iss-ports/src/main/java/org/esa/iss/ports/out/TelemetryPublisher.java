package org.esa.iss.ports.out;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes observations to the telemetry topic. Publishing is asynchronous: the call returns at once
 * and the future completes when the record is durably stored (or finally fails). A broker outage must
 * not block callers: records wait in the publisher until they can be delivered. A failure is reported through
 * the future, never thrown from {@code publish}, which the poller would take as a defect and stop on.
 *
 * <p>Each satellite's records must land in the order they were published, in one partition (gold's watermark
 * judges them in that order), and at most once each.
 */
public interface TelemetryPublisher extends AutoCloseable {

    /** Queues one observation; the future tells where it landed or why it never will. */
    CompletableFuture<Delivery> publish(Observation observation);

    /** Blocks until every queued record is delivered or has failed. */
    void flush();

    /**
     * Like {@link #flush()}, but gives up after {@code timeout}: {@code true} when nothing is left waiting. Records
     * still waiting stay queued; {@link #close()} delivers or fails them. This default waits without a limit:
     * override it, or a stopping poller waits as long as the broker is away.
     */
    default boolean flush(Duration timeout) {
        flush();
        return true;
    }

    /** Flushes and releases resources. */
    @Override
    void close();

    /** Where a record was stored. */
    record Delivery(String topic, int partition, long offset) {
    }
}
