package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CompilerSettleTest {

    private static final Duration WINDOW = Duration.ofMillis(20);

    @Test
    void readsTheCompilerThreadsCpuTimeFromProc() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");
        // This JVM has compiled plenty by now (JUnit, AssertJ) on its C1/C2 compiler threads.
        assertThat(CompilerSettle.compilerTicks()).isPositive();
    }

    @Test
    void stopsAtTheFirstWindowWithoutCompilation() throws InterruptedException {
        AtomicLong reads = new AtomicLong();
        long[] ticks = {100, 130, 150, 151, 400};

        Duration waited = CompilerSettle.await(WINDOW, Duration.ofSeconds(10),
                () -> ticks[(int) reads.getAndIncrement()]);

        assertThat(reads).hasValue(4); // busy, busy, then 1 tick in a window: idle enough
        assertThat(waited).isGreaterThanOrEqualTo(WINDOW.multipliedBy(3)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void givesUpAfterTheLimitWhileTheCompilersStayBusy() throws InterruptedException {
        AtomicLong ticks = new AtomicLong();

        Duration waited = CompilerSettle.await(WINDOW, Duration.ofMillis(200), () -> ticks.addAndGet(50));

        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(200)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void doesNotWaitWhenCompilerTimeCannotBeRead() throws InterruptedException {
        assertThat(CompilerSettle.await(WINDOW, Duration.ofSeconds(10), () -> -1)).isZero();
    }
}
