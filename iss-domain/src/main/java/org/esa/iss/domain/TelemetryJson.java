package org.esa.iss.domain;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads and writes the ground-control API's position record, a flat JSON object such as
 * {@code {"name":"iss","id":25544,"latitude":-48.94,...,"units":"kilometers"}}.
 *
 * <p>Parsing is strict and allocation-light because it sits on the ingest hot path (one call per Kafka
 * record): every API field is required, numbers must be JSON numbers ({@code NaN} and {@code Infinity}
 * are not), {@code id} and {@code timestamp} must be integers, duplicate fields are rejected, unknown
 * fields are skipped so that additions to the API do not quarantine good data. Any failure is an
 * {@link InvalidTelemetry} whose message quotes the start of the document.
 *
 * <p>This class has no state; its methods are thread-safe.
 */
public final class TelemetryJson {
    /** Bodies longer than this are refused before parsing; a real record is about 380 bytes. */
    public static final int MAX_RECORD_BYTES = 64 * 1024;

    /** Exact powers of ten as doubles, 10^0 to 10^22 (the largest a double holds exactly). */
    static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private TelemetryJson() {
    }

    /**
     * Parses a whole array.
     *
     * @throws InvalidTelemetry if the bytes are not a valid position record, or are {@code null}
     */
    public static Telemetry parse(byte[] json) {
        if (json == null) {
            throw new InvalidTelemetry("record", null, "no value (null payload)");
        }
        return parse(json, 0, json.length);
    }

    /**
     * Parses one record from {@code json[offset, offset+length)}.
     *
     * @throws InvalidTelemetry if the bytes are not a valid position record
     * @throws IndexOutOfBoundsException if that range is not inside {@code json}
     */
    public static Telemetry parse(byte[] json, int offset, int length) {
        if (json == null) {
            throw new InvalidTelemetry("record", null, "no value (null payload)");
        }
        Objects.checkFromIndexSize(offset, length, json.length);
        if (length == 0) {
            throw new InvalidTelemetry("record", "", "empty value");
        }
        if (length > MAX_RECORD_BYTES) {
            throw new InvalidTelemetry("record", length + " bytes", "record larger than " + MAX_RECORD_BYTES + " bytes");
        }
        try {
            Telemetry inApiOrder = new TelemetryReader(json, offset, offset + length).parseInApiOrder();
            return inApiOrder != null ? inApiOrder : new TelemetryReader(json, offset, offset + length).parseRecord();
        } catch (InvalidTelemetry e) {
            if (e.field().equals("record")) {
                throw e;
            }
            throw new InvalidTelemetry(e, " in " + excerpt(json, offset, length));
        }
    }

    /** Writes a record in the API's shape, field names and order as the API sends them. */
    public static byte[] format(Telemetry t) {
        StringBuilder out = new StringBuilder(400);
        out.append("{\"name\":").append(quote(t.name()));
        out.append(",\"id\":").append(t.satelliteId());
        appendNumber(out.append(",\"latitude\":"), t.latitude());
        appendNumber(out.append(",\"longitude\":"), t.longitude());
        appendNumber(out.append(",\"altitude\":"), t.altitude());
        appendNumber(out.append(",\"velocity\":"), t.velocity());
        out.append(",\"visibility\":\"").append(t.visibility().apiName()).append('"');
        appendNumber(out.append(",\"footprint\":"), t.footprint());
        out.append(",\"timestamp\":").append(t.timestamp());
        appendNumber(out.append(",\"daynum\":"), t.dayNumber());
        appendNumber(out.append(",\"solar_lat\":"), t.solarLatitude());
        appendNumber(out.append(",\"solar_lon\":"), t.solarLongitude());
        out.append(",\"units\":\"").append(t.units().apiName()).append("\"}");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Appends a finite number so that it parses back to the same double. A value that is exactly the nearest
     * double to a decimal of at most 15 significant digits (every value the API prints) is written from those
     * digits, which is several times faster than {@link Double#toString}; anything else goes through it.
     */
    static void appendNumber(StringBuilder out, double value) {
        double magnitude = Math.abs(value);
        if (!(magnitude >= 1e-6 && magnitude < 1e15)) {
            out.append(value);
            return;
        }
        int integerDigits = 1;
        while (integerDigits < 15 && magnitude >= POWERS_OF_TEN[integerDigits]) {
            integerDigits++;
        }
        int leadingZeros = 0;
        while (magnitude * POWERS_OF_TEN[leadingZeros + 1] < 1) {
            leadingZeros++;
        }
        int decimals = Math.min(15 - integerDigits + leadingZeros, 22);
        long digits = Math.round(magnitude * POWERS_OF_TEN[decimals]);
        if (digits >= 1_000_000_000_000_000L || digits / POWERS_OF_TEN[decimals] != magnitude) {
            out.append(value);
            return;
        }
        while (decimals > 1 && digits % 10 == 0) {
            digits /= 10;
            decimals--;
        }
        if (value < 0) {
            out.append('-');
        }
        String text = Long.toString(digits);
        int point = text.length() - decimals;
        if (decimals == 0) {
            out.append(text).append(".0");
        } else if (point > 0) {
            out.append(text, 0, point).append('.').append(text, point, text.length());
        } else {
            out.append("0.");
            for (int i = point; i < 0; i++) {
                out.append('0');
            }
            out.append(text);
        }
    }

    /** The first 120 characters of a document, for error messages. */
    public static String excerpt(byte[] json, int offset, int length) {
        int shown = Math.min(length, 120);
        String text = new String(json, offset, shown, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
        return "'" + text + (length > shown ? "...'" : "'");
    }

    /** A string as a JSON string literal: quotes, backslashes and control characters escaped. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
