package org.esa.iss.ports.memory;

import java.io.IOException;

/**
 * Simulates a process dying between two steps: every in-memory store calls {@link #step(String)} before
 * it changes anything, and the n-th step throws {@link SimulatedCrash} instead. Stores never apply a
 * step that crashed, exactly like a commit that did not happen.
 */
public final class CrashSwitch {
    /**
     * A switch that never trips, shared by every store that never crashes: it counts no steps, so that unrelated
     * pipelines neither share a count nor contend for one lock.
     */
    public static final CrashSwitch NEVER = new CrashSwitch(Long.MAX_VALUE);

    private final boolean checked;
    private long remaining;
    private long steps;

    /** Trips on step number {@code crashAtStep} (1-based). */
    public CrashSwitch(long crashAtStep) {
        this(crashAtStep, false);
    }

    private CrashSwitch(long crashAtStep, boolean checked) {
        if (crashAtStep < 1) {
            throw new IllegalArgumentException("steps count from 1, got " + crashAtStep + " (NEVER for a switch that never trips)");
        }
        this.remaining = crashAtStep;
        this.checked = checked;
    }

    /**
     * Trips on step number {@code crashAtStep} with an {@link IOException} that no signature declares, as a real
     * store's failure can arrive: Delta's Scala code passes on its log store's IOException undeclared. Code that
     * catches only unchecked exceptions lets it by.
     */
    public static CrashSwitch failingUndeclared(long crashAtStep) {
        return new CrashSwitch(crashAtStep, true);
    }

    /** Counts a step; throws if this is the one that crashes. */
    public void step(String what) {
        if (this != NEVER) {
            count(what);
        }
    }

    private synchronized void count(String what) {
        steps++;
        if (--remaining == 0) {
            String message = "simulated crash before " + what + " (step " + steps + ")";
            if (checked) {
                throwUndeclared(new IOException(message));
            }
            throw new SimulatedCrash(message);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void throwUndeclared(Throwable failure) throws T {
        throw (T) failure;
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
