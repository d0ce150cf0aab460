package org.esa.iss.interop;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.QuarantinedRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark 4.0 with delta-spark opens the tables our adapters wrote and sees what we wrote: row counts,
 * column names and types, partition values, the values themselves.
 */
@Tag("interop")
class SparkReadsTablesTest {
    @TempDir
    static Path dir;
    static WrittenTables written;
    static SparkSession spark;

    @BeforeAll
    static void writeTablesAndStartSpark() throws InterruptedException {
        written = WrittenTables.writeUnder(dir.resolve("delta"));
        spark = LocalSpark.start(dir);
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static Dataset<Row> delta(Path table) {
        return spark.read().format("delta").load(table.toString());
    }

    /** "name:type" per column, in table order, in Spark's own type names. */
    private static List<String> columns(StructType schema) {
        return Arrays.stream(schema.fields()).map(f -> f.name() + ":" + f.dataType().simpleString()).toList();
    }

    @Test
    void bronzeHasEveryRowInItsEventDatePartition() {
        Dataset<Row> bronze = delta(written.bronzeDir());
        assertThat(bronze.count()).isEqualTo(written.bronze().size());

        Map<LocalDate, Long> perDate = new LinkedHashMap<>();
        for (Row row : bronze.groupBy("event_date").count().orderBy("event_date").collectAsList()) {
            perDate.put(row.getAs("event_date"), row.getAs("count"));
        }
        assertThat(perDate).hasSize(2).containsExactlyEntriesOf(written.bronzeRowsPerDate());
        // a filter on the partition column reads that directory only, and gets the same rows
        LocalDate second = LocalDate.parse("2024-04-26");
        Dataset<Row> pruned = bronze.where(col("event_date").equalTo(org.apache.spark.sql.functions.lit(second)));
        assertThat(pruned.count()).isEqualTo(written.bronzeRowsPerDate().get(second));
        assertThat(pruned.inputFiles()).isNotEmpty().allMatch(path -> path.contains("event_date=2024-04-26"));
    }

    @Test
    void bronzeSchemaIsTheDesignedOne() {
        assertThat(columns(delta(written.bronzeDir()).schema())).containsExactly(
                "id:bigint", "name:string", "latitude:double", "longitude:double", "altitude:double",
                "velocity:double", "visibility:string", "footprint:double", "timestamp:bigint", "daynum:double",
                "solar_lat:double", "solar_lon:double", "units:string", "event_time:timestamp", "source:string",
                "kafka_topic:string", "kafka_partition:int", "kafka_offset:bigint", "kafka_timestamp:timestamp",
                "ingested_at:timestamp", "event_date:date");

        Row detail = spark.sql("DESCRIBE DETAIL delta.`" + written.bronzeDir() + "`").first();
        assertThat((Integer) detail.getAs("minReaderVersion")).isEqualTo(1);
        assertThat((Integer) detail.getAs("minWriterVersion")).isEqualTo(2);
        assertThat(detail.<String>getList(detail.fieldIndex("partitionColumns"))).containsExactly("event_date");
    }

    @Test
    void bronzeValuesAreOurs() {
        Dataset<Row> bronze = delta(written.bronzeDir());
        Row extremes = bronze.agg(max("altitude"), min("altitude")).first();
        assertThat(extremes.getDouble(0)).isEqualTo(written.maxAltitude());
        assertThat(extremes.getDouble(1)).isEqualTo(
                written.bronze().stream().mapToDouble(r -> r.telemetry().altitude()).min().orElseThrow());

        // event_time is the API timestamp as a Spark timestamp, to the microsecond
        assertThat(bronze.where("unix_micros(event_time) <> timestamp * 1000000").count()).isZero();
        assertThat(bronze.where("to_date(event_time) <> event_date").count()).isZero();

        // every row, field by field (ingested_at is the commit's time: only checked for being recent)
        List<Row> rows = bronze.orderBy("kafka_offset").collectAsList();
        assertThat(rows).hasSize(written.bronze().size());
        Instant startedBefore = Instant.now().minusSeconds(3600);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            BronzeRecord expected = written.bronze().get(i);
            Telemetry t = expected.telemetry();
            assertThat(List.<Object>of(row.getAs("id"), row.getAs("name"), row.getAs("latitude"), row.getAs("longitude"),
                    row.getAs("altitude"), row.getAs("velocity"), row.getAs("visibility"), row.getAs("footprint"),
                    row.getAs("timestamp"), row.getAs("daynum"), row.getAs("solar_lat"), row.getAs("solar_lon"),
                    row.getAs("units"), row.getAs("event_time"), row.getAs("source"), row.getAs("kafka_topic"),
                    row.getAs("kafka_partition"), row.getAs("kafka_offset"), row.getAs("kafka_timestamp")))
                    .as("bronze row at offset %d", expected.offset())
                    .containsExactly(t.satelliteId(), t.name(), t.latitude(), t.longitude(), t.altitude(), t.velocity(),
                            t.visibility().apiName(), t.footprint(), t.timestamp(), t.dayNumber(), t.solarLatitude(),
                            t.solarLongitude(), t.units().apiName(), Instant.ofEpochSecond(t.timestamp()),
                            expected.source(), expected.partition().topic(), expected.partition().partition(),
                            expected.offset(), Instant.ofEpochMilli(expected.timestampMs()));
            assertThat(row.<Instant>getAs("ingested_at")).isAfter(startedBefore);
        }
    }

    @Test
    void quarantineKeepsRawBytesAndErrors() {
        Dataset<Row> quarantine = delta(written.quarantineDir());
        assertThat(columns(quarantine.schema())).containsExactly(
                "key:binary", "value:binary", "error:string", "kafka_topic:string", "kafka_partition:int",
                "kafka_offset:bigint", "kafka_timestamp:timestamp", "headers:string", "source:string",
                "ingested_at:timestamp", "ingest_date:date");
        assertThat(quarantine.count()).isEqualTo(written.quarantined().size()).isGreaterThanOrEqualTo(4);

        List<Row> rows = quarantine.orderBy("kafka_offset").collectAsList();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            QuarantinedRecord expected = written.quarantined().get(i);
            assertThat((Long) row.getAs("kafka_offset")).isEqualTo(expected.raw().offset());
            assertThat((byte[]) row.getAs("key")).isEqualTo(expected.raw().key());
            // a tombstone stays null, not an empty array
            assertThat((byte[]) row.getAs("value")).isEqualTo(expected.raw().value());
            assertThat((String) row.getAs("error")).isEqualTo(expected.error());
            assertThat((String) row.getAs("source")).isEqualTo("simulator");
            assertThat((Instant) row.getAs("kafka_timestamp")).isEqualTo(Instant.ofEpochMilli(expected.raw().timestampMs()));
            assertThat((String) row.getAs("headers")).contains("\"source\":\"simulator\"");
        }
        assertThat(rows).anySatisfy(row -> assertThat((byte[]) row.getAs("value")).isNull());
        assertThat(rows).anySatisfy(row -> assertThat(new String((byte[]) row.getAs("value"), StandardCharsets.UTF_8))
                .contains("\"latitude\":123.5"));
    }

    @Test
    void goldTablesHoldWhatTheRefinerCommitted() {
        Dataset<Row> windows = delta(written.windowsDir());
        assertThat(columns(windows.schema())).containsExactly(
                "satellite_id:bigint", "window_start:timestamp", "window_end:timestamp", "max_altitude_km:double",
                "max_at:timestamp", "min_altitude_km:double", "min_at:timestamp", "samples:bigint");
        assertThat(windows.count()).isEqualTo(written.refined().windows()).isEqualTo(written.windows().size());

        List<AltitudeWindow> read = new ArrayList<>();
        for (Row row : windows.orderBy("window_start").collectAsList()) {
            read.add(new AltitudeWindow(row.getAs("satellite_id"), row.getAs("window_start"), row.getAs("window_end"),
                    row.getAs("max_altitude_km"), row.getAs("max_at"), row.getAs("min_altitude_km"), row.getAs("min_at"),
                    row.getAs("samples")));
        }
        assertThat(read).containsExactlyElementsOf(
                written.windows().stream().sorted(Comparator.comparing(AltitudeWindow::start)).toList());
        // the all-time highest altitude, as a query over gold, is bronze's highest finalized altitude
        assertThat(windows.agg(max("max_altitude_km")).first().getDouble(0)).isLessThanOrEqualTo(written.maxAltitude());

        Dataset<Row> orbits = delta(written.orbitsDir());
        assertThat(orbits.count()).isEqualTo(written.refined().orbits()).isGreaterThanOrEqualTo(1);
        assertThat(Arrays.stream(orbits.schema().fields()).map(StructField::name))
                .contains("orbit_start", "orbit_end", "period_s", "apogee_km", "perigee_km", "coverage");
        // an ISS revolution lasts about 92.9 minutes
        Row periods = orbits.agg(min("period_s"), max("period_s")).first();
        assertThat(periods.getDouble(0)).isBetween(5500.0, 5650.0);
        assertThat(periods.getDouble(1)).isBetween(5500.0, 5650.0);
    }
}
