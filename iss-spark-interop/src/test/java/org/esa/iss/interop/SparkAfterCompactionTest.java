package org.esa.iss.interop;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.esa.iss.adapter.delta.DeltaCompaction;
import org.esa.iss.adapter.delta.DeltaTableOptions;
import org.esa.iss.interop.SparkGoldQueryTest.Window;
import org.esa.iss.ports.out.BronzeRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bronze as Spark meets it once {@code iss} has compacted it: the first event date's files merged into one, the
 * second's (fewer) left as they are. A new stream still reads the merged day before the next one, and skipping files
 * by their statistics (the merged file's included) never loses a matching row.
 */
@Tag("interop")
class SparkAfterCompactionTest {
    @TempDir
    static Path dir;
    static WrittenTables written;
    static DeltaCompaction.Result compacted;
    static SparkSession spark;

    @BeforeAll
    static void writeCompactAndStartSpark() throws InterruptedException {
        written = WrittenTables.writeUnder(dir.resolve("delta"));
        // five or more files of a partition merge, without size tiers: the first date has about thirteen, the second three
        compacted = new DeltaCompaction(written.bronzeDir().toString(), DeltaTableOptions.defaults(),
                new DeltaCompaction.Options(128L << 20, 5)).compact();
        spark = LocalSpark.start(dir);
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void aNewStreamReadsTheMergedDayBeforeTheFilesOfTheNext() throws Exception {
        Map<String, Long> filesPerDate = spark.read().format("delta").load(written.bronzeDir().toString())
                .select(col("event_date").cast("string").as("date"), input_file_name().as("file")).distinct()
                .groupBy("date").count().collectAsList().stream()
                .collect(Collectors.toMap(row -> row.getString(0), row -> row.getLong(1)));
        assertThat(compacted.filesAdded()).isEqualTo(1);
        assertThat(filesPerDate.get("2024-04-25")).as("the first day, merged").isEqualTo(1);
        assertThat(filesPerDate.get("2024-04-26")).as("the next, as written").isBetween(2L, 4L);

        // One file per micro-batch: a stream whose first batches were the next day's would have its watermark past
        // the whole first day, and drop it as late.
        SparkGoldQueryTest.streamWindows(spark, written.bronzeDir(), 1, "windows_after_compaction",
                dir.resolve("streaming-checkpoint"));
        List<Window> streamed = SparkGoldQueryTest.windowsIn(spark, "windows_after_compaction");
        assertThat(streamed).hasSizeGreaterThan(2000).containsExactlyElementsOf(SparkGoldQueryTest.windowsOf(written));
    }

    /**
     * Each filter is counted by Spark with file skipping by statistics on, and compared with the rows written: a
     * bound written too tight (a timestamp rounded the wrong way, say) would skip a file holding a match.
     */
    @Test
    void skippingFilesByTheirStatisticsKeepsEveryMatchingRow() {
        Dataset<Row> bronze = spark.read().format("delta").load(written.bronzeDir().toString());
        List<BronzeRecord> rows = written.bronze();
        BronzeRecord first = rows.get(0);
        BronzeRecord middle = rows.get(rows.size() / 2);
        BronzeRecord last = rows.get(rows.size() - 1);
        Instant lastTime = Instant.ofEpochSecond(last.telemetry().timestamp());

        assertSameCount(bronze, col("event_time").equalTo(lit(Instant.ofEpochSecond(first.telemetry().timestamp()))),
                r -> r.telemetry().timestamp() == first.telemetry().timestamp());
        assertSameCount(bronze, col("event_time").geq(lit(lastTime)), r -> r.telemetry().timestamp() >= lastTime.getEpochSecond());
        assertSameCount(bronze, col("kafka_offset").equalTo(lit(middle.offset())), r -> r.offset() == middle.offset());
        assertSameCount(bronze, col("kafka_offset").gt(lit(last.offset() - 3)), r -> r.offset() > last.offset() - 3);
        assertSameCount(bronze, col("altitude").equalTo(lit(middle.telemetry().altitude())),
                r -> r.telemetry().altitude() == middle.telemetry().altitude());
        assertSameCount(bronze, col("latitude").lt(lit(-51.0)), r -> r.telemetry().latitude() < -51.0);
        assertSameCount(bronze, col("name").equalTo(lit("iss")), r -> true);
        assertSameCount(bronze, col("name").equalTo(lit("issx")), r -> false);
    }

    private static void assertSameCount(Dataset<Row> bronze, Column filter, Predicate<BronzeRecord> written) {
        long expected = SparkAfterCompactionTest.written.bronze().stream().filter(written).count();
        assertThat(bronze.where(filter).count()).as("rows where %s", filter).isEqualTo(expected);
    }
}
