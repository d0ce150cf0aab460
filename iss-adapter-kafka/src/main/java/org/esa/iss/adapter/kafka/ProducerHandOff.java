package org.esa.iss.adapter.kafka;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Feeds records to the Kafka producer from a thread of its own, in publish order.
 *
 * <p>Why: {@code KafkaProducer.send} blocks (up to {@code max.block.ms}) whenever it has no metadata for the
 * topic, which is exactly the situation during a broker outage, and then fails the record. Handing records to
 * one sender thread keeps callers from ever blocking, and lets that thread retry the same record until the
 * broker is back or the record's delivery timeout has passed; later records wait behind it, so order holds.
 */
final class ProducerHandOff implements AutoCloseable {

    /** How a record ends. Called once per record, on the sender or the producer's network thread. */
    interface Outcome {
        void delivered(RecordMetadata metadata);

        void failed(Exception error);
    }

    private record Pending(ProducerRecord<byte[], byte[]> record, Outcome outcome, long enqueuedNanos, int bytes) {
    }

    private static final int RECORD_OVERHEAD_BYTES = 128;

    /** After a refused hand-off (which itself waited {@code max.block.ms}), before trying the same record again. */
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(50);

    private final Producer<byte[], byte[]> producer;
    private final int maxQueuedBytes;
    private final long deliveryTimeoutNanos;
    private final Duration maxWaitForRoom;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Room left in the queue, in bytes: the bound that gives callers backpressure instead of an ever-growing heap. */
    private final Semaphore room;
    /** Records accepted but not yet accepted by the producer: what {@link #awaitHandedOver} waits for. */
    private final AtomicLong notHandedOver = new AtomicLong();
    private final Thread sender;
    private volatile boolean closing;

    ProducerHandOff(Producer<byte[], byte[]> producer, long maxQueuedBytes, Duration deliveryTimeout,
                    Duration maxWaitForRoom, String threadName) {
        this.producer = producer;
        this.maxQueuedBytes = (int) Math.min(Integer.MAX_VALUE, maxQueuedBytes);
        this.room = new Semaphore(this.maxQueuedBytes);
        this.deliveryTimeoutNanos = deliveryTimeout.toNanos();
        this.maxWaitForRoom = maxWaitForRoom;
        this.sender = new Thread(this::run, threadName);
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /**
     * Queues a record. Waits at most {@code maxWaitForRoom} while the queue is full; a record that still does
     * not fit is failed.
     */
    void submit(ProducerRecord<byte[], byte[]> record, Outcome outcome) {
        int bytes = RECORD_OVERHEAD_BYTES + (record.value() == null ? 0 : record.value().length);
        if (closing) {
            outcome.failed(new IllegalStateException("publisher is closed"));
            return;
        }
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
    }

    /** Waits until every queued record is in the producer's hands (delivered, buffered there, or failed). */
    boolean awaitHandedOver(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (notHandedOver.get() > 0) {
            if (System.nanoTime() - deadline > 0) { // overflow-safe for any timeout under 292 years
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private void run() {
        try {
            while (!closing || !queue.isEmpty()) {
                Pending next = queue.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    handOver(next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            failRemaining(new IllegalStateException("publisher closed before the record reached the producer"));
        }
    }

    private void handOver(Pending pending) throws InterruptedException {
        while (true) {
            Attempt attempt = new Attempt(pending.outcome());
            try {
                producer.send(pending.record(), attempt);
            } catch (RuntimeException e) {
                attempt.onCompletion(null, e);
            }
            Exception refused = attempt.refusedDuringSend;
            boolean retry = refused instanceof RetriableException
                    && System.nanoTime() - pending.enqueuedNanos() < deliveryTimeoutNanos && !closing;
            if (!retry) {
                if (refused != null) {
                    pending.outcome().failed(refused);
                }
                done(pending);
                return;
            }
            // No metadata or no buffer space: the broker is away. Keep this record first in line.
            try {
                Thread.sleep(RETRY_BACKOFF.toMillis());
            } catch (InterruptedException e) {
                pending.outcome().failed(new IllegalStateException("publisher closed while the broker was away", e));
                done(pending);
                throw e;
            }
        }
    }

    private void done(Pending pending) {
        room.release(pending.bytes());
        notHandedOver.decrementAndGet();
    }

    private void failRemaining(Exception reason) {
        Pending pending;
        while ((pending = queue.poll()) != null) {
            pending.outcome().failed(reason);
            done(pending);
        }
    }

    /**
     * Stops taking records, gives the queue up to {@code timeout} to reach the producer, then fails what is
     * left. Does not close the producer.
     */
    @Override
    public void close() {
        closing = true;
        try {
            sender.join(KafkaTelemetryPublisher.SEND_BLOCK.toMillis() + 2 * RETRY_BACKOFF.toMillis());
            if (sender.isAlive()) {
                sender.interrupt();
                sender.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failRemaining(new IllegalStateException("publisher closed before the record reached the producer"));
    }

    /**
     * One try to hand a record over. Kafka reports a refusal inside {@code send} (no metadata in time, record
     * too large) through the callback on the calling thread; those are kept aside to decide on a retry, while
     * completions on the network thread are the record's real outcome.
     */
    private final class Attempt implements Callback {
        private final Outcome outcome;
        private Exception refusedDuringSend;

        Attempt(Outcome outcome) {
            this.outcome = outcome;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            if (Thread.currentThread() == sender && error != null) {
                refusedDuringSend = error;
            } else if (error == null) {
                outcome.delivered(metadata);
            } else {
                outcome.failed(error);
            }
        }
    }
}
