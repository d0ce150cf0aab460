package org.esa.iss.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.esa.iss.domain.Fix;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SatellitesInterleavedTest {
    private static final long T0 = 1_714_032_708_000_000L;

    /** Up to four satellites, each with its own run of fixes, stored one satellite after the other; some out of order. */
    private static List<Fix> storedBySatellite(long seed, int satellites, int perSatellite) {
        Random random = new Random(seed);
        List<Fix> stored = new ArrayList<>();
        for (int s = 0; s < satellites; s++) {
            long id = 25544 + 1000L * random.nextInt(4) + s;
            for (int i = 0; i < perSatellite; i++) {
                long jitter = random.nextInt(5) == 0 ? -random.nextInt(8) : 0; // a fix held back a few seconds
                stored.add(new Fix(id, T0 + (i + jitter) * 1_000_000L, random.nextDouble() * 100 - 50, 0, 400 + s));
            }
        }
        return stored;
    }

    private static List<Fix> of(List<Fix> fixes, long satelliteId) {
        return fixes.stream().filter(f -> f.satelliteId() == satelliteId).toList();
    }

    @Property(tries = 200)
    void keepsEveryFixAndEachSatellitesOwnOrder(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int satellites,
                                                @ForAll @IntRange(max = 60) int perSatellite) {
        List<Fix> stored = storedBySatellite(seed, satellites, perSatellite);
        List<Fix> fed = SatellitesInterleaved.of(stored);

        assertThat(fed).containsExactlyInAnyOrderElementsOf(stored);
        for (long id : stored.stream().map(Fix::satelliteId).distinct().toList()) {
            assertThat(of(fed, id)).isEqualTo(of(stored, id));
        }
    }

    @Property(tries = 200)
    void satellitesInOrderEachComeOutInEventTimeOrder(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int satellites,
                                                      @ForAll @IntRange(min = 1, max = 60) int perSatellite) {
        List<Fix> stored = new ArrayList<>(storedBySatellite(seed, satellites, perSatellite));
        stored.sort(Comparator.comparingLong(Fix::satelliteId).thenComparingLong(Fix::eventMicros));

        assertThat(SatellitesInterleaved.of(stored)).isSortedAccordingTo(
                Comparator.comparingLong(Fix::eventMicros).thenComparingLong(Fix::satelliteId));
    }

    @Property(tries = 50)
    void oneSatellitesFixesAreFedAsStored(@ForAll long seed, @ForAll @IntRange(max = 60) int fixes) {
        List<Fix> stored = storedBySatellite(seed, 1, fixes);
        assertThat(SatellitesInterleaved.of(stored)).isSameAs(stored);
    }
}
