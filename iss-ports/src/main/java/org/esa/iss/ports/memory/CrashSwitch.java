package org.esa.iss.ports.memory;

/**
 * Simulates a process dying between two steps: every in-memory store calls {@link #step(String)} before
 * it changes anything, and the n-th step throws {@link SimulatedCrash} instead. Stores never apply a
 * step that crashed, exactly like a commit that did not happen.
 */
public final class CrashSwitch {
    /** A switch that never trips. */
    public static final CrashSwitch NEVER = new CrashSwitch(Long.MAX_VALUE);

    private long remaining;
    private long steps;

    /** Trips on step number {@code crashAtStep} (1-based). */
    public CrashSwitch(long crashAtStep) {
        this.remaining = crashAtStep;
    }

    /** Counts a step; throws if this is the one that crashes. */
    public synchronized void step(String what) {
        steps++;
        if (--remaining == 0) {
            throw new SimulatedCrash("simulated crash before " + what + " (step " + steps + ")");
        }
    }

    /** Steps counted so far. */
    public synchronized long steps() {
        return steps;
    }

    /** Thrown in place of a step. */
    public static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SimulatedCrash(String message) {
            super(message);
        }
    }
}
