package org.esa.iss.app.gold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.esa.iss.adapter.delta.DeltaBronzeTable;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.FeedPartition;

/**
 * Writes deliveries into a real bronze Delta table the way the ingester does: consecutive offsets of one
 * partition, flushed in appends of uneven size, each commit recording the last offset it holds.
 */
final class BronzeFixture {
    static final FeedPartition PARTITION = new FeedPartition("iss", 0);
    private static final String SOURCE = "simulator";

    private final DeltaBronzeTable table;
    private long nextOffset;

    private BronzeFixture(String dir) {
        this.table = new DeltaBronzeTable(dir);
        Long last = table.lastOffsets().get(PARTITION);
        this.nextOffset = last == null ? 0 : last + 1;
    }

    /** The bronze table at {@code dir}, created by the first append if it does not exist. */
    static BronzeFixture at(String dir) {
        return new BronzeFixture(dir);
    }

    /** Appends {@code fixes} in {@code commits} appends cut at random places; returns the versions committed. */
    int appendIn(List<Telemetry> fixes, int commits, long seed) {
        List<List<Telemetry>> batches = batches(fixes, commits, seed);
        batches.forEach(this::append);
        return batches.size();
    }

    /** {@code fixes} cut at random places into at most {@code commits} non-empty batches, in order. */
    static List<List<Telemetry>> batches(List<Telemetry> fixes, int commits, long seed) {
        Random random = new Random(seed);
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < commits; i++) {
            cuts.add(random.nextInt(fixes.size()));
        }
        cuts.add(fixes.size());
        cuts.sort(null);
        List<List<Telemetry>> batches = new ArrayList<>(commits);
        int from = 0;
        for (int cut : cuts) {
            if (cut > from) {
                batches.add(fixes.subList(from, cut));
                from = cut;
            }
        }
        return batches;
    }

    /** Makes the log entries of the bronze table at {@code dir} look {@code age} old to its clean-up. */
    static void backdateLog(String dir, Duration age) throws IOException {
        FileTime then = FileTime.from(Instant.now().minus(age));
        try (Stream<Path> files = Files.list(Path.of(dir, "_delta_log"))) {
            for (Path file : files.filter(f -> Character.isDigit(f.getFileName().toString().charAt(0))).toList()) {
                Files.setLastModifiedTime(file, then);
            }
        }
    }

    /** The first version left in the log of the bronze table at {@code dir}. */
    static long firstLogVersion(String dir) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(dir, "_delta_log"))) {
            return files.map(f -> f.getFileName().toString()).filter(name -> Character.isDigit(name.charAt(0)))
                    .mapToLong(name -> Long.parseLong(name.substring(0, 20))).min().orElseThrow();
        }
    }

    /** One bronze commit holding {@code fixes} at the next offsets. */
    void append(List<Telemetry> fixes) {
        List<BronzeRecord> rows = new ArrayList<>(fixes.size());
        for (Telemetry fix : fixes) {
            rows.add(new BronzeRecord(fix, PARTITION, nextOffset++, fix.timestamp() * 1000 + 300, SOURCE));
        }
        table.append(rows, Map.of(PARTITION, nextOffset - 1));
    }
}
