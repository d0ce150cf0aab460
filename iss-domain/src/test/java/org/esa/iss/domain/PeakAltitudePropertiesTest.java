package org.esa.iss.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PeakAltitudePropertiesTest {

    /**
     * Whatever way windows are split into parts (data files, say), and in whatever order the parts come, the peak
     * of the parts' peaks is the peak of all.
     */
    @Property(tries = 1000)
    void thePeakOfPartsPeaksIsThePeakOfTheWhole(@ForAll("parts") List<List<AltitudeWindow>> parts, @ForAll long seed) {
        List<AltitudeWindow> all = new ArrayList<>();
        List<PeakAltitude> partPeaks = new ArrayList<>();
        for (List<AltitudeWindow> part : parts) {
            all.addAll(part);
            PeakAltitude.of(part).ifPresent(partPeaks::add);
        }
        Collections.shuffle(partPeaks, new Random(seed));

        assertThat(PeakAltitude.highestOf(partPeaks)).isEqualTo(PeakAltitude.of(all));
    }

    /** Against the documented rule, written out apart: highest altitude, then earliest time, then lowest id. */
    @Property(tries = 1000)
    void thePeakIsTheHighestMaximumTheEarliestOnTiesThenTheLowestSatellite(@ForAll("parts") List<List<AltitudeWindow>> parts) {
        List<AltitudeWindow> all = parts.stream().flatMap(List::stream).toList();
        Optional<PeakAltitude> expected = all.stream()
                .min(Comparator.comparingDouble((AltitudeWindow w) -> -w.maxAltitudeKm())
                        .thenComparing(AltitudeWindow::maxAt)
                        .thenComparingLong(AltitudeWindow::satelliteId))
                .map(w -> new PeakAltitude(w.satelliteId(), w.maxAltitudeKm(), w.maxAt()));

        assertThat(PeakAltitude.of(all)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<List<AltitudeWindow>>> parts() {
        // few distinct altitudes and times, so that ties (the earliest wins) are common
        Arbitrary<AltitudeWindow> window = Combinators.combine(
                Arbitraries.longs().between(1, 3),
                Arbitraries.integers().between(0, 20),
                Arbitraries.of(400.0, 410.5, 420.25),
                Arbitraries.integers().between(0, 4)).as((satellite, slot, max, offset) -> {
                    Instant start = Instant.ofEpochSecond(1_714_000_000L + slot * 5L);
                    return new AltitudeWindow(satellite, start, start.plusSeconds(5), max, start.plusSeconds(offset),
                            max - 1, start, 5);
                });
        return window.list().ofMaxSize(12).list().ofMaxSize(6);
    }
}
