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
    private static final long IDLE_TICKS = 2;

    private CompilerSettle() {
    }

    /**
     * Returns once the compilers used at most {@link #IDLE_TICKS} ticks of CPU during one {@code window}, or after
     * {@code atMost}; how long it waited.
     */
    static Duration await(Duration window, Duration atMost) throws InterruptedException {
        return await(window, atMost, CompilerSettle::compilerTicks);
    }

    /** {@link #await(Duration, Duration)} with compiler CPU read from {@code ticks} (-1: unknown, do not wait). */
    static Duration await(Duration window, Duration atMost, LongSupplier ticks) throws InterruptedException {
        long began = System.nanoTime();
        long before = ticks.getAsLong();
        if (before < 0) {
            return Duration.ZERO;
        }
        while (System.nanoTime() - began < atMost.toNanos()) {
            Thread.sleep(window.toMillis());
            long now = ticks.getAsLong();
            if (now < 0 || Math.abs(now - before) <= IDLE_TICKS) {
                break;
            }
            before = now;
        }
        return Duration.ofNanos(System.nanoTime() - began);
    }

    /** CPU ticks (user + system) of the JIT compiler threads so far, or -1 without {@code /proc}. */
    static long compilerTicks() {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                ticks += compilerThreadTicks(task);
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks;
    }

    private static long compilerThreadTicks(Path task) {
        try {
            String name = Files.readString(task.resolve("comm")); // "C2 CompilerThre": names are cut at 15 characters
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return 0;
            }
            // After the name in parentheses: state is field 3, utime and stime are fields 14 and 15 of stat.
            String stat = Files.readString(task.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            return 0; // the thread ended while we looked
        }
    }
}
