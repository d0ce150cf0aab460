package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.esa.iss.adapter.delta.TestRecords.P0;
import static org.esa.iss.adapter.delta.TestRecords.START_SECONDS;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.actions.Metadata;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import io.delta.storage.LocalLogStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.esa.iss.ports.out.BronzeChangeLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table committed every second must not grow its log without bound: its retention is stated, its expired
 * entries go hour by hour, its checkpoints leave out files removed long ago, and listing the log reads only
 * the names Delta asks for.
 */
class LogRetentionTest {
    @TempDir
    Path dir;

    private String bronzeDir() {
        return dir.resolve("bronze").toString();
    }

    private Path logDir() {
        return dir.resolve("bronze").resolve("_delta_log");
    }

    private static void appendOne(DeltaBronzeTable table, Random random, long offset) {
        table.append(TestRecords.bronze(random, P0, offset, START_SECONDS + offset, 1), Map.of(P0, offset));
    }

    private Map<String, String> configuration() {
        return TableFiles.snapshot(bronzeDir()).getMetadata().getConfiguration();
    }

    @Test
    void newTablesStateTheirRetention() {
        appendOne(new DeltaBronzeTable(bronzeDir()), new Random(1), 0);

        assertThat(configuration())
                .containsEntry("delta.logRetentionDuration", "interval 2 hours")
                .containsEntry("delta.deletedFileRetentionDuration", "interval 2 hours")
                .containsEntry("delta.checkpointInterval", "10");
    }

    @Test
    void anOlderTableGetsTheRetentionItLacksWithItsNextCommitAndKeepsItsOwn() {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        Random random = new Random(2);
        appendOne(table, random, 0);
        // As a table written before retention was stated, with an operator's own log retention set in Spark.
        TableFiles.changeTableProperties(bronzeDir(),
                configuration -> Map.of("delta.checkpointInterval", "10", "delta.logRetentionDuration", "interval 3 days"));
        assertThat(configuration()).doesNotContainKey("delta.deletedFileRetentionDuration");

        appendOne(new DeltaBronzeTable(bronzeDir()), random, 1);

        assertThat(configuration())
                .containsEntry("delta.logRetentionDuration", "interval 3 days")
                .containsEntry("delta.deletedFileRetentionDuration", "interval 2 hours");
        assertThat(new DeltaBronzeTable(bronzeDir()).lastOffsets()).containsEntry(P0, 1L);
    }

    @Test
    void aWriterDeletesExpiredEntriesUpToTheLatestCheckpointAndTheTableStaysWhole() throws IOException {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        Random random = new Random(3);
        for (long offset = 0; offset < 36; offset++) { // versions 0..35, checkpoints at 10, 20 and 30
            appendOne(table, random, offset);
        }
        // Versions up to 25 were written a minute more than the two hours kept ago. (Delta's own clean-up, off in
        // these tables, would round its cutoff down to midnight and keep them.)
        TableFiles.backdate(logFiles().stream().filter(file -> version(file) <= 25).toList(),
                Duration.ofHours(2).plusMinutes(1));

        for (long offset = 36; offset <= 40; offset++) { // version 40 checkpoints, then cleans up
            appendOne(table, random, offset);
        }

        // Versions 20-25 stay as well: version 26, the first kept, is read from the checkpoint at 20.
        TreeSet<Long> versions = new TreeSet<>(logFiles().stream().map(LogRetentionTest::version).toList());
        assertThat(versions.first()).isEqualTo(20L);
        assertThat(versions.last()).isEqualTo(40L);
        assertThat(Files.exists(logDir().resolve("00000000000000000020.checkpoint.parquet"))).isTrue();
        assertThat(DeltaLog.forTable(new Configuration(), bronzeDir()).getSnapshotForVersionAsOf(26).getAllFiles()).hasSize(27);
        // Every row is still there, read by an independent reader and by a restarting writer.
        assertThat(TableFiles.rows(bronzeDir())).hasSize(41);
        assertThat(new DeltaBronzeTable(bronzeDir()).lastOffsets()).containsEntry(P0, 40L);
        // A refiner that had not read version 19 yet is told so, and how to recover, rather than skipping it.
        BronzeChangeLog changes = new DeltaBronzeChangeLog(bronzeDir());
        assertThat(changes.fixesAddedIn(30)).hasSize(1);
        assertThatThrownBy(() -> changes.fixesAddedIn(19))
                .isInstanceOf(BronzeChangeLog.BronzeHistoryMissing.class)
                .hasMessageContaining("bronze version 19");
    }

    @Test
    void aTableWhoseOperatorTurnedLogCleanUpOffKeepsItsWholeLog() throws IOException {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        Random random = new Random(6);
        appendOne(table, random, 0);
        // As set in Spark on a table from before the writers cleaned up themselves.
        TableFiles.changeTableProperties(bronzeDir(), configuration -> Map.of("delta.checkpointInterval", "10",
                "delta.enableExpiredLogCleanup", "false"));
        for (long offset = 1; offset < 15; offset++) {
            appendOne(table, random, offset);
        }
        TableFiles.backdate(logFiles(), Duration.ofDays(2));

        for (long offset = 15; offset < 25; offset++) { // through the checkpoint at version 20
            appendOne(table, random, offset);
        }

        assertThat(configuration()).doesNotContainKey(TableLayout.OWN_LOG_CLEANUP_KEY);
        assertThat(logFiles().stream().map(LogRetentionTest::version)).contains(0L, 1L, 19L);
    }

    @Test
    void aRetentionTheWritersCannotReadLeavesCleanUpToDelta() {
        Metadata stated = Metadata.builder().configuration(Map.of("delta.logRetentionDuration", "interval 1 day 12 hours")).build();

        assertThat(TableLayout.withHousekeeping(stated, true).getConfiguration())
                .doesNotContainKeys("delta.enableExpiredLogCleanup", TableLayout.OWN_LOG_CLEANUP_KEY);
        assertThat(TableLayout.withHousekeeping(Metadata.builder().build(), true).getConfiguration())
                .containsEntry("delta.enableExpiredLogCleanup", "false");
        assertThat(TableLayout.withHousekeeping(Metadata.builder().build(), false).getConfiguration())
                .doesNotContainKey("delta.enableExpiredLogCleanup");
    }

    @Test
    void cleanUpGoesOldestFirstBelowTheLatestCheckpointAndStopsAtTheFirstVersionStillKept() throws IOException {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir(), DeltaTableOptions.defaults());
        Random random = new Random(7);
        for (long offset = 0; offset < 25; offset++) { // versions 0..24, checkpoints at 10 and 20
            appendOne(table, random, offset);
        }
        Files.setLastModifiedTime(logDir().resolve("00000000000000000015.json"),
                FileTime.from(Instant.now().plus(Duration.ofHours(5))));
        Clock threeHoursOn = Clock.fixed(Instant.now().plus(Duration.ofHours(3)), ZoneOffset.UTC);

        int deleted = LogCleanup.run(logDir(), Duration.ofHours(2), threeHoursOn, Optional.empty());

        TreeSet<Long> versions = new TreeSet<>(logFiles().stream().map(LogRetentionTest::version).toList());
        // Version 15, the first kept, is read from the checkpoint at 10, which stays with the versions after it.
        assertThat(versions.first()).isEqualTo(10L);
        assertThat(deleted).isEqualTo(10);
        assertThat(DeltaLog.forTable(new Configuration(), bronzeDir()).getSnapshotForVersionAsOf(15).getAllFiles()).hasSize(16);
        assertThat(new DeltaBronzeTable(bronzeDir()).lastOffsets()).containsEntry(P0, 24L);
        assertThat(TableFiles.rows(bronzeDir())).hasSize(25);
    }

    @Test
    void entriesWithinTheRetentionStay() throws IOException {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        Random random = new Random(4);
        for (long offset = 0; offset < 41; offset++) {
            appendOne(table, random, offset);
        }

        assertThat(logFiles().stream().map(LogRetentionTest::version)).contains(0L, 40L).hasSize(41 + 4);
    }

    @Test
    void checkpointsLeaveOutFilesRemovedMoreThanTwoHoursAgo() throws IOException {
        Clock threeHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC);
        assertThat(removedFilesInCheckpoint(DeltaTableOptions.defaults())).isGreaterThan(5);
        assertThat(removedFilesInCheckpoint(DeltaTableOptions.defaults().withClock(threeHoursAgo))).isZero();
    }

    /** Compacts small files with the given clock, then commits on to the next checkpoint and counts its removals. */
    private long removedFilesInCheckpoint(DeltaTableOptions compactionOptions) throws IOException {
        String table = dir.resolve("compacted-" + compactionOptions.clock().millis()).toString();
        DeltaBronzeTable writer = new DeltaBronzeTable(table, DeltaTableOptions.defaults().withAutoCompactAfterFiles(0));
        Random random = new Random(5);
        long offset = 0;
        for (; offset < 6; offset++) {
            appendOne(writer, random, offset);
        }
        new DeltaCompaction(table, compactionOptions, DeltaCompaction.Options.defaults()).compact();
        while (TableFiles.snapshot(table).getVersion() % 10 != 0) {
            appendOne(writer, random, offset++);
        }
        Path checkpoint = Path.of(table, "_delta_log",
                String.format("%020d.checkpoint.parquet", TableFiles.snapshot(table).getVersion()));
        long removed = 0;
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(checkpoint.toUri())).withConf(new Configuration()).build()) {
            for (Group action = reader.read(); action != null; action = reader.read()) {
                if (action.getFieldRepetitionCount("remove") > 0) {
                    removed++;
                }
            }
        }
        return removed;
    }

    @Test
    void listingReturnsWhatHadoopsStoreReturnsAndLooksUpOnlyWhatIsRead() throws IOException {
        Path log = Files.createDirectories(dir.resolve("log"));
        for (String name : List.of("00000000000000000000.json", "00000000000000000009.json", "00000000000000000010.json",
                "00000000000000000010.checkpoint.parquet", "00000000000000000010.crc", "00000000000000000011.json",
                "00000000000000000012.checkpoint.0000000001.0000000002.parquet", "_last_checkpoint",
                ".00000000000000000013.json.1b2c.tmp")) {
            Files.writeString(log.resolve(name), name);
        }
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", org.apache.hadoop.fs.RawLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        AtomicLocalLogStore ours = new AtomicLocalLogStore(conf);
        LocalLogStore hadoops = new LocalLogStore(conf);

        for (String from : List.of("00000000000000000000.json", "00000000000000000010.checkpoint",
                "00000000000000000011.json", "00000000000000000099.json")) {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(log.resolve(from).toUri());
            assertThat(describe(ours.listFrom(path, conf))).as(from).isEqualTo(describe(hadoops.listFrom(path, conf)));
        }

        // A file cleaned up after the directory was read but before Delta reached it is skipped, as Hadoop does.
        Iterator<FileStatus> fromZero = ours.listFrom(new org.apache.hadoop.fs.Path(log.resolve("00000000000000000000.json").toUri()), conf);
        assertThat(fromZero.next().getPath().getName()).isEqualTo("00000000000000000000.json");
        Files.delete(log.resolve("00000000000000000009.json"));
        assertThat(fromZero.next().getPath().getName()).isEqualTo("00000000000000000010.checkpoint.parquet");

        org.apache.hadoop.fs.Path missing = new org.apache.hadoop.fs.Path(dir.resolve("no-log").resolve("00000000000000000000.json").toUri());
        assertThatThrownBy(() -> ours.listFrom(missing, conf)).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void onlyPlainIntervalsAreReadAsRetention() {
        assertThat(LogCleanup.retention(Map.of("delta.logRetentionDuration", "interval 2 hours"))).contains(Duration.ofHours(2));
        assertThat(LogCleanup.retention(Map.of("delta.logRetentionDuration", "INTERVAL 30 DAYS"))).contains(Duration.ofDays(30));
        assertThat(LogCleanup.retention(Map.of("delta.logRetentionDuration", "interval 1 week"))).contains(Duration.ofDays(7));
        assertThat(LogCleanup.retention(Map.of("delta.logRetentionDuration", "interval 90 minutes"))).contains(Duration.ofMinutes(90));
        // Anything else is left to Delta's own clean-up.
        assertThat(LogCleanup.retention(Map.of("delta.logRetentionDuration", "interval 1 day 2 hours"))).isEmpty();
        assertThat(LogCleanup.retention(Map.of("delta.logRetentionDuration", "2 hours"))).contains(Duration.ofHours(2));
        assertThat(LogCleanup.retention(Map.of("delta.logRetentionDuration", "interval 2 fortnights"))).isEmpty();
        assertThat(LogCleanup.retention(Map.of())).isEqualTo(Optional.empty());
    }

    private static List<String> describe(Iterator<FileStatus> files) {
        List<String> described = new ArrayList<>();
        files.forEachRemaining(f -> described.add(f.getPath() + " " + f.getLen() + " " + f.isDirectory() + " " + f.getModificationTime()));
        return described;
    }

    private List<Path> logFiles() throws IOException {
        try (Stream<Path> files = Files.list(logDir())) {
            return files.filter(f -> Character.isDigit(f.getFileName().toString().charAt(0))).toList();
        }
    }

    private static long version(Path logFile) {
        return Long.parseLong(logFile.getFileName().toString().substring(0, 20));
    }
}
