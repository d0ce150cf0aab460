package org.esa.iss.domain;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an {@link AggregatorState} as a small line-oriented text (stored beside gold rows in the same
 * commit) and reads it back exactly: doubles round-trip through {@link Double#toString(double)}.
 *
 * <pre>
 * iss-aggregator-state 1
 * spec &lt;windowMicros&gt; &lt;delayMicros&gt; &lt;gapThresholdMicros&gt; &lt;abandonAfterMicros&gt;
 * clock &lt;watermark&gt; &lt;maxEvent&gt; &lt;late&gt; &lt;duplicates&gt;
 * track &lt;satelliteId&gt; &lt;abandonedOrbits&gt;
 * pending &lt;fix&gt;            (zero or more, in order)
 * window &lt;start&gt; &lt;max&gt; &lt;maxAt&gt; &lt;min&gt; &lt;minAt&gt; &lt;samples&gt;
 * last &lt;fix&gt;
 * highest &lt;fix&gt;
 * orbit &lt;start&gt; &lt;samples&gt; &lt;gaps&gt; &lt;gapMicros&gt; &lt;longestGap&gt; &lt;apogee fix&gt; &lt;perigee fix&gt;
 * </pre>
 * A fix is {@code satelliteId,eventMicros,latitude,longitude,altitudeKm}.
 */
public final class AggregatorStateCodec {
    private static final String HEADER = "iss-aggregator-state 1";

    private AggregatorStateCodec() {
    }

    /** The state as text. */
    public static String encode(AggregatorState state) {
        StringBuilder out = new StringBuilder(256);
        out.append(HEADER).append('\n');
        out.append("spec ").append(Micros.of(state.windows().size())).append(' ')
                .append(Micros.of(state.windows().watermarkDelay())).append(' ')
                .append(Micros.of(state.orbits().gapThreshold())).append(' ')
                .append(Micros.of(state.orbits().abandonAfter())).append('\n');
        out.append("clock ").append(state.watermarkMicros()).append(' ').append(state.maxEventMicros()).append(' ')
                .append(state.lateEvents()).append(' ').append(state.duplicateEvents()).append('\n');
        for (AggregatorState.Track track : state.tracks()) {
            out.append("track ").append(track.satelliteId()).append(' ').append(track.abandonedOrbits()).append('\n');
            for (Fix fix : track.pending()) {
                out.append("pending ").append(fix(fix)).append('\n');
            }
            AggregatorState.OpenWindow w = track.window();
            if (w != null) {
                out.append("window ").append(w.startMicros()).append(' ').append(w.maxAltitudeKm()).append(' ')
                        .append(w.maxAtMicros()).append(' ').append(w.minAltitudeKm()).append(' ')
                        .append(w.minAtMicros()).append(' ').append(w.samples()).append('\n');
            }
            if (track.lastReleased() != null) {
                out.append("last ").append(fix(track.lastReleased())).append('\n');
            }
            if (track.highest() != null) {
                out.append("highest ").append(fix(track.highest())).append('\n');
            }
            AggregatorState.OrbitProgress o = track.orbit();
            if (o != null) {
                out.append("orbit ").append(o.startMicros()).append(' ').append(o.samples()).append(' ')
                        .append(o.gaps()).append(' ').append(o.gapMicros()).append(' ').append(o.longestGapMicros())
                        .append(' ').append(fix(o.apogee())).append(' ').append(fix(o.perigee())).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Reads text written by {@link #encode}.
     *
     * @throws IllegalArgumentException if the text is not a saved state: naming the line of a malformed entry, or
     *                                  the satellite whose track no aggregator could have left
     */
    public static AggregatorState decode(String text) {
        String[] lines = text.split("\n");
        if (lines.length < 3 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("not a saved aggregator state (expected '" + HEADER + "' first)");
        }
        try {
            String[] spec = fields(lines[1], "spec", 5);
            WindowSpec windows = new WindowSpec(micros(spec[1]), micros(spec[2]));
            OrbitOptions orbits = new OrbitOptions(micros(spec[3]), micros(spec[4]));
            String[] clock = fields(lines[2], "clock", 5);
            List<AggregatorState.Track> tracks = new ArrayList<>();
            TrackBuilder current = null;
            for (int i = 3; i < lines.length; i++) {
                String line = lines[i];
                if (line.isEmpty()) {
                    continue;
                }
                String kind = line.substring(0, line.indexOf(' ') < 0 ? line.length() : line.indexOf(' '));
                if (kind.equals("track")) {
                    if (current != null) {
                        tracks.add(current.build());
                    }
                    String[] f = fields(line, "track", 3);
                    current = new TrackBuilder(Long.parseLong(f[1]), Long.parseLong(f[2]));
                    continue;
                }
                if (current == null) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": '" + kind + "' before any track");
                }
                try {
                    readEntry(current, kind, line);
                } catch (IllegalArgumentException e) { // a value no state can hold, e.g. a latitude of 95 degrees
                    throw new IllegalArgumentException("corrupt aggregator state, line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
            if (current != null) {
                tracks.add(current.build());
            }
            try {
                return new AggregatorState(windows, orbits, Long.parseLong(clock[1]), Long.parseLong(clock[2]),
                        Long.parseLong(clock[3]), Long.parseLong(clock[4]), tracks);
            } catch (IllegalArgumentException e) { // negative counts, two tracks of a satellite, a window off its grid
                if (e instanceof NumberFormatException) {
                    throw e;
                }
                throw new IllegalArgumentException("corrupt aggregator state: " + e.getMessage(), e);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("corrupt aggregator state: " + e.getMessage(), e);
        }
    }

    /** Reads one line of a track into {@code track}. */
    private static void readEntry(TrackBuilder track, String kind, String line) {
        switch (kind) {
            case "pending" -> track.pending.add(fix(fields(line, kind, 2)[1]));
            case "last" -> track.last = fix(fields(line, kind, 2)[1]);
            case "highest" -> track.highest = fix(fields(line, kind, 2)[1]);
            case "window" -> {
                String[] f = fields(line, kind, 7);
                track.window = new AggregatorState.OpenWindow(Long.parseLong(f[1]), Double.parseDouble(f[2]),
                        Long.parseLong(f[3]), Double.parseDouble(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]));
            }
            case "orbit" -> {
                String[] f = fields(line, kind, 8);
                track.orbit = new AggregatorState.OrbitProgress(Long.parseLong(f[1]), fix(f[6]), fix(f[7]),
                        Long.parseLong(f[2]), Integer.parseInt(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]));
            }
            default -> throw new IllegalArgumentException("unknown entry '" + kind + "'");
        }
    }

    private static String fix(Fix fix) {
        return fix.satelliteId() + "," + fix.eventMicros() + "," + fix.latitude() + "," + fix.longitude() + "," + fix.altitudeKm();
    }

    private static Fix fix(String text) {
        String[] f = text.split(",");
        if (f.length != 5) {
            throw new IllegalArgumentException("corrupt fix '" + text + "'");
        }
        return new Fix(Long.parseLong(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]));
    }

    private static Duration micros(String text) {
        return Duration.of(Long.parseLong(text), ChronoUnit.MICROS);
    }

    private static String[] fields(String line, String kind, int count) {
        String[] f = line.split(" ");
        if (f.length != count || !f[0].equals(kind)) {
            throw new IllegalArgumentException("corrupt aggregator state line '" + line + "' (expected " + kind + ")");
        }
        return f;
    }

    private static final class TrackBuilder {
        final long satelliteId;
        final long abandonedOrbits;
        final List<Fix> pending = new ArrayList<>();
        AggregatorState.OpenWindow window;
        Fix last;
        Fix highest;
        AggregatorState.OrbitProgress orbit;

        TrackBuilder(long satelliteId, long abandonedOrbits) {
            this.satelliteId = satelliteId;
            this.abandonedOrbits = abandonedOrbits;
        }

        AggregatorState.Track build() {
            return new AggregatorState.Track(satelliteId, pending, window, last, orbit, highest, abandonedOrbits);
        }
    }
}
