package org.esa.iss.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.in.WatchTelemetry;
import org.junit.jupiter.api.Test;

class LiveTelemetryServiceTest {

    /** Records what it hears, and fails on the first fix if asked to. */
    private static final class Recording implements WatchTelemetry.Listener {
        final List<String> heard = new ArrayList<>();
        private final boolean failing;

        Recording(boolean failing) {
            this.failing = failing;
        }

        @Override
        public void fix(Telemetry telemetry, String source) {
            heard.add(source + "@" + telemetry.timestamp());
            if (failing) {
                throw new IllegalStateException("listener broke");
            }
        }

        @Override
        public void window(AltitudeWindow window) {
            heard.add("window@" + window.start().getEpochSecond());
        }
    }

    @Test
    void theLatestFixIsTheNewestInEventTimeNotTheLastReported() {
        LiveTelemetryService live = new LiveTelemetryService();
        assertThat(live.latest()).isEmpty();
        live.observed(TestTelemetry.observation(TestTelemetry.at(10), "api"));
        live.observed(TestTelemetry.observation(TestTelemetry.at(4), "api-backfill")); // an older second, fetched later
        assertThat(live.latest()).contains(TestTelemetry.at(10));
        live.observed(TestTelemetry.observation(TestTelemetry.at(11), "api"));
        assertThat(live.latest()).contains(TestTelemetry.at(11));
    }

    @Test
    void aFailingListenerIsDroppedAndTheOthersGoOnHearingEverything() {
        LiveTelemetryService live = new LiveTelemetryService();
        Recording before = new Recording(false);
        Recording failing = new Recording(true);
        Recording after = new Recording(false);
        live.subscribe(before);
        live.subscribe(failing);
        live.subscribe(after);

        live.observed(TestTelemetry.observation(TestTelemetry.at(0), "api"));
        live.observed(TestTelemetry.observation(TestTelemetry.at(1), "api"));
        AltitudeWindow window = new AltitudeWindow(25544, Instant.ofEpochSecond(TestTelemetry.START),
                Instant.ofEpochSecond(TestTelemetry.START + 5), 421, Instant.ofEpochSecond(TestTelemetry.START + 1), 420,
                Instant.ofEpochSecond(TestTelemetry.START), 5);
        live.windowCommitted(window);

        List<String> all = List.of("api@" + TestTelemetry.START, "api@" + (TestTelemetry.START + 1), "window@" + TestTelemetry.START);
        assertThat(before.heard).isEqualTo(all);
        assertThat(after.heard).isEqualTo(all);
        assertThat(failing.heard).as("dropped after it failed").containsExactly("api@" + TestTelemetry.START);
    }

    @Test
    void aClosedSubscriptionHearsNothingMore() {
        LiveTelemetryService live = new LiveTelemetryService();
        Recording listener = new Recording(false);
        WatchTelemetry.Subscription subscription = live.subscribe(listener);
        live.observed(TestTelemetry.observation(TestTelemetry.at(0), "api"));
        subscription.close();
        subscription.close(); // twice is harmless
        live.observed(TestTelemetry.observation(TestTelemetry.at(1), "api"));
        assertThat(listener.heard).containsExactly("api@" + TestTelemetry.START);
    }
}
