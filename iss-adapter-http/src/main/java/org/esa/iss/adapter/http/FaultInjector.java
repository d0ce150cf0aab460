package org.esa.iss.adapter.http;

import java.util.Random;

/** Decides, per request, which of the configured faults the simulator server commits. Thread-safe. */
final class FaultInjector {
    /** What to do with one request (after throttling and latency). */
    enum Fault { NONE, DROP, HANG, SERVER_ERROR, MALFORMED }

    private final SimulatorFaults faults;
    private final Random random;
    private long windowSecond = Long.MIN_VALUE;
    private int requestsInWindow;

    FaultInjector(SimulatorFaults faults) {
        this.faults = faults;
        this.random = new Random(faults.seed());
    }

    SimulatorFaults faults() {
        return faults;
    }

    /**
     * Whether this request exceeds the per-second budget. Counted on a monotonic clock, in fixed
     * one-second windows, like a simple server-side rate limiter.
     */
    synchronized boolean throttle(long nanoTime) {
        if (faults.throttlePerSecond() == 0) {
            return false;
        }
        long second = Math.floorDiv(nanoTime, 1_000_000_000L);
        if (second != windowSecond) {
            windowSecond = second;
            requestsInWindow = 0;
        }
        requestsInWindow++;
        return requestsInWindow > faults.throttlePerSecond();
    }

    /** One draw per request: the rates partition [0, 1). */
    synchronized Fault draw() {
        if (faults.dropRate() + faults.hangRate() + faults.errorRate() + faults.malformedRate() == 0) {
            return Fault.NONE;
        }
        double u = random.nextDouble();
        double edge = faults.dropRate();
        if (u < edge) {
            return Fault.DROP;
        }
        edge += faults.hangRate();
        if (u < edge) {
            return Fault.HANG;
        }
        edge += faults.errorRate();
        if (u < edge) {
            return Fault.SERVER_ERROR;
        }
        edge += faults.malformedRate();
        return u < edge ? Fault.MALFORMED : Fault.NONE;
    }
}
