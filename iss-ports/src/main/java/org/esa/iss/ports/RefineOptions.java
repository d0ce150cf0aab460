package org.esa.iss.ports;

import java.time.Duration;
import java.util.Objects;
import org.esa.iss.domain.OrbitOptions;
import org.esa.iss.domain.WindowSpec;

/**
 * How gold is refined.
 *
 * @param windows           window size and watermark delay; the default reproduces the original system
 * @param orbits            gap handling of the orbit tracker
 * @param satelliteFilter   only this satellite's fixes are refined; 0 refines every satellite
 * @param pollInterval      how often to look for new bronze versions when caught up (live mode); zero looks again
 *                          at once, which suits only runs until caught up (a live one would keep a core busy)
 * @param maxVersionsPerCommit bronze versions consumed before gold commits; bounds the work a crash repeats
 * @param maxEventLead      a fix whose event time lies more than this beyond when bronze received it
 *                          ({@link org.esa.iss.ports.out.BronzeChangeLog#receivedBy}) and beyond the newest fix gold
 *                          has taken, with no other fix of its version near it, is left out of gold (it stays in
 *                          bronze): one such fix, a garbled timestamp years ahead, would hold the watermark there and
 *                          make every later fix late. A source running ahead of the clock (a simulator at
 *                          {@code --speed 60}) is followed: its versions hold many fixes near each other
 */
public record RefineOptions(WindowSpec windows, OrbitOptions orbits, long satelliteFilter, Duration pollInterval,
                            int maxVersionsPerCommit, Duration maxEventLead) {

    /** How far ahead of its reception a fix may be by default: far beyond any clock skew of a live source. */
    public static final Duration DEFAULT_MAX_EVENT_LEAD = Duration.ofHours(1);

    /** 5 s windows, 10 s watermark, every satellite, checking bronze twice a second. */
    public static final RefineOptions DEFAULT = new RefineOptions(WindowSpec.DEFAULT, OrbitOptions.DEFAULT, 0,
            Duration.ofMillis(500), 100);

    /** Options with the default {@link #maxEventLead}. */
    public RefineOptions(WindowSpec windows, OrbitOptions orbits, long satelliteFilter, Duration pollInterval,
                         int maxVersionsPerCommit) {
        this(windows, orbits, satelliteFilter, pollInterval, maxVersionsPerCommit, DEFAULT_MAX_EVENT_LEAD);
    }

    public RefineOptions {
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(orbits, "orbits");
        if (satelliteFilter < 0) {
            throw new IllegalArgumentException("satellite filter must be a NORAD id or 0 for all, got " + satelliteFilter);
        }
        if (pollInterval == null || pollInterval.isNegative()) {
            throw new IllegalArgumentException("poll interval must be >= 0, got " + pollInterval);
        }
        if (maxVersionsPerCommit < 1) {
            throw new IllegalArgumentException("max versions per commit must be >= 1, got " + maxVersionsPerCommit);
        }
        if (maxEventLead == null || maxEventLead.isNegative()) {
            throw new IllegalArgumentException("max event lead must be >= 0, got " + maxEventLead);
        }
    }
}
