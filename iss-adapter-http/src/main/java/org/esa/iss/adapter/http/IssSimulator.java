package org.esa.iss.adapter.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.domain.Units;
import org.esa.iss.domain.Visibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes ground-control records offline: SGP4 from a two-line element set, then every API field the
 * way the real service derives it (see {@code API-NOTES.md}): geodetic WGS-84 position from the TEME state
 * rotated by GMST, inertial speed in km/h, the footprint diameter, conical-shadow visibility, the Julian
 * day, and the sub-solar point from a low-precision Sun.
 *
 * <p>Deterministic: the same element set and timestamp always give the same record. "Now" comes from the
 * {@link Clock} (use an {@link AcceleratedClock} to replay hours in seconds). Thread-safe.
 *
 * <p>SGP4 from one element set is good for days, not years (the bundled 2024 set has "decayed" within a
 * year). For offline runs long after the epoch, {@link #wrappingStaleTimes} folds the orbit's time back
 * into the first {@code window} after the epoch while Earth rotation and the Sun follow the real timestamp:
 * the result is a realistic ISS-like orbit for any date, not the real station, with a jump once per window.
 */
public final class IssSimulator {
    /** The name the API gives the ISS. */
    public static final String SATELLITE_NAME = "iss";
    private static final Logger LOG = LoggerFactory.getLogger(IssSimulator.class);
    private static final double KM_PER_MILE = 1.609344;
    // The API's footprint constant: 12756.33 km is its Earth diameter (reproduces its values to 1e-10).
    private static final double FOOTPRINT_DIAMETER_KM = 12756.33;

    private final TwoLineElements tle;
    private final long epochSecond; // parsed once: orbitTime runs for every generated record
    private final Sgp4Propagator propagator;
    private final Clock clock;
    private final long wrapSeconds;
    private final AtomicBoolean warnedAboutWrap = new AtomicBoolean();

    /**
     * @param tle   the element set to propagate; near-Earth orbits only
     * @param clock what "now" is for {@link #now(Units)}
     * @throws IllegalArgumentException for a deep-space element set
     */
    public IssSimulator(TwoLineElements tle, Clock clock) {
        this(tle, clock, 0);
    }

    private IssSimulator(TwoLineElements tle, Clock clock, long wrapSeconds) {
        this.tle = Objects.requireNonNull(tle, "tle");
        this.epochSecond = tle.epoch().getEpochSecond();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.propagator = new Sgp4Propagator(tle);
        this.wrapSeconds = wrapSeconds;
    }

    /**
     * A simulator that never refuses a timestamp: times more than {@code window} away from the epoch are
     * propagated at {@code epoch + ((t - epoch) mod window)}. Times within the window are exact.
     */
    public static IssSimulator wrappingStaleTimes(TwoLineElements tle, Clock clock, Duration window) {
        if (window.getSeconds() < 3600) {
            throw new IllegalArgumentException("wrap window must be at least an hour, got " + window);
        }
        return new IssSimulator(tle, clock, window.getSeconds());
    }

    /** Whether the element set can serve {@code timestamp} without wrapping (within 30 days of its epoch). */
    public boolean isFresh(long timestamp) {
        return Math.abs(timestamp - tle.epoch().getEpochSecond()) <= Duration.ofDays(30).getSeconds();
    }

    /** A simulator of the bundled ISS element set (see {@link TwoLineElements#bundledIss()}). */
    public static IssSimulator withBundledTle(Clock clock) {
        return new IssSimulator(TwoLineElements.bundledIss(), clock);
    }

    /** The element set being propagated. */
    public TwoLineElements tle() {
        return tle;
    }

    /** The NORAD id this simulator answers for (25544 for the ISS). */
    public long satelliteId() {
        return tle.catalogNumber();
    }

    /** The clock that defines "now". */
    public Clock clock() {
        return clock;
    }

    /** The current unix second by the simulator's clock (the API has one-second resolution). */
    public long currentTimestamp() {
        return clock.instant().getEpochSecond();
    }

    /** The record the API would return now. */
    public Telemetry now(Units units) {
        return at(currentTimestamp(), units);
    }

    /**
     * The record the API would return for a unix-second timestamp.
     *
     * @throws IllegalStateException if SGP4 cannot propagate that far from the epoch
     */
    public Telemetry at(long timestamp, Units units) {
        Objects.requireNonNull(units, "units");
        double t = timestamp;
        TemeState state = propagator.stateAt(Instant.ofEpochSecond(orbitTime(timestamp)));
        EarthModel.Geodetic where = EarthModel.geodeticOf(state.x(), state.y(), state.z(), t);
        double altitudeKm = where.heightKm();
        double speedKmh = state.speedKmPerSecond() * 3600.0;
        double footprintKm = FOOTPRINT_DIAMETER_KM
                * Math.acos(Sgp4Propagator.EARTH_RADIUS_KM / (Sgp4Propagator.EARTH_RADIUS_KM + altitudeKm));
        Visibility visibility = LowPrecisionSun.eclipsed(state.x(), state.y(), state.z(), t)
                ? Visibility.ECLIPSED : Visibility.DAYLIGHT;
        double[] subSolar = LowPrecisionSun.subSolarPoint(t);
        // The API prints daynum with 7 decimals; rounding here makes the JSON match it digit for digit.
        double dayNumber = Math.round(EarthModel.julianDay(t) * 1e7) / 1e7;
        double perKm = units == Units.MILES ? 1 / KM_PER_MILE : 1.0;
        return new Telemetry(satelliteId(), SATELLITE_NAME, printed(where.latitudeDeg()), printed(where.longitudeDeg()),
                printed(altitudeKm * perKm), printed(speedKmh * perKm), visibility, printed(footprintKm * perKm), timestamp,
                dayNumber, printed(subSolar[0]), printed(subSolar[1]), units);
    }

    /**
     * A value as the API prints it: 14 significant digits (e.g. 433.83561822897). Besides matching the real
     * records, it keeps every number on the parser's exact fast path, as real API traffic is.
     */
    static double printed(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        int decimals = 13 - (int) Math.floor(Math.log10(Math.abs(value)));
        if (decimals < 0 || decimals > 22) {
            return new java.math.BigDecimal(value).round(new java.math.MathContext(14)).doubleValue();
        }
        double scale = POWERS_OF_TEN[decimals];
        return Math.round(value * scale) / scale;
    }

    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private long orbitTime(long timestamp) {
        long epoch = epochSecond;
        if (wrapSeconds == 0 || (timestamp >= epoch && timestamp - epoch < wrapSeconds)) {
            return timestamp;
        }
        if (warnedAboutWrap.compareAndSet(false, true)) {
            LOG.warn("TLE epoch {} is too far from {}: simulating an ISS-like orbit (orbit time folded into {} days "
                    + "after the epoch); pass a fresh TLE for real positions", tle.epoch(), Instant.ofEpochSecond(timestamp),
                    wrapSeconds / 86400.0);
        }
        return epoch + Math.floorMod(timestamp - epoch, wrapSeconds);
    }

    /** The API's JSON for a record, as {@link TelemetryJson#format} writes it. */
    public static byte[] json(Telemetry telemetry) {
        return TelemetryJson.format(telemetry);
    }
}
