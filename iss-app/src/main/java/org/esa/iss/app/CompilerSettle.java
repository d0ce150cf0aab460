package org.esa.iss.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Waits, before a measured phase, until the JIT compilers have been idle for a moment. Starting a broker, creating
 * clients and the phase before leave compilations queued (hundreds of ms of C2 each, on a machine with two cores);
 * without the wait they run during the next phase and are charged to it. Compilations the phase itself triggers
 * still count. The compilers' threads are found by name in {@code /proc/self/task}; where that is not available the
 * wait is skipped.
 */
final class CompilerSettle {
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Compiler CPU, in clock ticks (10 ms), allowed within one quiet window: a few tiny C1 compilations. */
    static final long IDLE_TICKS = 2;

    /** How a wait ended: after how long, and whether the compilers went idle (rather than the time running out). */
    record Settled(Duration waited, boolean idle) {
    }

    private CompilerSettle() {
    }

    /**
     * Returns once the compilers used at most {@link #IDLE_TICKS} ticks of CPU during one {@code window}, or after
     * {@code atMost}.
     */
    static Settled await(Duration window, Duration atMost) throws InterruptedException {
        return await(window, atMost, CompilerSettle::compilerTicks);
    }

    /** {@link #await(Duration, Duration)} with compiler CPU read from {@code ticks} (-1: unknown, do not wait). */
    static Settled await(Duration window, Duration atMost, LongSupplier ticks) throws InterruptedException {
        long began = System.nanoTime();
        long before = ticks.getAsLong();
        while (before >= 0 && System.nanoTime() - began < atMost.toNanos()) {
            Thread.sleep(window.toMillis());
            long now = ticks.getAsLong();
            // A compiler thread that ends takes its ticks out of the sum: a drop counts as work, like a rise.
            if (now >= 0 && Math.abs(now - before) <= IDLE_TICKS) {
                return new Settled(Duration.ofNanos(System.nanoTime() - began), true);
            }
            before = now;
        }
        return new Settled(Duration.ofNanos(System.nanoTime() - began), false);
    }

    /** CPU ticks (user + system) of the JIT compiler threads so far, or -1 without {@code /proc}. */
    static long compilerTicks() {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    if (isCompilerThread(Files.readString(task.resolve("comm")))) {
                        ticks += ticksOf(Files.readString(task.resolve("stat")));
                    }
                } catch (IOException e) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks;
    }

    /** Whether a thread's {@code comm} (its name, cut at 15 characters) is HotSpot's C1 or C2 compiler thread's. */
    static boolean isCompilerThread(String comm) {
        return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    }

    /** utime + stime of a {@code /proc/.../stat} line: fields 14 and 15, counted after the name in parentheses. */
    static long ticksOf(String stat) {
        // The name may hold spaces and parentheses; the last ')' ends it, and field 3 (the state) follows.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }
}
