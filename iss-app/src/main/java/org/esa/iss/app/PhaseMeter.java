package org.esa.iss.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wall time, CPU time and peak resident memory of one benchmark phase. CPU is the whole process's (the
 * embedded broker included, since it runs in the same JVM); resident memory is sampled from
 * {@code /proc/self/status} every {@link #SAMPLE_MILLIS} ms, so a spike shorter than that can be missed.
 */
final class PhaseMeter implements AutoCloseable {
    static final long SAMPLE_MILLIS = 50;
    private static final Path STATUS = Path.of("/proc/self/status");

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final AtomicLong peakRssKib = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "iss-bench-rss");
        thread.setDaemon(true);
        return thread;
    });
    private long startNanos;
    private long startCpuNanos;

    PhaseMeter() {
        sampler.scheduleAtFixedRate(() -> peakRssKib.accumulateAndGet(statusKib("VmRSS:"), Math::max),
                0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Resources used by one phase. */
    record Usage(double wallSeconds, double cpuSeconds, double peakRssMib) {
        /** Cores kept busy on average. */
        double cores() {
            return wallSeconds <= 0 ? 0 : cpuSeconds / wallSeconds;
        }
    }

    void begin() {
        peakRssKib.set(statusKib("VmRSS:"));
        startCpuNanos = os.getProcessCpuTime();
        startNanos = System.nanoTime();
    }

    Usage end() {
        long wall = System.nanoTime() - startNanos;
        long cpu = os.getProcessCpuTime() - startCpuNanos;
        long peak = peakRssKib.accumulateAndGet(statusKib("VmRSS:"), Math::max);
        return new Usage(wall / 1e9, cpu / 1e9, peak / 1024.0);
    }

    /** The process's resident high-water mark since it started, MiB; -1 where /proc is not available. */
    static double highWaterMib() {
        long kib = statusKib("VmHWM:");
        return kib < 0 ? -1 : kib / 1024.0;
    }

    /** A {@code kB} line of /proc/self/status, or -1. */
    private static long statusKib(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc not mounted: report memory as unknown rather than failing the benchmark
        }
        return -1;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
