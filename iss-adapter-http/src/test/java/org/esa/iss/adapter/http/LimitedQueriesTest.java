package org.esa.iss.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.PeakAltitude;
import org.esa.iss.ports.in.QueryAltitudes;
import org.junit.jupiter.api.Test;

class LimitedQueriesTest {

    @Test
    void noMoreQueriesRunAtOnceThanAllowedAndEachIsAnswered() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        QueryAltitudes slow = new QueryAltitudes() {
            @Override
            public Optional<PeakAltitude> highestAltitude() {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                return Optional.of(new PeakAltitude(25544, 421, Instant.EPOCH));
            }

            @Override
            public List<AltitudeWindow> windows(Instant from, Instant to, int limit) {
                return List.of();
            }

            @Override
            public List<Orbit> orbits(int limit) {
                return List.of();
            }
        };
        LimitedQueries limited = new LimitedQueries(slow, 2);

        List<CompletableFuture<Optional<PeakAltitude>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(CompletableFuture.supplyAsync(limited::highestAltitude, CompletableFuture.delayedExecutor(0,
                    TimeUnit.MILLISECONDS, command -> new Thread(command).start())));
        }

        for (CompletableFuture<Optional<PeakAltitude>> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).isPresent();
        }
        assertThat(most.get()).as("queries at once").isBetween(1, 2);
    }
}
