package org.esa.iss.adapter.delta;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.RecordConsumer;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Micros;
import org.esa.iss.domain.Orbit;

/**
 * The two gold tables, unpartitioned (a day of windows is ~17k rows, a day of orbits 16). Interval columns
 * are named {@code window_start}/{@code orbit_start} rather than {@code start}/{@code end}, which are SQL
 * keywords and would need quoting in every Spark query.
 */
final class GoldLayouts {
    static final String WINDOWS = "altitude_windows";
    static final String ORBITS = "orbits";

    static final TableLayout WINDOWS_LAYOUT;
    static final TableLayout ORBITS_LAYOUT;

    static {
        Schemas w = new Schemas().longColumn("satellite_id").timestampColumn("window_start").timestampColumn("window_end")
                .doubleColumn("max_altitude_km").timestampColumn("max_at").doubleColumn("min_altitude_km")
                .timestampColumn("min_at").longColumn("samples");
        WINDOWS_LAYOUT = new TableLayout(WINDOWS, w.deltaSchema(), w.parquetSchema(), Optional.empty(), Set.of());
        Schemas o = new Schemas().longColumn("satellite_id").timestampColumn("orbit_start").timestampColumn("orbit_end")
                .doubleColumn("period_s").doubleColumn("apogee_km").timestampColumn("apogee_at").doubleColumn("apogee_lat")
                .doubleColumn("apogee_lon").doubleColumn("perigee_km").timestampColumn("perigee_at")
                .doubleColumn("perigee_lat").doubleColumn("perigee_lon").longColumn("samples").intColumn("gaps")
                .doubleColumn("longest_gap_s").doubleColumn("coverage");
        ORBITS_LAYOUT = new TableLayout(ORBITS, o.deltaSchema(), o.parquetSchema(), Optional.empty(), Set.of());
    }

    private GoldLayouts() {
    }

    /** {@code altitude_windows} rows split into columns for {@link ColumnarFile}. */
    static final class WindowColumns implements ColumnarEncoder<AltitudeWindow> {
        private final ColumnBuffer.Longs satelliteId;
        private final ColumnBuffer.Longs windowStart;
        private final ColumnBuffer.Longs windowEnd;
        private final ColumnBuffer.Doubles maxAltitude;
        private final ColumnBuffer.Longs maxAt;
        private final ColumnBuffer.Doubles minAltitude;
        private final ColumnBuffer.Longs minAt;
        private final ColumnBuffer.Longs samples;
        private final List<ColumnBuffer> columns;

        WindowColumns() {
            List<ColumnDescriptor> d = WINDOWS_LAYOUT.parquetSchema().getColumns();
            columns = List.of(satelliteId = new ColumnBuffer.Longs(d.get(0)), windowStart = new ColumnBuffer.Longs(d.get(1)),
                    windowEnd = new ColumnBuffer.Longs(d.get(2)), maxAltitude = new ColumnBuffer.Doubles(d.get(3)),
                    maxAt = new ColumnBuffer.Longs(d.get(4)), minAltitude = new ColumnBuffer.Doubles(d.get(5)),
                    minAt = new ColumnBuffer.Longs(d.get(6)), samples = new ColumnBuffer.Longs(d.get(7)));
        }

        @Override
        public List<ColumnBuffer> columns() {
            return columns;
        }

        @Override
        public void add(AltitudeWindow w, long writeMicros) {
            satelliteId.add(w.satelliteId());
            windowStart.add(Micros.of(w.start()));
            windowEnd.add(Micros.of(w.end()));
            maxAltitude.add(w.maxAltitudeKm());
            maxAt.add(Micros.of(w.maxAt()));
            minAltitude.add(w.minAltitudeKm());
            minAt.add(Micros.of(w.minAt()));
            samples.add(w.samples());
        }
    }

    /** Reads {@code altitude_windows} rows. */
    static AltitudeWindow readWindow(Group g) {
        return new AltitudeWindow(g.getLong("satellite_id", 0), instant(g, "window_start"), instant(g, "window_end"),
                g.getDouble("max_altitude_km", 0), instant(g, "max_at"), g.getDouble("min_altitude_km", 0),
                instant(g, "min_at"), g.getLong("samples", 0));
    }

    /** Writes and reads {@code orbits} rows. */
    static final class Orbits implements RowEncoder<Orbit> {
        @Override
        public String partitionValue(Orbit row, long commitMicros) {
            return null;
        }

        @Override
        public void write(Orbit o, RecordConsumer out, long commitMicros) {
            Fields.putLong(out, "satellite_id", 0, o.satelliteId());
            Fields.putLong(out, "orbit_start", 1, Micros.of(o.start()));
            Fields.putLong(out, "orbit_end", 2, Micros.of(o.end()));
            Fields.putDouble(out, "period_s", 3, Micros.of(o.period()) / 1e6);
            Fields.putDouble(out, "apogee_km", 4, o.apogee().altitudeKm());
            Fields.putLong(out, "apogee_at", 5, o.apogee().eventMicros());
            Fields.putDouble(out, "apogee_lat", 6, o.apogee().latitude());
            Fields.putDouble(out, "apogee_lon", 7, o.apogee().longitude());
            Fields.putDouble(out, "perigee_km", 8, o.perigee().altitudeKm());
            Fields.putLong(out, "perigee_at", 9, o.perigee().eventMicros());
            Fields.putDouble(out, "perigee_lat", 10, o.perigee().latitude());
            Fields.putDouble(out, "perigee_lon", 11, o.perigee().longitude());
            Fields.putLong(out, "samples", 12, o.samples());
            Fields.putInt(out, "gaps", 13, o.gaps());
            Fields.putDouble(out, "longest_gap_s", 14, Micros.of(o.longestGap()) / 1e6);
            Fields.putDouble(out, "coverage", 15, o.coverage());
        }

        static Orbit read(Group g) {
            long satellite = g.getLong("satellite_id", 0);
            Fix apogee = new Fix(satellite, g.getLong("apogee_at", 0), g.getDouble("apogee_lat", 0),
                    g.getDouble("apogee_lon", 0), g.getDouble("apogee_km", 0));
            Fix perigee = new Fix(satellite, g.getLong("perigee_at", 0), g.getDouble("perigee_lat", 0),
                    g.getDouble("perigee_lon", 0), g.getDouble("perigee_km", 0));
            Duration longestGap = Duration.of(Math.round(g.getDouble("longest_gap_s", 0) * 1e6), ChronoUnit.MICROS);
            return new Orbit(satellite, instant(g, "orbit_start"), instant(g, "orbit_end"), apogee, perigee,
                    g.getLong("samples", 0), g.getInteger("gaps", 0), longestGap, g.getDouble("coverage", 0));
        }
    }

    private static Instant instant(Group g, String field) {
        return Micros.toInstant(g.getLong(field, 0));
    }
}
