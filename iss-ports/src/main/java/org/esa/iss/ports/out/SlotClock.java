package org.esa.iss.ports.out;

/**
 * Monotonic time and sleeping, injected so that the poller's schedule can be tested on simulated time.
 */
public interface SlotClock {

    /** Monotonic nanoseconds (only differences mean anything). */
    long nanoTime();

    /** Sleeps until {@link #nanoTime()} reaches the target; returns at once if it already has. */
    void sleepUntil(long targetNanos) throws InterruptedException;

    /** The real clock. */
    SlotClock SYSTEM = new SlotClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long targetNanos) throws InterruptedException {
            long remaining;
            while ((remaining = targetNanos - System.nanoTime()) > 0) {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(remaining);
            }
        }
    };
}
