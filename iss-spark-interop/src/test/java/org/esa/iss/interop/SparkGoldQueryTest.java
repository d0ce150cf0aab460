package org.esa.iss.interop;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.esa.iss.domain.AltitudeWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original system's gold query — Structured Streaming, {@code withWatermark("event_time", "10 seconds")},
 * {@code groupBy(window("event_time", "5 seconds")).agg(max("altitude"), min("altitude"))}, append mode — run
 * in Spark over our bronze table, compared window by window with the gold table our refiner wrote.
 *
 * <p>Two differences from the original query, both on purpose: a sample count is added (our gold has one),
 * and fixes are de-duplicated by satellite and timestamp first, because our gold counts a fix that the 2 Hz
 * poller delivered twice once. Neither changes a window's max or min. The original grouped by window only;
 * bronze here holds one satellite, so that equals our per-satellite windows.
 */
@Tag("interop")
class SparkGoldQueryTest {
    private static final long WATERMARK_DELAY_SECONDS = 10;

    @TempDir
    static Path dir;
    static WrittenTables written;
    static SparkSession spark;

    /** One window as both sides can state it. */
    record Window(Instant start, Instant end, double maxAltitude, double minAltitude, long samples) {
        static Window of(AltitudeWindow w) {
            return new Window(w.start(), w.end(), w.maxAltitudeKm(), w.minAltitudeKm(), w.samples());
        }

        /** A row of the query below: window struct, max, min, count. */
        static Window of(Row row) {
            Row window = row.getStruct(0);
            return new Window(window.getAs("start"), window.getAs("end"), row.getDouble(1), row.getDouble(2), row.getLong(3));
        }
    }

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

    private static List<Window> ours() {
        return windowsOf(written);
    }

    /** The windows our refiner committed, in time order. */
    static List<Window> windowsOf(WrittenTables tables) {
        return tables.windows().stream().map(Window::of).sorted(Comparator.comparing(Window::start)).toList();
    }

    /** The aggregation of the original job, over already de-duplicated fixes. */
    static Dataset<Row> altitudeWindows(Dataset<Row> fixes) {
        return fixes.groupBy(window(col("event_time"), "5 seconds"))
                .agg(max("altitude").as("max_altitude"), min("altitude").as("min_altitude"), count(lit(1)).as("samples"));
    }

    /**
     * Runs the original job's query as a stream over {@code bronze}, {@code filesPerTrigger} files per micro-batch, to
     * the end of what the table holds, into the in-memory table {@code name}. event_time is part of the
     * de-duplication key (it is the timestamp again) so that the watermark can expire the de-duplication state.
     */
    static StreamingQuery streamWindows(SparkSession spark, Path bronze, int filesPerTrigger, String name, Path checkpoint)
            throws TimeoutException, StreamingQueryException {
        Dataset<Row> fixes = spark.readStream().format("delta").option("maxFilesPerTrigger", String.valueOf(filesPerTrigger))
                .load(bronze.toString())
                .withWatermark("event_time", WATERMARK_DELAY_SECONDS + " seconds")
                .dropDuplicates("id", "timestamp", "event_time");
        StreamingQuery query = altitudeWindows(fixes).writeStream()
                .format("memory").queryName(name)
                .outputMode("append")
                .trigger(Trigger.AvailableNow())
                .option("checkpointLocation", checkpoint.toString())
                .start();
        query.awaitTermination();
        assertThat(query.exception().isEmpty()).isTrue();
        return query;
    }

    /** The windows a stream wrote to the in-memory table {@code name}, in time order. */
    static List<Window> windowsIn(SparkSession spark, String name) {
        return spark.table(name).orderBy("window.start").collectAsList().stream().map(Window::of).toList();
    }

    @Test
    void batchQueryFinalizesTheWindowsOurGoldHolds() {
        Dataset<Row> bronze = spark.read().format("delta").load(written.bronzeDir().toString());
        // In a batch query withWatermark drops nothing and every window is output. Append mode would have
        // output a window once the watermark (max event time - 10 s) reached its end; at the end of the input
        // that leaves exactly the windows ending at or before max(event_time) - 10 s. The rest are still open,
        // in Spark's state as in our aggregator's.
        Instant maxEventTime = bronze.agg(max("event_time")).first().getAs(0);
        Instant watermark = maxEventTime.minusSeconds(WATERMARK_DELAY_SECONDS);
        List<Window> spark = altitudeWindows(bronze.dropDuplicates("id", "timestamp"))
                .where(col("window.end").leq(lit(watermark)))
                .orderBy("window.start")
                .collectAsList().stream().map(Window::of).toList();

        assertThat(spark).hasSizeGreaterThan(2000).containsExactlyElementsOf(ours());
        // the de-duplication mattered: every fifth fix was delivered twice
        assertThat(bronze.count()).isGreaterThan(bronze.dropDuplicates("id", "timestamp").count());
    }

    @Test
    void streamingQueryInAppendModeEmitsTheWindowsOurGoldHolds() throws TimeoutException, StreamingQueryException {
        // Bronze read as a stream, a few files per micro-batch, so that the watermark moves batch by batch as it
        // did in the original deployment.
        StreamingQuery query = streamWindows(spark, written.bronzeDir(), 6, "spark_altitude_windows",
                dir.resolve("streaming-checkpoint"));
        List<Window> streamed = windowsIn(spark, "spark_altitude_windows");
        StreamingQueryProgress[] progress = query.recentProgress();
        assertThat(Arrays.stream(progress).filter(p -> p.numInputRows() > 0).count()).as("micro-batches with data")
                .isGreaterThan(1);

        // Spark moves the watermark between micro-batches, not per event: a batch outputs the windows that end at
        // or before the watermark computed from the batches before it. Windows whose end falls after the last
        // batch's watermark stay in Spark's state. When the input ends, Spark runs one more batch without data
        // if that moves the watermark (spark.sql.streaming.noDataMicroBatches.enabled, true by default, also
        // under AvailableNow), so it ends with the same watermark as our aggregator, max(event_time) - 10 s,
        // and the same windows. Were that batch skipped, Spark would output fewer windows: exactly ours that
        // end at or before the last watermark it used. That is what is asserted, then that the two coincide.
        Instant lastWatermark = Instant.parse(progress[progress.length - 1].eventTime().get("watermark"));
        List<Window> oursUpToSparksWatermark = ours().stream().filter(w -> !w.end().isAfter(lastWatermark)).toList();
        assertThat(streamed).hasSizeGreaterThan(2000).containsExactlyElementsOf(oursUpToSparksWatermark);

        Instant maxEventTime = Instant.ofEpochSecond(written.bronze().get(written.bronze().size() - 1).telemetry().timestamp());
        assertThat(lastWatermark).isEqualTo(maxEventTime.minusSeconds(WATERMARK_DELAY_SECONDS));
        assertThat(streamed).containsExactlyElementsOf(ours());
        System.out.printf("streaming: %d micro-batches (%d with data), %d windows; bronze %d rows, gold %d windows%n",
                progress.length, Arrays.stream(progress).filter(p -> p.numInputRows() > 0).count(), streamed.size(),
                written.bronze().size(), written.windows().size());
    }
}
