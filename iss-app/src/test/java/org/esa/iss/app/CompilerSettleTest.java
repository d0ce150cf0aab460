package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CompilerSettleTest {

    private static final Duration WINDOW = Duration.ofMillis(20);

    @Test
    void readsUserAndSystemTicksAfterANameWithSpacesAndParentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime ...
        String stat = "4242 (C2 (x) CompilerThre) S 1 4240 4240 0 -1 4194368 900 0 3 0 1234 56 0 0 20 0 1 0";

        assertThat(CompilerSettle.ticksOf(stat)).isEqualTo(1234 + 56);
    }

    @Test
    void recognisesHotSpotsCompilerThreadsByTheirCutNames() {
        assertThat(CompilerSettle.isCompilerThread("C2 CompilerThre\n")).isTrue();
        assertThat(CompilerSettle.isCompilerThread("C1 CompilerThre\n")).isTrue();
        assertThat(CompilerSettle.isCompilerThread("GC Thread#0\n")).isFalse();
        assertThat(CompilerSettle.isCompilerThread("main\n")).isFalse();
    }

    @Test
    void readsTheCompilerThreadsOfThisJvm() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");
        // This JVM has compiled plenty by now (JUnit, AssertJ) on its C1/C2 compiler threads.
        assertThat(CompilerSettle.compilerTicks()).isPositive();
    }

    @Test
    void stopsAtTheFirstWindowWithAtMostTheIdleAllowance() throws InterruptedException {
        AtomicInteger reads = new AtomicInteger();
        long[] ticks = {100, 130, 133, 133 + CompilerSettle.IDLE_TICKS, 400};

        CompilerSettle.Settled settled = CompilerSettle.await(WINDOW, Duration.ofSeconds(5),
                () -> ticks[reads.getAndIncrement()]);

        // busy (30), busy (3, one over the allowance), idle (exactly the allowance)
        assertThat(reads).hasValue(4);
        assertThat(settled.idle()).isTrue();
        assertThat(settled.waited()).isGreaterThanOrEqualTo(WINDOW.multipliedBy(3)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void givesUpAfterTheLimitWhileTheCompilersStayBusy() throws InterruptedException {
        AtomicLong ticks = new AtomicLong();

        CompilerSettle.Settled settled = CompilerSettle.await(WINDOW, Duration.ofMillis(200), () -> ticks.addAndGet(50));

        assertThat(settled.idle()).isFalse();
        assertThat(settled.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(200)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void doesNotWaitWhenCompilerTimeCannotBeRead() throws InterruptedException {
        CompilerSettle.Settled settled = CompilerSettle.await(WINDOW, Duration.ofSeconds(5), () -> -1);

        assertThat(settled.idle()).isFalse();
        assertThat(settled.waited()).isLessThan(WINDOW);
    }

    @Test
    void stopsWaitingWhenCompilerTimeBecomesUnreadable() throws InterruptedException {
        AtomicInteger reads = new AtomicInteger();
        long[] ticks = {100, 200, -1};

        CompilerSettle.Settled settled = CompilerSettle.await(WINDOW, Duration.ofSeconds(5),
                () -> ticks[reads.getAndIncrement()]);

        assertThat(reads).hasValue(3);
        assertThat(settled.idle()).isFalse();
    }
}
