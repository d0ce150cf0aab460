package org.esa.iss.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.esa.iss.adapter.delta.DeltaBronzeTable;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.FeedPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The bronze write path through its public API, {@link DeltaBronzeTable#append}: a large batch (as when
 * draining a backlog) shows the Parquet encode cost per row, since the one commit is spread over the batch;
 * a one-row append (as a live commit) shows the fixed cost of a Delta commit. Each trial starts a fresh
 * table in a temporary directory; the table grows by one file per append during the trial, as it would live.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BronzeAppendBenchmark {
    /** Rows per large append; the ingester commits at most 250,000 at a time. */
    public static final int BATCH = 100_000;
    private static final FeedPartition PARTITION = new FeedPartition("iss", 0);

    private Path dir;
    private DeltaBronzeTable table;
    private Telemetry[] samples;
    private long offset;

    @Setup(Level.Trial)
    public void createTable() throws IOException {
        samples = SampleTelemetry.seconds(BATCH);
        dir = Files.createTempDirectory("iss-bench-bronze-");
        table = new DeltaBronzeTable(dir.resolve("bronze").toString());
        table.lastOffsets();
        offset = 0;
    }

    @TearDown(Level.Trial)
    public void deleteTable() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Per row of a 100,000-row append: Parquet encode plus 1/100,000 of a commit. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void appendLargeBatch() {
        append(BATCH);
    }

    /** One Delta commit carrying a single row. */
    @Benchmark
    public void appendOneRow() {
        append(1);
    }

    private void append(int rows) {
        List<BronzeRecord> batch = new ArrayList<>(rows);
        long timestampMs = System.currentTimeMillis();
        for (int i = 0; i < rows; i++) {
            batch.add(new BronzeRecord(samples[(int) (offset % BATCH)], PARTITION, offset, timestampMs, "simulator"));
            offset++;
        }
        table.append(batch, Map.of(PARTITION, offset - 1));
    }
}
