package org.esa.iss.app.gold;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.esa.iss.adapter.http.IssSimulator;
import org.esa.iss.adapter.http.TwoLineElements;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.Units;

/**
 * What a 2 Hz poller of the one-second ground-control API delivers, computed by the real simulator from the
 * bundled ISS element set: most seconds twice, some once or three times, a few fixes held back by up to
 * {@link #MAX_DELAY_SECONDS} (inside the 10 s watermark), and optionally fixes that arrive too late.
 *
 * <p>Deterministic for a seed. The track starts at the element set's epoch, where SGP4 is most accurate.
 */
final class SimulatedPolls {
    /** The bundled ISS element set, propagated by the real simulator. */
    static final TwoLineElements TLE = TwoLineElements.bundledIss();
    /** Held-back fixes arrive at most this long after their event time: less than the 10 s watermark delay. */
    static final int MAX_DELAY_SECONDS = 8;
    /** A late fix arrives this long after its event time: three times the watermark delay. */
    static final int LATE_DELAY_SECONDS = 30;

    private static final IssSimulator SIMULATOR = new IssSimulator(TLE, Clock.fixed(TLE.epoch(), ZoneOffset.UTC));
    /** The first whole second at or after the epoch. */
    static final long FIRST_SECOND = TLE.epoch().getEpochSecond() + (TLE.epoch().getNano() > 0 ? 1 : 0);

    /** One fix as delivered, in arrival order; {@code late} marks those sent beyond the watermark on purpose. */
    record Delivery(Telemetry telemetry, boolean late) {
    }

    /** The kinds of delivery a stream holds, one in {@code oneIn} of each. */
    record Disorder(int heldBackOneIn, int lostThenLateOneIn, int redeliveredLateOneIn) {
        /** Duplicates and a few fixes held back within the watermark; nothing late. */
        static final Disorder WITHIN_WATERMARK = new Disorder(150, 0, 0);
    }

    private SimulatedPolls() {
    }

    /** The fix the simulator gives for second {@code offset} of the track. */
    static Telemetry fixAt(long offset) {
        return SIMULATOR.at(FIRST_SECOND + offset, Units.KILOMETERS);
    }

    /** Period of one revolution implied by the element set's mean motion. */
    static double tlePeriodSeconds() {
        return 86_400.0 / TLE.meanMotionRevPerDay();
    }

    /** Deliveries of the first {@code seconds} of track; see {@link #deliveries(int, int, Disorder, long)}. */
    static List<Delivery> deliveries(int seconds, Disorder disorder, long seed) {
        return deliveries(0, seconds, disorder, seed);
    }

    /**
     * Deliveries of {@code seconds} of track from second {@code from}: each second polled one to three times
     * (mostly twice), in arrival order, with the disorder asked for.
     */
    static List<Delivery> deliveries(int from, int seconds, Disorder disorder, long seed) {
        Random random = new Random(seed);
        record Arrival(Delivery delivery, double at) {
        }
        List<Arrival> arrivals = new ArrayList<>(seconds * 2);
        // a fix sent late near the end of the track would arrive after everything else, where nothing is late
        int lastLateSecond = from + seconds - LATE_DELAY_SECONDS;
        for (int s = from; s < from + seconds; s++) {
            Telemetry fix = fixAt(s);
            boolean lateAllowed = s < lastLateSecond;
            int roll = random.nextInt(20);
            int copies = roll < 4 ? 1 : roll < 19 ? 2 : 3;
            if (lateAllowed && oneIn(random, disorder.lostThenLateOneIn())) {
                // the poll of this second failed; a retry delivers it after the watermark has passed it
                arrivals.add(new Arrival(new Delivery(fix, true), s + LATE_DELAY_SECONDS + 0.5));
                continue;
            }
            for (int copy = 0; copy < copies; copy++) {
                // a copy arrives within the second of its event, after the previous copy
                double at = s + (copy + random.nextDouble()) / (copies + 1);
                if (oneIn(random, disorder.heldBackOneIn())) {
                    at += 1 + random.nextInt(MAX_DELAY_SECONDS);
                }
                arrivals.add(new Arrival(new Delivery(fix, false), at));
            }
            if (lateAllowed && oneIn(random, disorder.redeliveredLateOneIn())) {
                arrivals.add(new Arrival(new Delivery(fix, true), s + LATE_DELAY_SECONDS + 0.5));
            }
        }
        arrivals.sort(Comparator.comparingDouble(Arrival::at));
        return arrivals.stream().map(Arrival::delivery).toList();
    }

    private static boolean oneIn(Random random, int n) {
        return n > 0 && random.nextInt(n) == 0;
    }
}
