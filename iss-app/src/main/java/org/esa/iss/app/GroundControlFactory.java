package org.esa.iss.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.esa.iss.adapter.http.IssSimulator;
import org.esa.iss.adapter.http.SimulatedGroundControl;
import org.esa.iss.adapter.http.TwoLineElements;
import org.esa.iss.adapter.http.WhereTheIssAtGroundControl;
import org.esa.iss.adapter.http.WhereTheIssAtOptions;
import org.esa.iss.domain.Units;
import org.esa.iss.ports.out.GroundControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link GroundControl} for {@code --source auto|api|simulator}: the live API over HTTP, or the
 * in-process SGP4 simulator. {@code auto} probes the API once at start ({@link #PROBE_TIMEOUT}) and falls
 * back to the simulator; the choice is logged, and every record carries it as its source.
 */
public final class GroundControlFactory {
    /** How long {@code auto} waits for the live API before choosing the simulator. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** Orbit time is folded into this window after a stale TLE's epoch, so the simulator runs at any date. */
    static final Duration STALE_TLE_WINDOW = Duration.ofDays(7);
    private static final Logger LOG = LoggerFactory.getLogger(GroundControlFactory.class);

    private GroundControlFactory() {
    }

    /** As {@link #create(String, URI, Path, Clock, Units)} in kilometres. */
    public static GroundControl create(String source, URI apiBaseUrl, Path tleFile, Clock clock) {
        return create(source, apiBaseUrl, tleFile, clock, Units.KILOMETERS);
    }

    /**
     * @param source     {@code auto}, {@code api} or {@code simulator} (case-insensitive)
     * @param apiBaseUrl the API root; {@code null} means the public {@code https://api.wheretheiss.at}
     * @param tleFile    element set for the simulator; {@code null} means the bundled ISS set of April 2024
     * @param clock      the simulator's "now" (the API client measures deadlines on the system clock)
     * @param units      the units records are requested in
     * @throws IllegalArgumentException for an unknown source or an unreadable/invalid TLE
     */
    public static GroundControl create(String source, URI apiBaseUrl, Path tleFile, Clock clock, Units units) {
        URI base = apiBaseUrl == null ? WhereTheIssAtOptions.PUBLIC_API : apiBaseUrl;
        switch (source.toLowerCase(Locale.ROOT)) {
            case "api":
                LOG.info("ground control: live API at {}", base);
                return api(base, units);
            case "simulator":
                LOG.info("ground control: offline simulator (--source simulator)");
                return simulator(tleFile, clock, units);
            case "auto":
                if (WhereTheIssAtGroundControl.probe(base, PROBE_TIMEOUT)) {
                    LOG.info("ground control: live API at {} answered the probe; records are marked source=api", base);
                    return api(base, units);
                }
                LOG.warn("ground control: live API at {} did not answer within {} ms; using the offline simulator,"
                        + " records are marked source=simulator", base, PROBE_TIMEOUT.toMillis());
                return simulator(tleFile, clock, units);
            default:
                throw new IllegalArgumentException("unknown source '" + source + "'; expected auto, api or simulator");
        }
    }

    private static GroundControl api(URI base, Units units) {
        return new WhereTheIssAtGroundControl(WhereTheIssAtOptions.defaults().withBaseUrl(base).withUnits(units));
    }

    private static GroundControl simulator(Path tleFile, Clock clock, Units units) {
        IssSimulator simulator = simulatorFor(tleFile, clock);
        return new SimulatedGroundControl(simulator, units);
    }

    /** The simulator for a TLE file (or the bundled set), tolerant of a stale element set. */
    static IssSimulator simulatorFor(Path tleFile, Clock clock) {
        TwoLineElements tle = tleFile == null ? TwoLineElements.bundledIss() : TwoLineElements.load(tleFile);
        IssSimulator simulator = IssSimulator.wrappingStaleTimes(tle, clock, STALE_TLE_WINDOW);
        long now = clock.instant().getEpochSecond();
        if (simulator.isFresh(now)) {
            LOG.info("simulator: TLE '{}' epoch {} ({})", tle.name(), tle.epoch(), tleFile == null ? "bundled" : tleFile);
        } else {
            LOG.warn("simulator: TLE '{}' epoch {} is {} days from the clock's now; positions will be ISS-like but not"
                    + " the real station's (pass --tle with a fresh element set from CelesTrak)", tle.name(), tle.epoch(),
                    Math.abs(now - tle.epoch().getEpochSecond()) / 86400);
        }
        return simulator;
    }
}
