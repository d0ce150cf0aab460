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
 */
public record RefineOptions(WindowSpec windows, OrbitOptions orbits, long satelliteFilter, Duration pollInterval,
                            int maxVersionsPerCommit) {

    /** 5 s windows, 10 s watermark, every satellite, checking bronze twice a second. */
    public static final RefineOptions DEFAULT = new RefineOptions(WindowSpec.DEFAULT, OrbitOptions.DEFAULT, 0,
            Duration.ofMillis(500), 100);

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
    }
}
