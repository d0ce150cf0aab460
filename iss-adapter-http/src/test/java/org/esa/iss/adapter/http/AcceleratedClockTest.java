package org.esa.iss.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AcceleratedClockTest {
    private static final Instant START = Instant.parse("2024-04-25T08:11:48Z");

    /** A base clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2030-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void runsSpeedTimesFasterThanItsBaseFromTheChosenStart() {
        ManualClock base = new ManualClock();
        AcceleratedClock clock = new AcceleratedClock(START, 60, base);
        assertThat(clock.instant()).isEqualTo(START);
        base.advance(Duration.ofMillis(1500));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(90));
        base.advance(Duration.ofHours(1));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(90).plus(Duration.ofHours(60)));
    }

    @Test
    void fractionalSpeedsSlowTimeDown() {
        ManualClock base = new ManualClock();
        AcceleratedClock clock = new AcceleratedClock(START, 0.5, base);
        base.advance(Duration.ofSeconds(3));
        assertThat(clock.instant()).isEqualTo(START.plusMillis(1500));
    }

    @Test
    void nonPositiveSpeedIsRefused() {
        assertThatThrownBy(() -> new AcceleratedClock(START, 0)).hasMessageContaining("positive");
    }
}
