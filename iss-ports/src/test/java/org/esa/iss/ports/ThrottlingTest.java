package org.esa.iss.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ThrottlingTest {
    /** Default options: a stride of at most 16 slots, halved after 20 answers in a row. */
    private final Throttling throttling = new Throttling(PollOptions.DEFAULT);

    @Test
    void everySlotIsUsedUntilGroundControlThrottles() {
        assertThat(LongStream.range(0, 10)).allMatch(slot -> throttling.allows(slot, 0));
    }

    @Test
    void eachThrottlingDoublesTheStrideUpToItsLimit() {
        for (int expected : new int[] {2, 4, 8, 16, 16}) {
            throttling.throttled(Duration.ZERO, 0);
            assertThat(throttling.stride()).isEqualTo(expected);
        }
        assertThat(LongStream.range(0, 64).filter(slot -> throttling.allows(slot, 0))).containsExactly(0L, 16L, 32L, 48L);
    }

    @Test
    void noSlotIsUsedBeforeRetryAfterHasPassed() {
        throttling.throttled(Duration.ofSeconds(3), 1_000);

        assertThat(throttling.allows(0, 1_000 + 2_999_999_999L)).isFalse();
        assertThat(throttling.allows(0, 1_000 + 3_000_000_000L)).isTrue();
    }

    @Test
    void aRetryAfterLongerThanTheLongestPauseIsCutToIt() {
        assertThat(throttling.throttled(Duration.ofSeconds(Long.MAX_VALUE), 1_000)).isEqualTo(Duration.ofMinutes(10));

        assertThat(throttling.allows(0, 1_000 + Duration.ofMinutes(10).toNanos() - 1)).isFalse();
        assertThat(throttling.allows(0, 1_000 + Duration.ofMinutes(10).toNanos())).isTrue();
        assertThat(throttling.throttled(Duration.ofMinutes(10), 0)).as("the longest pause itself").isEqualTo(Duration.ofMinutes(10));
        assertThat(throttling.throttled(Duration.ofSeconds(3), 0)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theStrideHalvesAfterEnoughAnswersInARowAndASlotWithoutOneStartsTheCountAgain() {
        throttling.throttled(Duration.ZERO, 0);
        throttling.throttled(Duration.ZERO, 0);
        for (int i = 0; i < 19; i++) {
            assertThat(throttling.answered()).isFalse();
        }
        throttling.unanswered();
        for (int i = 0; i < 19; i++) {
            assertThat(throttling.answered()).isFalse();
        }
        assertThat(throttling.answered()).as("the 20th in a row").isTrue();
        assertThat(throttling.stride()).isEqualTo(2);
    }

    @Test
    void theSlotsUsedAreCountedAgainFromEachChangeOfStride() {
        throttling.slotUsed();
        throttling.slotUsed();
        assertThat(throttling.slotsUsedAtStride()).isEqualTo(2);

        throttling.throttled(Duration.ZERO, 0);
        throttling.slotUsed();
        assertThat(throttling.slotsUsedAtStride()).isEqualTo(1);
    }
}
