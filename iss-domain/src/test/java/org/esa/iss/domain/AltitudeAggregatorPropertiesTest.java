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
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

class AltitudeAggregatorPropertiesTest {

    private static final WindowSpec SPEC = WindowSpec.DEFAULT;
    /** Gaps over 3 s, revolutions dropped after 20 s without a fix: to scale with the generator's minute-long orbits. */
    private static final OrbitOptions SHORT_ORBITS = new OrbitOptions(Duration.ofSeconds(3), Duration.ofSeconds(20));

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

    /**
     * Orbits of minutes, not hours, so that a few hundred fixes complete several; gaps longer than the threshold, and
     * longer than the abandon limit, now and then; fixes in order, out of order within the watermark, or some late.
     * The orbits are the brute force's, and so are the windows.
     */
    @Property(tries = 1000)
    void orbitsEqualBruteForceWithGapsAbandonedRevolutionsAndDisorder(@ForAll("orbiting") List<Fix> stream) {
        AltitudeAggregator aggregator = new AltitudeAggregator(SPEC, SHORT_ORBITS);
        RecordingSink sink = new RecordingSink();
        aggregator.acceptAll(stream, sink);

        Comparator<Orbit> bySatellite = Comparator.comparingLong(Orbit::satelliteId).thenComparing(Orbit::start);
        assertThat(sink.orbits.stream().sorted(bySatellite).toList())
                .isEqualTo(OrbitOracle.orbits(stream, SPEC, SHORT_ORBITS));
        assertThat(sortedWindows(sink.windows)).isEqualTo(sortedWindows(WindowOracle.windows(stream, SPEC)));

        // the generator must keep producing what the oracle is there to check
        boolean abandoned = aggregator.snapshot().tracks().stream().anyMatch(t -> t.abandonedOrbits() > 0);
        Statistics.label("orbits").collect(sink.orbits.size() >= 3 ? "3 or more" : sink.orbits.isEmpty() ? "none" : "1-2");
        Statistics.label("with a gap").collect(sink.orbits.stream().anyMatch(o -> o.gaps() > 0));
        Statistics.label("abandoned").collect(abandoned);
        Statistics.label("late").collect(aggregator.lateEvents() > 0);
        Statistics.label("a node on a fix after a gap").collect(nodeOnAFixAfterAGap(stream));
        Statistics.label("orbits").coverage(c -> c.check("3 or more").percentage(p -> p > 50));
        Statistics.label("with a gap").coverage(c -> c.check(true).percentage(p -> p > 50));
        Statistics.label("abandoned").coverage(c -> c.check(true).percentage(p -> p > 50));
        Statistics.label("late").coverage(c -> c.check(true).percentage(p -> p > 20));
        Statistics.label("a node on a fix after a gap").coverage(c -> c.check(true).percentage(p -> p > 25));
    }

    /** Whether a satellite crosses the equator northward exactly on a fix that ends a gap (as sorted, late ones too). */
    private static boolean nodeOnAFixAfterAGap(List<Fix> stream) {
        List<Fix> sorted = stream.stream().sorted(Comparator.comparingLong(Fix::satelliteId)
                .thenComparingLong(Fix::eventMicros)).toList();
        long gap = Micros.of(SHORT_ORBITS.gapThreshold());
        for (int i = 1; i < sorted.size(); i++) {
            Fix before = sorted.get(i - 1);
            Fix fix = sorted.get(i);
            if (fix.satelliteId() == before.satelliteId() && before.latitude() < 0 && fix.latitude() == 0.0
                    && fix.eventMicros() - before.eventMicros() > gap) {
                return true;
            }
        }
        return false;
    }

    @Property(tries = 500)
    void savingAndRestoringInsideGapsAndRevolutionsGivesTheSameOrbits(@ForAll("orbiting") List<Fix> stream,
                                                                       @ForAll @IntRange(min = 0, max = 800) int splitAt) {
        assertSavingAndRestoringChangesNothing(SPEC, SHORT_ORBITS, stream, splitAt);
    }

    /** Saved (through the codec) after {@code splitAt} fixes and restored, the aggregator goes on as if never stopped. */
    private static void assertSavingAndRestoringChangesNothing(WindowSpec spec, List<Fix> stream, int splitAt) {
        assertSavingAndRestoringChangesNothing(spec, OrbitOptions.DEFAULT, stream, splitAt);
    }

    private static void assertSavingAndRestoringChangesNothing(WindowSpec spec, OrbitOptions orbits, List<Fix> stream,
                                                               int splitAt) {
        int split = Math.min(splitAt, stream.size());
        AltitudeAggregator whole = new AltitudeAggregator(spec, orbits);
        RecordingSink expected = new RecordingSink();
        whole.acceptAll(stream, expected);

        AltitudeAggregator first = new AltitudeAggregator(spec, orbits);
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

    /**
     * 200-800 fixes of one or two satellites on sine-wave orbits of 40-90 s (latitude) with their own altitude waves,
     * every 0.2-1.5 s; now and then a repeat, a gap of 4-15 s, one of 21-40 s (beyond the abandon limit), or a fix on
     * the equator. Then in order, out of order within the watermark, or with some fixes swapped by up to a minute (late).
     */
    @Provide
    Arbitrary<List<Fix>> orbiting() {
        // at least 200 fixes: fewer seldom complete a revolution (short inputs are the other properties')
        return Combinators.combine(Arbitraries.integers().between(200, 800).withDistribution(RandomDistribution.uniform()),
                        Arbitraries.longs(), Arbitraries.integers().between(1, 2), Arbitraries.integers().between(0, 2))
                .as((count, seed, satellites, disorder) -> {
                    Random random = new Random(seed);
                    double[] periods = {40 + random.nextInt(51), 40 + random.nextInt(51)};
                    double[] phases = {random.nextDouble(), random.nextDouble()};
                    List<Fix> fixes = new ArrayList<>();
                    long micros = 1_714_032_700_000_000L + random.nextInt(10_000_000);
                    for (int i = 0; i < count; i++) {
                        int roll = random.nextInt(200);
                        micros += roll < 16 ? 0
                                : roll < 24 ? 4_000_000 + random.nextInt(11_000_000)
                                : roll < 25 ? 21_000_000 + random.nextInt(19_000_000)
                                : 200_000 + random.nextInt(1_300_000);
                        int s = satellites == 1 || random.nextBoolean() ? 0 : 1;
                        double turn = micros / 1e6 / periods[s] + phases[s];
                        double latitude = random.nextInt(40) == 0 ? 0.0 : 51.6 * Math.sin(2 * Math.PI * turn);
                        double altitude = 415 + Math.round(50 * Math.cos(2 * Math.PI * turn)) / 10.0; // ties now and then
                        fixes.add(new Fix(s == 0 ? 25544 : 48274, micros, latitude, 0, altitude));
                    }
                    if (disorder == 1) {
                        return delayedWithinWatermark(fixes, random);
                    }
                    if (disorder == 2) { // a minute at most: one fix from the end would make all the others late
                        swapSome(fixes, random, 40);
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
                    return delayedWithinWatermark(track(count, random, satellites), random);
                });
    }

    /** Each fix arrives after a random delay below the watermark delay: out of order, and nothing late. */
    private static List<Fix> delayedWithinWatermark(List<Fix> fixes, Random random) {
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
    }

    /** Arbitrary arrival order: some events come far too late. */
    @Provide
    Arbitrary<List<Fix>> anyOrder() {
        return Combinators.combine(Arbitraries.integers().between(0, 300), Arbitraries.longs(), Arbitraries.integers().between(1, 2))
                .as((count, seed, satellites) -> {
                    Random random = new Random(seed);
                    List<Fix> fixes = track(count, random, satellites);
                    swapSome(fixes, random, fixes.size());
                    return fixes;
                });
    }

    /** Swaps about a tenth of the fixes with others up to {@code reach} places away: some come too late. */
    private static void swapSome(List<Fix> fixes, Random random, int reach) {
        for (int i = 0; i < fixes.size(); i++) {
            if (random.nextInt(10) == 0) {
                int from = Math.max(0, i - reach);
                int j = from + random.nextInt(Math.min(fixes.size() - 1, i + reach) - from + 1);
                fixes.set(i, fixes.set(j, fixes.get(i)));
            }
        }
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
