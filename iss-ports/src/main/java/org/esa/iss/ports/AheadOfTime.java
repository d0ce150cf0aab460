package org.esa.iss.ports;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.esa.iss.domain.AltitudeAggregator;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Micros;

/**
 * Gold's guard against a fix whose event time lies far in the future, a garbled timestamp: taken, it would hold the
 * watermark there and make every later fix late, for good. Such a fix is left out of gold (bronze keeps it) when it
 * lies more than the lead beyond when bronze received it and beyond the newest fix gold has taken, and no other fix of
 * its bronze version lies within the lead of it. A source that runs ahead of the clock (a simulator at
 * {@code --speed 60}) stays within the lead of its previous fix, and after a gap its fixes confirm each other. What
 * decides is in bronze's log and gold's saved state, so a replay of bronze decides the same.
 */
final class AheadOfTime {
    private static final Logger LOG = Logger.getLogger(AheadOfTime.class.getName());
    /** Fixes named in the log one by one; later ones are only counted. */
    private static final int NAMED = 10;
    /** Past it, a lead is as good as none: beyond any event time a fix can have (year 9999). */
    private static final Duration UNBOUNDED = Duration.ofDays(10_000L * 366);

    private final Duration lead;
    private final long leadMicros;
    private final long watermarkDelayMicros;
    private final AtomicLong leftOut = new AtomicLong();

    AheadOfTime(Duration lead, Duration watermarkDelay) {
        this.lead = lead;
        this.leadMicros = Micros.of(lead.compareTo(UNBOUNDED) > 0 ? UNBOUNDED : lead);
        this.watermarkDelayMicros = Micros.of(watermarkDelay);
    }

    /**
     * The fixes of one bronze version (or of one date of a snapshot), as received by then; none is judged when that
     * time is unknown.
     */
    Batch batch(List<Fix> fixes, Optional<Instant> receivedBy) {
        return new Batch(fixes, receivedBy.map(t -> Micros.of(t) + leadMicros).orElse(Long.MAX_VALUE));
    }

    /** Whether to leave the fix out: counted, and the first ones named in the log. */
    boolean leavesOut(Fix fix, Batch batch, AltitudeAggregator aggregator) {
        if (fix.eventMicros() <= batch.horizonMicros) {
            return false; // one comparison for each fix of a live or replayed source
        }
        Optional<Instant> watermark = aggregator.watermark();
        if (watermark.isPresent() && fix.eventMicros() <= Micros.of(watermark.get()) + watermarkDelayMicros + leadMicros
                || batch.confirms(fix.eventMicros(), leadMicros)) {
            return false;
        }
        long count = leftOut.incrementAndGet();
        if (count <= NAMED) {
            LOG.warning(() -> "left out of gold, kept in bronze: satellite " + fix.satelliteId() + "'s fix at "
                    + Micros.toInstant(fix.eventMicros()) + ", more than " + lead + " after bronze received it (by "
                    + Micros.toInstant(batch.horizonMicros - leadMicros) + ") and after the newest fix taken ("
                    + watermark.map(w -> w.plusNanos(watermarkDelayMicros * 1_000)).map(Instant::toString).orElse("none")
                    + "), with no other fix of its bronze version near it. If such fixes are real (a source ahead of the"
                    + " clock?), raise --max-event-lead" + (count == NAMED ? "; further ones are only counted" : ""));
        }
        return true;
    }

    /** Fixes left out so far. */
    long leftOut() {
        return leftOut.get();
    }

    /**
     * A version's fixes and horizon. The event times beyond the horizon are sorted only when a fix beyond it is judged:
     * a live or replayed source never has one, and pays nothing more than the comparison of each fix.
     */
    static final class Batch {
        private final List<Fix> fixes;
        private final long horizonMicros;
        private long[] beyond;

        private Batch(List<Fix> fixes, long horizonMicros) {
            this.fixes = fixes;
            this.horizonMicros = horizonMicros;
        }

        /** Whether another event time beyond the horizon lies within {@code leadMicros} of this one. */
        boolean confirms(long eventMicros, long leadMicros) {
            long[] times = beyond();
            int at = Arrays.binarySearch(times, eventMicros);
            int first = at;
            while (first > 0 && times[first - 1] == eventMicros) {
                first--;
            }
            int last = at;
            while (last < times.length - 1 && times[last + 1] == eventMicros) {
                last++;
            }
            return first > 0 && eventMicros - times[first - 1] <= leadMicros
                    || last < times.length - 1 && times[last + 1] - eventMicros <= leadMicros;
        }

        private long[] beyond() {
            if (beyond == null) {
                beyond = fixes.stream().mapToLong(Fix::eventMicros).filter(t -> t > horizonMicros).sorted().toArray();
            }
            return beyond;
        }
    }
}
