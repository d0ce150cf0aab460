package org.esa.iss.adapter.delta;

import java.util.Optional;
import java.util.Set;
import org.apache.parquet.io.api.RecordConsumer;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.out.BronzeRecord;

/**
 * The bronze table {@code iss_telemetry}: the API's fields as received, then lineage, partitioned by the
 * event's UTC date.
 *
 * <p>{@code event_date} is a Delta {@code date} (its value is {@code yyyy-MM-dd} in the path and the log):
 * Spark reads it back as a DateType partition, so {@code event_date >= '2024-05-01'} prunes directories by
 * date comparison, where a string column would compare text and surprise nobody only by luck.
 */
final class BronzeLayout {
    static final String NAME = "iss_telemetry";
    static final String PARTITION = "event_date";

    static final TableLayout LAYOUT;

    static {
        Schemas s = new Schemas()
                .longColumn("id").stringColumn("name").doubleColumn("latitude").doubleColumn("longitude")
                .doubleColumn("altitude").doubleColumn("velocity").stringColumn("visibility").doubleColumn("footprint")
                .longColumn("timestamp").doubleColumn("daynum").doubleColumn("solar_lat").doubleColumn("solar_lon")
                .stringColumn("units").timestampColumn("event_time").stringColumn("source").stringColumn("kafka_topic")
                .intColumn("kafka_partition").longColumn("kafka_offset").timestampColumn("kafka_timestamp")
                .timestampColumn("ingested_at").partitionDateColumn(PARTITION);
        LAYOUT = new TableLayout(NAME, s.deltaSchema(), s.parquetSchema(), Optional.of(PARTITION),
                Set.of("name", "visibility", "units", "source", "kafka_topic"));
    }

    private BronzeLayout() {
    }

    /** Writes bronze rows; field indexes follow the schema above. */
    static final class Encoder implements RowEncoder<BronzeRecord> {
        private final Fields.StringCache strings = new Fields.StringCache();
        private final Schemas.DayNames days = new Schemas.DayNames();

        @Override
        public String partitionValue(BronzeRecord row, long writeMicros) {
            return days.of(Math.floorDiv(row.telemetry().timestamp(), 86_400L));
        }

        @Override
        public void write(BronzeRecord row, RecordConsumer out, long writeMicros) {
            Telemetry t = row.telemetry();
            Fields.putLong(out, "id", 0, t.satelliteId());
            Fields.putBinary(out, "name", 1, strings.of(t.name()));
            Fields.putDouble(out, "latitude", 2, t.latitude());
            Fields.putDouble(out, "longitude", 3, t.longitude());
            Fields.putDouble(out, "altitude", 4, t.altitude());
            Fields.putDouble(out, "velocity", 5, t.velocity());
            Fields.putBinary(out, "visibility", 6, strings.of(t.visibility().apiName()));
            Fields.putDouble(out, "footprint", 7, t.footprint());
            Fields.putLong(out, "timestamp", 8, t.timestamp());
            Fields.putDouble(out, "daynum", 9, t.dayNumber());
            Fields.putDouble(out, "solar_lat", 10, t.solarLatitude());
            Fields.putDouble(out, "solar_lon", 11, t.solarLongitude());
            Fields.putBinary(out, "units", 12, strings.of(t.units().apiName()));
            Fields.putLong(out, "event_time", 13, t.timestamp() * 1_000_000L);
            Fields.putBinary(out, "source", 14, strings.of(row.source()));
            Fields.putBinary(out, "kafka_topic", 15, strings.of(row.partition().topic()));
            Fields.putInt(out, "kafka_partition", 16, row.partition().partition());
            Fields.putLong(out, "kafka_offset", 17, row.offset());
            Fields.putLong(out, "kafka_timestamp", 18, row.timestampMs() * 1_000L);
            Fields.putLong(out, "ingested_at", 19, writeMicros);
        }
    }
}
