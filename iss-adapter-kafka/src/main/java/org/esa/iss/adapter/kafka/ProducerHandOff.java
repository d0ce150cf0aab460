package org.esa.iss.adapter.kafka;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Feeds records to the Kafka producer in publish order, retrying a record while the broker is away.
 *
 * <p>Why: {@code KafkaProducer.send} blocks (up to {@code max.block.ms}) whenever it has no metadata for the
 * topic, which is exactly the situation during a broker outage, and then fails the record. By default one
 * sender thread hands records over, so callers never block, and that thread retries the same record until the
 * broker is back or the record's delivery timeout has passed; later records wait behind it, so order holds.
 * Created {@link #onCallersThread}, each caller hands its record over itself and waits (at most
 * {@code maxWaitForRoom}) while the broker is away or the producer full: the backpressure a backlog replay wants,
 * without the cost of a thread hand-off per record.
 */
final class ProducerHandOff implements AutoCloseable {

    /** How a record ends. Called once per record, on the thread that hands it over or the producer's network thread. */
    interface Outcome {
        void delivered(RecordMetadata metadata);

        void failed(Exception error);
    }

    /** After a refused hand-off (which itself waited {@code max.block.ms}), before trying the same record again. */
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(50);

    private final Producer<byte[], byte[]> producer;
    private final long deliveryTimeoutNanos;
    private final Duration maxWaitForRoom;
    /** Records accepted but not yet accepted by the producer: what {@link #awaitHandedOver} waits for. */
    private final AtomicLong notHandedOver = new AtomicLong();
    /** The sender thread and its queue, or {@code null} when callers hand their records over themselves. */
    private final SenderThread sender;
    private volatile boolean closing;
    /** Set by {@link #stopRetrying}: a record the broker's absence holds up fails instead of waiting on. */
    private volatile boolean retriesStopped;

    /** Hands records over on a sender thread of its own. */
    ProducerHandOff(Producer<byte[], byte[]> producer, long maxQueuedBytes, Duration deliveryTimeout,
                    Duration maxWaitForRoom, String threadName) {
        this.producer = producer;
        this.deliveryTimeoutNanos = deliveryTimeout.toNanos();
        this.maxWaitForRoom = maxWaitForRoom;
        this.sender = new SenderThread((int) Math.min(Integer.MAX_VALUE, maxQueuedBytes), threadName);
    }

    private ProducerHandOff(Producer<byte[], byte[]> producer, Duration deliveryTimeout, Duration maxWaitForRoom) {
        this.producer = producer;
        this.deliveryTimeoutNanos = deliveryTimeout.toNanos();
        this.maxWaitForRoom = maxWaitForRoom;
        this.sender = null;
    }

    /** Lets each caller hand its record over itself, retrying for at most {@code maxWait} while the broker is away. */
    static ProducerHandOff onCallersThread(Producer<byte[], byte[]> producer, Duration deliveryTimeout, Duration maxWait) {
        return new ProducerHandOff(producer, deliveryTimeout, maxWait);
    }

    /**
     * Queues a record, waiting at most {@code maxWaitForRoom} while the queue is full; a record that still does
     * not fit is failed. Without a sender thread, hands the record over right here instead.
     */
    void submit(ProducerRecord<byte[], byte[]> record, Outcome outcome) {
        if (closing) {
            outcome.failed(new IllegalStateException("publisher is closed"));
            return;
        }
        if (sender != null) {
            sender.enqueue(record, outcome);
            return;
        }
        notHandedOver.incrementAndGet(); // so that flush and close wait for publishes still in progress
        try {
            handOver(record, outcome, System.nanoTime(), Math.min(deliveryTimeoutNanos, maxWaitForRoom.toNanos()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the record has failed, saying why
        } finally {
            notHandedOver.decrementAndGet();
        }
    }

    /** Waits until every queued record is in the producer's hands (delivered, buffered there, or failed). */
    boolean awaitHandedOver(Duration timeout) throws InterruptedException {
        return awaitUntil(() -> notHandedOver.get() == 0, System.nanoTime() + timeout.toNanos());
    }

    /**
     * Checks {@code done} every few milliseconds until it holds (true) or {@code deadlineNanos}, a
     * {@link System#nanoTime} instant, has passed (false).
     */
    static boolean awaitUntil(BooleanSupplier done, long deadlineNanos) throws InterruptedException {
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadlineNanos > 0) { // overflow-safe for any timeout under 292 years
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /**
     * Gives the record to the producer, trying again while it is refused for a reason that passes (no metadata,
     * no buffer space: the broker is away) until {@code giveUpNanos} after {@code submittedNanos} or until the
     * publisher closes; then, or on a refusal for good, the record fails with the producer's reason.
     */
    private void handOver(ProducerRecord<byte[], byte[]> record, Outcome outcome, long submittedNanos, long giveUpNanos)
            throws InterruptedException {
        while (true) {
            Attempt attempt = new Attempt(outcome);
            try {
                producer.send(record, attempt);
            } catch (RuntimeException e) {
                attempt.onCompletion(null, e);
            }
            attempt.sendReturned = true;
            Exception refused = attempt.refusedDuringSend;
            if (refused == null) {
                return;
            }
            boolean retry = refused instanceof RetriableException
                    && System.nanoTime() - submittedNanos < giveUpNanos && !closing && !retriesStopped;
            if (!retry) {
                outcome.failed(refused);
                return;
            }
            // No metadata or no buffer space: the broker is away. Keep this record first in line.
            try {
                Thread.sleep(RETRY_BACKOFF.toMillis());
            } catch (InterruptedException e) {
                outcome.failed(new IllegalStateException("publisher closed while the broker was away", e));
                throw e;
            }
        }
    }

    /**
     * Stops waiting for a broker that is away, for good: the record being retried fails within one refused
     * hand-off ({@code max.block.ms}), and so does each later one the producer refuses. Records are still taken,
     * and those the producer accepts are delivered as usual.
     */
    void stopRetrying() {
        retriesStopped = true;
    }

    /**
     * Stops taking records; with a sender thread, gives its queue up to one more refused hand-off to reach the
     * producer, then fails what is left. Does not close the producer.
     */
    @Override
    public void close() {
        closing = true;
        if (sender != null) {
            sender.stop();
        }
    }

    /** The queue between publishing threads and the one thread that hands its records to the producer, in order. */
    private final class SenderThread {
        private record Pending(ProducerRecord<byte[], byte[]> record, Outcome outcome, long enqueuedNanos, int bytes) {
        }

        /** What a queued record costs besides its value, for the queue's bound. */
        private static final int RECORD_OVERHEAD_BYTES = 128;

        private final int maxQueuedBytes;
        private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
        /** Room left in the queue, in bytes: the bound that gives callers backpressure instead of an ever-growing heap. */
        private final Semaphore room;
        private final Thread thread;
        /** Set once {@link #stop} has emptied the queue: a record queued after that is failed by its own caller. */
        private volatile boolean stopped;

        SenderThread(int maxQueuedBytes, String name) {
            this.maxQueuedBytes = maxQueuedBytes;
            this.room = new Semaphore(maxQueuedBytes);
            this.thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }

        void enqueue(ProducerRecord<byte[], byte[]> record, Outcome outcome) {
            int bytes = RECORD_OVERHEAD_BYTES + (record.value() == null ? 0 : record.value().length);
            boolean admitted;
            try {
                admitted = bytes <= maxQueuedBytes
                        && room.tryAcquire(bytes, maxWaitForRoom.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                admitted = false;
            }
            if (!admitted) {
                outcome.failed(new IllegalStateException("publisher backlog full (" + maxQueuedBytes
                        + " bytes waiting for the broker for " + maxWaitForRoom + "); is Kafka down for longer than"
                        + " the buffer was sized for?"));
                return;
            }
            notHandedOver.incrementAndGet();
            queue.add(new Pending(record, outcome, System.nanoTime(), bytes));
            if (stopped) { // closed while this record was on its way in: nobody else would ever end it
                failRemaining();
            }
        }

        private void run() {
            try {
                while (!closing || !queue.isEmpty()) {
                    Pending next = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        try {
                            handOver(next.record(), next.outcome(), next.enqueuedNanos(), deliveryTimeoutNanos);
                        } finally {
                            done(next);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                failRemaining();
            }
        }

        /** Gives the queue up to one refused hand-off and its backoff to reach the producer, then fails what is left. */
        void stop() {
            try {
                thread.join(KafkaTelemetryPublisher.SEND_BLOCK.toMillis() + 2 * RETRY_BACKOFF.toMillis());
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped = true;
            failRemaining();
        }

        private void done(Pending pending) {
            room.release(pending.bytes());
            notHandedOver.decrementAndGet();
        }

        private void failRemaining() {
            Exception reason = new IllegalStateException("publisher closed before the record reached the producer");
            Pending pending;
            while ((pending = queue.poll()) != null) {
                pending.outcome().failed(reason);
                done(pending);
            }
        }
    }

    /**
     * One try to hand a record over. Kafka reports a refusal inside {@code send} (no metadata in time, record
     * too large) through the callback on the calling thread before {@code send} returns; those are kept aside to
     * decide on a retry, while later completions (on the network thread, which may also be the thread that
     * published, if it published from a completion) are the record's real outcome.
     */
    private static final class Attempt implements Callback {
        private final Outcome outcome;
        private final Thread sending = Thread.currentThread();
        private boolean sendReturned;
        private Exception refusedDuringSend;

        Attempt(Outcome outcome) {
            this.outcome = outcome;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            if (Thread.currentThread() == sending && !sendReturned && error != null) {
                refusedDuringSend = error;
            } else if (error == null) {
                outcome.delivered(metadata);
            } else {
                outcome.failed(error);
            }
        }
    }
}
