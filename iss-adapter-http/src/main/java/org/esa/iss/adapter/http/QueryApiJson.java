package org.esa.iss.adapter.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Micros;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.PeakAltitude;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.ports.in.CheckHealth;

/**
 * The query API's JSON bodies. Field names are snake_case like the ground-control API's; instants are
 * ISO-8601 UTC strings; lengths carry their unit in the name ({@code altitude_km}). The gold answers are public so
 * that other front ends (the command line's {@code --json}) print exactly what the API serves.
 */
public final class QueryApiJson {
    private QueryApiJson() {
    }

    /**
     * A fix exactly as the ground-control API writes it, plus {@code event_time} and, because the record
     * may be in miles, {@code altitude_km}.
     */
    static String telemetry(Telemetry t) {
        String api = new String(TelemetryJson.format(t), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(api.length() + 80).append(api, 0, api.length() - 1);
        out.append(",\"altitude_km\":");
        number(out, t.altitudeKm());
        out.append(",\"event_time\":");
        instant(out, t.eventTime());
        return out.append('}').toString();
    }

    /** The data of a {@code fix} stream event: the fix and where it came from. */
    static String fixEvent(Telemetry t, String source) {
        String fix = telemetry(t);
        return fix.substring(0, fix.length() - 1) + ",\"source\":" + ApiJson.quote(source) + "}";
    }

    /** The body of {@code /api/v1/altitude/max}. */
    public static String peak(PeakAltitude peak) {
        StringBuilder out = new StringBuilder(96).append("{\"satellite_id\":").append(peak.satelliteId());
        out.append(",\"altitude_km\":");
        number(out, peak.altitudeKm());
        out.append(",\"at\":");
        instant(out, peak.at());
        return out.append('}').toString();
    }

    static String window(AltitudeWindow w) {
        StringBuilder out = new StringBuilder(220).append("{\"satellite_id\":").append(w.satelliteId());
        out.append(",\"start\":");
        instant(out, w.start());
        out.append(",\"end\":");
        instant(out, w.end());
        out.append(",\"max_altitude_km\":");
        number(out, w.maxAltitudeKm());
        out.append(",\"max_at\":");
        instant(out, w.maxAt());
        out.append(",\"min_altitude_km\":");
        number(out, w.minAltitudeKm());
        out.append(",\"min_at\":");
        instant(out, w.minAt());
        return out.append(",\"samples\":").append(w.samples()).append('}').toString();
    }

    /** The body of {@code /api/v1/altitude/windows}. */
    public static String windows(List<AltitudeWindow> windows) {
        return array(windows, QueryApiJson::window);
    }

    static String orbit(Orbit o) {
        StringBuilder out = new StringBuilder(400).append("{\"satellite_id\":").append(o.satelliteId());
        out.append(",\"start\":");
        instant(out, o.start());
        out.append(",\"end\":");
        instant(out, o.end());
        out.append(",\"period_s\":");
        seconds(out, o.period());
        out.append(",\"apogee\":");
        fix(out, o.apogee());
        out.append(",\"perigee\":");
        fix(out, o.perigee());
        out.append(",\"samples\":").append(o.samples());
        out.append(",\"gaps\":").append(o.gaps());
        out.append(",\"longest_gap_s\":");
        seconds(out, o.longestGap());
        out.append(",\"coverage\":");
        number(out, o.coverage());
        return out.append('}').toString();
    }

    /** The body of {@code /api/v1/orbits}. */
    public static String orbits(List<Orbit> orbits) {
        return array(orbits, QueryApiJson::orbit);
    }

    /** Components sorted by name, so that the body is stable from one call to the next. */
    static String health(CheckHealth.HealthReport report) {
        StringBuilder out = new StringBuilder(256)
                .append("{\"live\":").append(report.live())
                .append(",\"ready\":").append(report.ready())
                .append(",\"components\":{");
        boolean first = true;
        for (Map.Entry<String, CheckHealth.ComponentHealth> e : new TreeMap<>(report.components()).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            CheckHealth.ComponentHealth component = e.getValue();
            out.append(ApiJson.quote(e.getKey()))
                    .append(":{\"status\":").append(ApiJson.quote(component.component().name()))
                    .append(",\"detail\":").append(ApiJson.quote(component.detail() == null ? "" : component.detail()))
                    .append('}');
        }
        return out.append("}}").toString();
    }

    private static void fix(StringBuilder out, Fix fix) {
        out.append("{\"altitude_km\":");
        number(out, fix.altitudeKm());
        out.append(",\"at\":");
        instant(out, fix.eventTime());
        out.append(",\"latitude\":");
        number(out, fix.latitude());
        out.append(",\"longitude\":");
        number(out, fix.longitude());
        out.append('}');
    }

    private static <T> String array(List<T> items, Function<T, String> element) {
        StringBuilder out = new StringBuilder(items.size() * 240 + 2).append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(element.apply(items.get(i)));
        }
        return out.append(']').toString();
    }

    /** A JSON number; JSON has no NaN or infinity, so those (which validation should exclude) become null. */
    private static void number(StringBuilder out, double value) {
        if (Double.isFinite(value)) {
            out.append(value);
        } else {
            out.append("null");
        }
    }

    private static void seconds(StringBuilder out, Duration duration) {
        number(out, Micros.of(duration) / 1e6); // not nanoseconds: a long of them ends after 292 years
    }

    private static void instant(StringBuilder out, Instant instant) {
        out.append('"').append(instant).append('"');
    }
}
