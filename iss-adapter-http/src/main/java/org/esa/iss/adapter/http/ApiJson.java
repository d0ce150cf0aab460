package org.esa.iss.adapter.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;

/** The JSON bodies of the ground-control API other than the position record (which {@link TelemetryJson} writes). */
final class ApiJson {
    private ApiJson() {
    }

    /** {@code {"error":"...","status":N}}, the API's error shape. */
    static byte[] error(int status, String message) {
        return ("{\"error\":" + quote(message) + ",\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** The satellite list: {@code [{"name":"iss","id":25544}]}. */
    static byte[] satellites(String name, long id) {
        return ("[{\"name\":" + quote(name) + ",\"id\":" + id + "}]").getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON array of position records, each as {@link TelemetryJson#format} writes it. */
    static byte[] positions(List<Telemetry> records) {
        StringBuilder out = new StringBuilder(records.size() * 400 + 2).append('[');
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(new String(TelemetryJson.format(records.get(i)), StandardCharsets.UTF_8));
        }
        return out.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The element set in the API's {@code /tles} JSON shape. */
    static byte[] tle(TwoLineElements tle, String satelliteName, long requestedTimestamp) {
        return ("{\"requested_timestamp\":" + requestedTimestamp
                + ",\"tle_timestamp\":" + tle.epoch().getEpochSecond()
                + ",\"id\":" + quote(Integer.toString(tle.catalogNumber()))
                + ",\"name\":" + quote(satelliteName)
                + ",\"header\":" + quote(tle.name())
                + ",\"line1\":" + quote(tle.line1())
                + ",\"line2\":" + quote(tle.line2()) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** The domain's JSON string quoting, the one every JSON body here uses. */
    static String quote(String s) {
        return TelemetryJson.quote(s);
    }
}
