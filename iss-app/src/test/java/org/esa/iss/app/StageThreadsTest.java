package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** How {@code iss run} waits for its stages on the way out. */
class StageThreadsTest {

    @Test
    void aStageThatOutlivesItsWaitIsStoppedAndEndsWithoutCountingAsFailed() throws InterruptedException {
        StageThreads stages = new StageThreads();
        CountDownLatch stopped = new CountDownLatch(1);
        stages.start("bronze", () -> {
            stopped.await(); // a drain waiting for a partition that never comes
            return null;
        });

        stages.joinOrStop("bronze", 1, stopped::countDown, 10);

        assertThat(stages.running("bronze")).isFalse();
        assertThat(stages.failure()).isNull();
    }

    @Test
    void aStageThatDoesNotStopEitherCountsAsFailedSoThatTheRunIsNotReportedClean() throws InterruptedException {
        StageThreads stages = new StageThreads();
        CountDownLatch released = new CountDownLatch(1);
        stages.start("gold", () -> {
            released.await(); // a commit hanging on a disk that does not answer
            return null;
        });

        stages.joinOrStop("gold", 1, () -> { }, 1);

        assertThat(stages.failedStage()).isEqualTo("gold");
        assertThat(stages.failure()).hasMessageContaining("still running 2 s after it was asked to finish");
        released.countDown();
        stages.join("gold", 10);
        assertThat(stages.running("gold")).isFalse();
    }
}
