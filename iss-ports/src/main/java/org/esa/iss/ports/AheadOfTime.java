package org.esa.iss.ports;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.esa.iss.domain.AltitudeAggregator;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Micros;

/**
 * Gold's guard against a fix whose event time lies far in the future, a garbled timestamp: taken, it would hold the
 * watermark there and make every later fix late, for good. Such a fix is left out of gold (bronze keeps it) when it
 * lies more than the lead beyond both when bronze received it and the newest fix gold has taken. A source that runs
 * ahead of the clock step by step (a simulator at {@code --speed 60}) stays within the lead of the fix before, so it
 * is followed. Both bounds come from bronze's log and gold's saved state, so a rebuild decides the same.
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

    /** The event time (microseconds) past which a fix received by then is judged; none when the time is unknown. */
    long horizon(Optional<Instant> receivedBy) {
        return receivedBy.map(t -> Micros.of(t) + leadMicros).orElse(Long.MAX_VALUE);
    }

    /** Whether to leave the fix out: counted, and the first ones named in the log. */
    boolean leavesOut(Fix fix, long horizonMicros, AltitudeAggregator aggregator) {
        if (fix.eventMicros() <= horizonMicros) {
            return false; // every fix of a live or replayed source: one comparison
        }
        Optional<Instant> watermark = aggregator.watermark();
        if (watermark.isPresent() && fix.eventMicros() <= Micros.of(watermark.get()) + watermarkDelayMicros + leadMicros) {
            return false;
        }
        long count = leftOut.incrementAndGet();
        if (count <= NAMED) {
            LOG.warning(() -> "left out of gold, kept in bronze: satellite " + fix.satelliteId() + "'s fix at "
                    + Micros.toInstant(fix.eventMicros()) + ", more than " + lead + " after bronze received it (by "
                    + Micros.toInstant(horizonMicros - leadMicros) + ") and after the newest fix taken ("
                    + watermark.map(w -> w.plusNanos(watermarkDelayMicros * 1_000)).map(Instant::toString).orElse("none")
                    + "). If such fixes are real (a source ahead of the clock?), raise --max-event-lead"
                    + (count == NAMED ? "; further ones are only counted" : ""));
        }
        return true;
    }

    /** Fixes left out so far. */
    long leftOut() {
        return leftOut.get();
    }
}
