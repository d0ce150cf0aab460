package org.esa.iss.adapter.delta;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
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

    /** Bronze rows split into columns for {@link ColumnarFile}, the way bronze files are written. */
    static final class Columns implements ColumnarEncoder<BronzeRecord> {
        private final ColumnBuffer.Longs id;
        private final ColumnBuffer.Strings name;
        private final ColumnBuffer.Doubles latitude;
        private final ColumnBuffer.Doubles longitude;
        private final ColumnBuffer.Doubles altitude;
        private final ColumnBuffer.Doubles velocity;
        private final ColumnBuffer.Strings visibility;
        private final ColumnBuffer.Doubles footprint;
        private final ColumnBuffer.Longs timestamp;
        private final ColumnBuffer.Doubles daynum;
        private final ColumnBuffer.Doubles solarLat;
        private final ColumnBuffer.Doubles solarLon;
        private final ColumnBuffer.Strings units;
        private final ColumnBuffer.Longs eventTime;
        private final ColumnBuffer.Strings source;
        private final ColumnBuffer.Strings kafkaTopic;
        private final ColumnBuffer.Ints kafkaPartition;
        private final ColumnBuffer.Longs kafkaOffset;
        private final ColumnBuffer.Longs kafkaTimestamp;
        private final ColumnBuffer.Longs ingestedAt;
        private final List<ColumnBuffer> columns;

        Columns() {
            List<ColumnDescriptor> d = LAYOUT.parquetSchema().getColumns();
            columns = List.of(
                    id = new ColumnBuffer.Longs(d.get(0)), name = new ColumnBuffer.Strings(d.get(1)),
                    latitude = new ColumnBuffer.Doubles(d.get(2)), longitude = new ColumnBuffer.Doubles(d.get(3)),
                    altitude = new ColumnBuffer.Doubles(d.get(4)), velocity = new ColumnBuffer.Doubles(d.get(5)),
                    visibility = new ColumnBuffer.Strings(d.get(6)), footprint = new ColumnBuffer.Doubles(d.get(7)),
                    timestamp = new ColumnBuffer.Longs(d.get(8)), daynum = new ColumnBuffer.Doubles(d.get(9)),
                    solarLat = new ColumnBuffer.Doubles(d.get(10)), solarLon = new ColumnBuffer.Doubles(d.get(11)),
                    units = new ColumnBuffer.Strings(d.get(12)), eventTime = new ColumnBuffer.Longs(d.get(13)),
                    source = new ColumnBuffer.Strings(d.get(14)), kafkaTopic = new ColumnBuffer.Strings(d.get(15)),
                    kafkaPartition = new ColumnBuffer.Ints(d.get(16)), kafkaOffset = new ColumnBuffer.Longs(d.get(17)),
                    kafkaTimestamp = new ColumnBuffer.Longs(d.get(18)), ingestedAt = new ColumnBuffer.Longs(d.get(19)));
        }

        @Override
        public List<ColumnBuffer> columns() {
            return columns;
        }

        @Override
        public void add(BronzeRecord row, long writeMicros) {
            Telemetry t = row.telemetry();
            id.add(t.satelliteId());
            name.add(t.name());
            latitude.add(t.latitude());
            longitude.add(t.longitude());
            altitude.add(t.altitude());
            velocity.add(t.velocity());
            visibility.add(t.visibility().apiName());
            footprint.add(t.footprint());
            timestamp.add(t.timestamp());
            daynum.add(t.dayNumber());
            solarLat.add(t.solarLatitude());
            solarLon.add(t.solarLongitude());
            units.add(t.units().apiName());
            eventTime.add(t.timestamp() * 1_000_000L);
            source.add(row.source());
            kafkaTopic.add(row.partition().topic());
            kafkaPartition.add(row.partition().partition());
            kafkaOffset.add(row.offset());
            kafkaTimestamp.add(row.timestampMs() * 1_000L);
            ingestedAt.add(writeMicros);
        }
    }

    /** Bronze files go by the event's UTC date. */
    static final class Partitioning implements DataFileWriter.Partitioner<BronzeRecord> {
        private final Schemas.DayNames days = new Schemas.DayNames();

        @Override
        public String partitionValue(BronzeRecord row, long writeMicros) {
            return days.of(Math.floorDiv(row.telemetry().timestamp(), 86_400L));
        }
    }
}
