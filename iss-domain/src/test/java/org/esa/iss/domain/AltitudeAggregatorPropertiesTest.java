package org.esa.iss.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class AltitudeAggregatorPropertiesTest {

    private static final WindowSpec SPEC = WindowSpec.DEFAULT;

    @Property(tries = 1000)
    void windowsEqualBruteForceForInOrderStreams(@ForAll("inOrder") List<Fix> stream) {
        assertThat(sortedWindows(run(stream).windows)).isEqualTo(sortedWindows(WindowOracle.windows(stream, SPEC)));
    }

    @Property(tries = 1000)
    void windowsEqualBruteForceForStreamsOutOfOrderWithinTheWatermark(@ForAll("withinWatermark") List<Fix> stream) {
        RecordingSink sink = run(stream);
        assertThat(sortedWindows(sink.windows)).isEqualTo(sortedWindows(WindowOracle.windows(stream, SPEC)));
        List<Fix> sorted = new ArrayList<>(stream);
        sorted.sort(Comparator.comparingLong(Fix::eventMicros));
        RecordingSink ofSorted = run(sorted);
        assertThat(sortedWindows(sink.windows)).isEqualTo(sortedWindows(ofSorted.windows));
        // satellites release on their own, so only each satellite's orbits come in a fixed order
        Comparator<Orbit> bySatellite = Comparator.comparingLong(Orbit::satelliteId).thenComparing(Orbit::start);
        assertThat(sink.orbits.stream().sorted(bySatellite).toList()).isEqualTo(ofSorted.orbits.stream().sorted(bySatellite).toList());
    }

    @Property(tries = 1000)
    void windowsEqualBruteForceEvenWithLateEvents(@ForAll("anyOrder") List<Fix> stream) {
        AltitudeAggregator aggregator = new AltitudeAggregator(SPEC, OrbitOptions.DEFAULT);
        RecordingSink sink = new RecordingSink();
        aggregator.acceptAll(stream, sink);
        assertThat(sortedWindows(sink.windows)).isEqualTo(sortedWindows(WindowOracle.windows(stream, SPEC)));
    }

    @Property(tries = 1000)
    void savingAndRestoringAtAnyPointGivesTheSameOutput(@ForAll("anyOrder") List<Fix> stream,
                                                        @ForAll @IntRange(min = 0, max = 400) int splitAt) {
        assertSavingAndRestoringChangesNothing(SPEC, stream, splitAt);
    }

    /**
     * Any window size and watermark delay (zero, shorter than a window, longer), fixes at any microsecond and in any
     * order: the windows, and the late and duplicate counts, are the brute force's.
     */
    @Property(tries = 1000)
    void anyWindowSpecGivesTheBruteForceWindowsAndCounts(@ForAll("specs") WindowSpec spec, @ForAll("anyMicros") List<Fix> stream) {
        AltitudeAggregator aggregator = new AltitudeAggregator(spec, OrbitOptions.DEFAULT);
        RecordingSink sink = new RecordingSink();
        aggregator.acceptAll(stream, sink);

        assertThat(sortedWindows(sink.windows)).isEqualTo(sortedWindows(WindowOracle.windows(stream, spec)));
        long[] dropped = WindowOracle.lateAndDuplicates(stream, spec);
        assertThat(aggregator.lateEvents()).as("late").isEqualTo(dropped[0]);
        assertThat(aggregator.snapshot().duplicateEvents()).as("duplicates").isEqualTo(dropped[1]);
    }

    /** At the end of a finite input every accepted fix is in an emitted window, and nothing after the end is. */
    @Property(tries = 1000)
    void finishingEmitsTheWindowOfEveryAcceptedFix(@ForAll("specs") WindowSpec spec, @ForAll("anyMicros") List<Fix> stream) {
        AltitudeAggregator aggregator = new AltitudeAggregator(spec, OrbitOptions.DEFAULT);
        RecordingSink sink = new RecordingSink();
        aggregator.acceptAll(stream, sink);
        aggregator.finish(sink);

        assertThat(sortedWindows(sink.windows)).isEqualTo(sortedWindows(WindowOracle.windows(stream, spec, true)));
        for (long satellite : stream.stream().map(Fix::satelliteId).distinct().toList()) {
            OptionalDouble highestWindow = sink.windows.stream().filter(w -> w.satelliteId() == satellite)
                    .mapToDouble(AltitudeWindow::maxAltitudeKm).max();
            assertThat(aggregator.highest(satellite).map(Fix::altitudeKm).orElse(null))
                    .isEqualTo(highestWindow.isPresent() ? highestWindow.getAsDouble() : null);
        }
        if (!stream.isEmpty()) {
            Fix last = stream.get(stream.size() - 1);
            int emitted = sink.windows.size();
            assertThat(aggregator.accept(new Fix(last.satelliteId(), last.eventMicros(), 0, 0, 500), sink)).isFalse();
            aggregator.finish(sink);
            assertThat(sink.windows).hasSize(emitted);
        }
    }

    @Property(tries = 500)
    void savingAndRestoringGivesTheSameOutputWhateverTheWindowSpec(@ForAll("specs") WindowSpec spec,
                                                                   @ForAll("anyMicros") List<Fix> stream,
                                                                   @ForAll @IntRange(min = 0, max = 400) int splitAt) {
        assertSavingAndRestoringChangesNothing(spec, stream, splitAt);
    }

    /** Saved (through the codec) after {@code splitAt} fixes and restored, the aggregator goes on as if never stopped. */
    private static void assertSavingAndRestoringChangesNothing(WindowSpec spec, List<Fix> stream, int splitAt) {
        int split = Math.min(splitAt, stream.size());
        AltitudeAggregator whole = new AltitudeAggregator(spec, OrbitOptions.DEFAULT);
        RecordingSink expected = new RecordingSink();
        whole.acceptAll(stream, expected);

        AltitudeAggregator first = new AltitudeAggregator(spec, OrbitOptions.DEFAULT);
        RecordingSink actual = new RecordingSink();
        first.acceptAll(stream.subList(0, split), actual);
        AggregatorState saved = AggregatorStateCodec.decode(AggregatorStateCodec.encode(first.snapshot()));
        assertThat(saved).isEqualTo(first.snapshot());
        AltitudeAggregator second = new AltitudeAggregator(saved);
        second.acceptAll(stream.subList(split, stream.size()), actual);

        assertThat(actual.windows).isEqualTo(expected.windows);
        assertThat(actual.orbits).isEqualTo(expected.orbits);
        assertThat(second.snapshot()).isEqualTo(whole.snapshot());
        assertThat(second.lateEvents()).isEqualTo(whole.lateEvents());
    }

    @Provide
    Arbitrary<WindowSpec> specs() {
        return Combinators.combine(
                Arbitraries.of(1_000L, 250_000L, 1_000_000L, 3_000_000L, 5_000_000L, 60_000_000L),
                Arbitraries.of(0L, 1L, 400_000L, 2_000_000L, 10_000_000L, 45_000_000L))
                .as((size, delay) -> new WindowSpec(Duration.ofNanos(size * 1_000), Duration.ofNanos(delay * 1_000)));
    }

    /** One or two satellites, steps of any microsecond count up to 3 s (repeats included), a tenth swapped anywhere. */
    @Provide
    Arbitrary<List<Fix>> anyMicros() {
        return Combinators.combine(Arbitraries.integers().between(0, 300), Arbitraries.longs(), Arbitraries.integers().between(1, 2))
                .as((count, seed, satellites) -> {
                    Random random = new Random(seed);
                    List<Fix> fixes = new ArrayList<>();
                    long micros = 1_714_032_700_000_000L + random.nextInt(10_000_000);
                    for (int i = 0; i < count; i++) {
                        micros += random.nextInt(5) == 0 ? 0 : random.nextInt(3_000_000);
                        long satellite = satellites == 1 || random.nextBoolean() ? 25544 : 48274;
                        fixes.add(new Fix(satellite, micros, -51.6 + random.nextDouble() * 103.2, 0, 410 + random.nextInt(200) / 10.0));
                    }
                    for (int i = 0; i < fixes.size(); i++) {
                        if (random.nextInt(10) == 0) {
                            int j = random.nextInt(fixes.size());
                            fixes.set(i, fixes.set(j, fixes.get(i)));
                        }
                    }
                    return fixes;
                });
    }

    private static RecordingSink run(List<Fix> stream) {
        RecordingSink sink = new RecordingSink();
        AltitudeAggregator aggregator = new AltitudeAggregator(SPEC, OrbitOptions.DEFAULT);
        aggregator.acceptAll(stream, sink);
        assertThat(aggregator.lateEvents()).as("late events of a stream within the watermark").isZero();
        return sink;
    }

    private static List<AltitudeWindow> sortedWindows(List<AltitudeWindow> windows) {
        List<AltitudeWindow> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingLong(AltitudeWindow::satelliteId).thenComparing(AltitudeWindow::start));
        return sorted;
    }

    /** Fixes of one or two satellites, half-second steps with repeats (a 2 Hz poll of a 1 s API), in order. */
    @Provide
    Arbitrary<List<Fix>> inOrder() {
        return Combinators.combine(Arbitraries.integers().between(0, 300), Arbitraries.longs(), Arbitraries.integers().between(1, 2))
                .as((count, seed, satellites) -> track(count, new Random(seed), satellites));
    }

    /** Sorted by event time plus a random delay below the watermark delay: nothing is late. */
    @Provide
    Arbitrary<List<Fix>> withinWatermark() {
        return Combinators.combine(Arbitraries.integers().between(0, 300), Arbitraries.longs(), Arbitraries.integers().between(1, 2))
                .as((count, seed, satellites) -> {
                    Random random = new Random(seed);
                    List<Fix> fixes = track(count, random, satellites);
                    long delay = SPEC.delayMicros();
                    List<long[]> keys = new ArrayList<>();
                    for (int i = 0; i < fixes.size(); i++) {
                        keys.add(new long[] {fixes.get(i).eventMicros() + (long) (random.nextDouble() * delay), i});
                    }
                    keys.sort(Comparator.comparingLong((long[] k) -> k[0]).thenComparingLong(k -> k[1]));
                    List<Fix> shuffled = new ArrayList<>();
                    for (long[] key : keys) {
                        shuffled.add(fixes.get((int) key[1]));
                    }
                    return shuffled;
                });
    }

    /** Arbitrary arrival order: some events come far too late. */
    @Provide
    Arbitrary<List<Fix>> anyOrder() {
        return Combinators.combine(Arbitraries.integers().between(0, 300), Arbitraries.longs(), Arbitraries.integers().between(1, 2))
                .as((count, seed, satellites) -> {
                    Random random = new Random(seed);
                    List<Fix> fixes = track(count, random, satellites);
                    for (int i = 0; i < fixes.size(); i++) {
                        if (random.nextInt(10) == 0) {
                            int j = random.nextInt(fixes.size());
                            Fix tmp = fixes.get(i);
                            fixes.set(i, fixes.get(j));
                            fixes.set(j, tmp);
                        }
                    }
                    return fixes;
                });
    }

    private static List<Fix> track(int count, Random random, int satellites) {
        List<Fix> fixes = new ArrayList<>();
        long micros = 1_714_032_700_000_000L + random.nextInt(10) * 1_000_000L;
        for (int i = 0; i < count; i++) {
            micros += random.nextInt(4) == 0 ? 0 : (random.nextInt(8) == 0 ? random.nextInt(30) : 1) * 500_000L;
            long satellite = satellites == 1 || random.nextBoolean() ? 25544 : 48274;
            // quantized altitudes make ties common, which exercises the earliest-wins rule
            double altitude = 410 + random.nextInt(200) / 10.0;
            double latitude = -51.6 + random.nextDouble() * 103.2;
            fixes.add(new Fix(satellite, micros, latitude, 0, altitude));
        }
        return fixes;
    }

    @Property(tries = 200)
    void watermarkNeverMovesBackwards(@ForAll("anyOrder") List<Fix> stream) {
        AltitudeAggregator aggregator = new AltitudeAggregator(new WindowSpec(Duration.ofSeconds(5), Duration.ofSeconds(10)), OrbitOptions.DEFAULT);
        long previous = Long.MIN_VALUE;
        for (Fix fix : stream) {
            aggregator.accept(fix, AggregationSink.NONE);
            long now = aggregator.watermark().map(Micros::of).orElse(Long.MIN_VALUE);
            assertThat(now).isGreaterThanOrEqualTo(previous);
            previous = now;
        }
    }
}
