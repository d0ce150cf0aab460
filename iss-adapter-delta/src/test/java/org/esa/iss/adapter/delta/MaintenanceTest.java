package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.esa.iss.adapter.delta.TestRecords.P0;
import static org.esa.iss.adapter.delta.TestRecords.P1;
import static org.esa.iss.adapter.delta.TestRecords.START_SECONDS;

import io.delta.standalone.actions.AddFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceTest {
    private static final Clock IN_EIGHT_DAYS = Clock.fixed(Instant.now().plus(Duration.ofDays(8)), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** Writers that compacted start a vacuum pass of their own; none may outlive its test's directory. */
    @AfterEach
    void letVacuumPassesFinish() throws InterruptedException {
        awaitVacuumPasses();
    }

    private String bronzeDir() {
        return dir.resolve("bronze").toString();
    }

    private DeltaBronzeTable tableWithSmallFiles(int appends) {
        Random random = new Random(31);
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        for (int i = 0; i < appends; i++) {
            // Each append spans midnight for P1, so both partitions (dates) gather small files.
            table.append(TestRecords.bronze(random, P0, i * 20L, START_SECONDS + i * 20L, 20), Map.of(P0, i * 20L + 19));
            table.append(TestRecords.bronze(random, P1, i * 4L, START_SECONDS - 2 - i * 4L, 4), Map.of(P1, i * 4L + 3));
        }
        return table;
    }

    private static Set<String> content(List<Group> rows) {
        return rows.stream().map(Group::toString).collect(Collectors.toSet());
    }

    @Test
    void compactionKeepsContentAndTransactionVersionsAndLeavesFewerFiles() {
        DeltaBronzeTable table = tableWithSmallFiles(6);
        List<Group> before = TableFiles.rows(bronzeDir());
        Map<?, Long> offsetsBefore = new DeltaBronzeTable(bronzeDir()).lastOffsets();
        int filesBefore = TableFiles.snapshot(bronzeDir()).getAllFiles().size();

        DeltaCompaction.Result result = new DeltaCompaction(bronzeDir(), DeltaTableOptions.defaults(),
                DeltaCompaction.Options.defaults()).compact();

        List<AddFile> after = TableFiles.snapshot(bronzeDir()).getAllFiles();
        assertThat(filesBefore).isGreaterThan(10);
        assertThat(after).hasSizeLessThanOrEqualTo(3).allSatisfy(f -> assertThat(f.isDataChange()).isFalse());
        assertThat(after).allSatisfy(f -> assertThat(f.getStats()).contains("\"numRecords\""));
        assertThat(result.filesRemoved()).isEqualTo(filesBefore);
        assertThat(result.rowsRewritten()).isEqualTo(before.size());
        List<Group> rowsAfter = TableFiles.rows(bronzeDir());
        assertThat(rowsAfter).hasSameSizeAs(before);
        assertThat(content(rowsAfter)).isEqualTo(content(before));
        assertThat(new DeltaBronzeTable(bronzeDir()).lastOffsets()).isEqualTo(offsetsBefore);

        // The table goes on as before, and the in-memory offsets of the running writer are still right.
        table.append(TestRecords.bronze(new Random(1), P0, 120, START_SECONDS + 200, 5), Map.of(P0, 124L));
        assertThat(new DeltaBronzeTable(bronzeDir()).lastOffsets()).containsEntry(P0, 124L);
    }

    @Test
    void progressCountsTheSmallFilesMergedOfThoseThePlanMerges() {
        tableWithSmallFiles(6);
        int filesBefore = TableFiles.snapshot(bronzeDir()).getAllFiles().size();
        DeltaCompaction compaction = new DeltaCompaction(bronzeDir(), DeltaTableOptions.defaults(), DeltaCompaction.Options.defaults());
        assertThat(compaction.progress().filesPlanned()).isZero();

        DeltaCompaction.Result result = compaction.compact();

        assertThat(compaction.progress()).isEqualTo(new DeltaCompaction.Progress(result.table(), filesBefore, filesBefore));
    }

    @Test
    void aWriterCompactsItsTableItselfAfterEnoughFiles() {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir(), DeltaTableOptions.defaults().withAutoCompactAfterFiles(4));
        Random random = new Random(8);
        for (int i = 0; i < 4; i++) {
            table.append(TestRecords.bronze(random, P0, i * 3L, START_SECONDS + i * 3L, 3), Map.of(P0, i * 3L + 2));
        }
        var snapshot = TableFiles.snapshot(bronzeDir());
        assertThat(snapshot.getVersion()).isEqualTo(4);
        assertThat(snapshot.getAllFiles()).hasSize(1);
        assertThat(TableFiles.rows(bronzeDir())).hasSize(12);
        assertThat(new DeltaBronzeChangeLog(bronzeDir()).fixesAddedIn(4)).isEmpty();
        table.append(TestRecords.bronze(random, P0, 12, START_SECONDS + 12, 3), Map.of(P0, 14L));
        assertThat(new DeltaBronzeTable(bronzeDir()).lastOffsets()).isEqualTo(Map.of(P0, 14L));
    }

    @Test
    void aFileWrittenLongAgoThatCompactionJustRemovedStaysUntilItsRemovalIsPastTheRetentionToo() throws Exception {
        tableWithSmallFiles(3);
        Set<Path> written = dataFiles();
        TableFiles.backdate(written, Duration.ofDays(10));
        new DeltaCompaction(bronzeDir(), DeltaTableOptions.defaults(), DeltaCompaction.Options.defaults()).compact();

        // A reader of the version before the compaction may still be reading them.
        assertThat(new DeltaVacuum(bronzeDir(), DeltaVacuum.Options.defaults(), Clock.systemUTC()).vacuum().files()).isEmpty();
        assertThat(dataFiles()).containsAll(written);

        assertThat(new DeltaVacuum(bronzeDir(), DeltaVacuum.Options.defaults(), IN_EIGHT_DAYS).vacuum().files()).hasSameSizeAs(written);
        assertThat(dataFiles()).doesNotContainAnyElementsOf(written);
    }

    @Test
    void aWriterVacuumsAfterItsFirstCompactionAndThenAtMostHourly() throws Exception {
        DeltaTableOptions autoCompacting = DeltaTableOptions.defaults().withAutoCompactAfterFiles(4);
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir(), autoCompacting);
        Random random = new Random(9);
        int appends = 0;
        for (; appends < 3; appends++) {
            appendThree(table, random, appends);
        }
        Set<Path> dayOld = dataFiles();
        TableFiles.backdate(dayOld, Duration.ofDays(2));
        appendThree(table, random, appends++); // version 3; version 4 compacts, and the writer's first vacuum runs
        Path young = dataFiles().stream().filter(f -> !dayOld.contains(f)).findFirst().orElseThrow();
        awaitVacuumPasses();
        assertThat(dataFiles()).as("removed a moment ago: kept").containsAll(dayOld);

        // Once the log no longer holds version 4, nothing says when those files were removed.
        while (appends < 9) { // versions 5-8, a compaction at 9, and 10, a checkpoint
            appendThree(table, random, appends++);
        }
        try (var logFiles = Files.list(dir.resolve("bronze/_delta_log"))) {
            TableFiles.backdate(logFiles.collect(Collectors.toSet()), Duration.ofHours(3));
        }
        // Compactions at versions 14 and 19; version 20, a checkpoint, cleans versions 0-9 up (10 is read from);
        // then a compaction at 24, within the hour of the first vacuum.
        while (appends < 20) {
            appendThree(table, random, appends++);
        }
        assertThat(Files.exists(dir.resolve("bronze/_delta_log/00000000000000000004.json"))).isFalse();
        awaitVacuumPasses();
        assertThat(dataFiles()).as("within the hour, no second vacuum").containsAll(dayOld);

        DeltaBronzeTable restarted = new DeltaBronzeTable(bronzeDir(), autoCompacting);
        while (appends < 24) { // four files: a compaction, and the new writer's first vacuum
            appendThree(restarted, random, appends++);
        }
        awaitVacuumPasses();
        assertThat(dataFiles()).doesNotContainAnyElementsOf(dayOld).contains(young);
        assertThat(TableFiles.rows(bronzeDir())).hasSize(3 * appends);
    }

    @Test
    void aWriterVacuumsWithTheLongerRetentionItsTableStates() throws Exception {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        table.append(TestRecords.bronze(new Random(10), P0, 0, START_SECONDS, 3), Map.of(P0, 2L));
        TableFiles.setTableProperty(bronzeDir(), "delta.deletedFileRetentionDuration", "interval 3 days");
        // This writer's clock puts its compaction's removals 36 hours back: past the day kept by default.
        Clock dayAndAHalfAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(36)), ZoneOffset.UTC);
        DeltaBronzeTable writer = new DeltaBronzeTable(bronzeDir(),
                DeltaTableOptions.defaults().withAutoCompactAfterFiles(3).withClock(dayAndAHalfAgo));
        Random random = new Random(11);
        appendThree(writer, random, 1);
        appendThree(writer, random, 2);
        Set<Path> written = dataFiles();
        TableFiles.backdate(written, Duration.ofDays(2));

        appendThree(writer, random, 3); // three files: compaction, and the writer's first vacuum
        awaitVacuumPasses();

        assertThat(dataFiles()).containsAll(written);
    }

    private static void appendThree(DeltaBronzeTable table, Random random, int i) {
        table.append(TestRecords.bronze(random, P0, i * 3L, START_SECONDS + i * 3L, 3), Map.of(P0, i * 3L + 2));
    }

    /** Waits for the writers' background vacuum passes started so far. */
    private static void awaitVacuumPasses() throws InterruptedException {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("iss-vacuum-")) {
                thread.join(60_000);
            }
        }
    }

    private Set<Path> dataFiles() throws java.io.IOException {
        try (var files = Files.walk(dir.resolve("bronze"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet") && !f.toString().contains("_delta_log"))
                    .collect(Collectors.toSet());
        }
    }


    @Test
    void aFileAtTheTargetSizeIsLeftAloneAndOnlyTheSmallerOnesAreMerged() {
        Random random = new Random(5);
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        table.append(TestRecords.bronze(random, P0, 0, START_SECONDS, 30_000), Map.of(P0, 29_999L));
        AddFile large = TableFiles.snapshot(bronzeDir()).getAllFiles().get(0);
        for (int i = 0; i < 3; i++) {
            long first = 30_000 + i * 10L;
            table.append(TestRecords.bronze(random, P0, first, START_SECONDS + first, 10), Map.of(P0, first + 9));
        }
        long target = 1L << 20;
        assertThat(large.getSize()).isGreaterThanOrEqualTo(target);

        DeltaCompaction.Result result = new DeltaCompaction(bronzeDir(), DeltaTableOptions.defaults(),
                new DeltaCompaction.Options(target, 2)).compact();

        assertThat(result.filesRemoved()).isEqualTo(3);
        assertThat(TableFiles.snapshot(bronzeDir()).getAllFiles()).hasSize(2).extracting(AddFile::getPath).contains(large.getPath());
        assertThat(TableFiles.rows(bronzeDir())).hasSize(30_030);
    }

    @Test
    void compactionWithNothingSmallEnoughToMergeCommitsNothing() {
        new DeltaBronzeTable(bronzeDir()).append(TestRecords.bronze(new Random(9), P0, 0, START_SECONDS, 20), Map.of(P0, 19L));
        new DeltaBronzeTable(bronzeDir()).append(TestRecords.bronze(new Random(9), P1, 0, START_SECONDS - 100, 20), Map.of(P1, 19L));
        long version = TableFiles.snapshot(bronzeDir()).getVersion();
        var result = new DeltaCompaction(bronzeDir(), DeltaTableOptions.defaults(), DeltaCompaction.Options.defaults()).compact();
        assertThat(result.version()).isEqualTo(-1);
        assertThat(TableFiles.snapshot(bronzeDir()).getVersion()).isEqualTo(version);
    }

    @Test
    void anAppendPreparedBeforeACompactionCommitsAfterIt() {
        DeltaBronzeTable table = tableWithSmallFiles(3);
        var prepared = table.positioned().prepare(TestRecords.bronze(new Random(2), P0, 60, START_SECONDS + 60, 5),
                Map.of(P0, 64L));
        new DeltaCompaction(bronzeDir(), DeltaTableOptions.defaults(), DeltaCompaction.Options.defaults()).compact();
        table.positioned().commit(prepared);
        assertThat(TableFiles.rows(bronzeDir())).hasSize(3 * 24 + 5);
        assertThat(new DeltaBronzeTable(bronzeDir()).lastOffsets()).containsEntry(P0, 64L);
    }

    @Test
    void vacuumDeletesOnlyUnreferencedFilesPastRetention() throws Exception {
        DeltaBronzeTable table = tableWithSmallFiles(3);
        var orphan = table.positioned().prepare(TestRecords.bronze(new Random(3), P0, 60, START_SECONDS + 60, 5), Map.of(P0, 64L));
        new DeltaCompaction(bronzeDir(), DeltaTableOptions.defaults(), DeltaCompaction.Options.defaults()).compact();
        Set<String> referenced = new HashSet<>();
        TableFiles.snapshot(bronzeDir()).getAllFiles().forEach(f -> referenced.add(f.getPath()));
        List<Group> rows = TableFiles.rows(bronzeDir());

        // Within the retention nothing goes.
        assertThat(new DeltaVacuum(bronzeDir(), DeltaVacuum.Options.defaults(), Clock.systemUTC()).vacuum().files()).isEmpty();

        DeltaVacuum.Result dryRun = new DeltaVacuum(bronzeDir(), new DeltaVacuum.Options(Duration.ofDays(7), true), IN_EIGHT_DAYS).vacuum();
        assertThat(dryRun.files()).hasSize(7 + 1).contains(orphan.files().get(0).getPath()).doesNotContainAnyElementsOf(referenced);
        assertThat(dryRun.files()).allSatisfy(f -> assertThat(Files.exists(dir.resolve("bronze").resolve(f))).isTrue());

        DeltaVacuum.Result result = new DeltaVacuum(bronzeDir(), DeltaVacuum.Options.defaults(), IN_EIGHT_DAYS).vacuum();
        assertThat(result.files()).containsExactlyInAnyOrderElementsOf(dryRun.files());
        assertThat(result.bytes()).isPositive();
        assertThat(result.files()).allSatisfy(f -> assertThat(Files.exists(dir.resolve("bronze").resolve(f))).isFalse());
        assertThat(referenced).allSatisfy(f -> assertThat(Files.exists(dir.resolve("bronze").resolve(f))).isTrue());
        assertThat(Files.exists(dir.resolve("bronze/_delta_log/00000000000000000000.json"))).isTrue();
        assertThat(content(TableFiles.rows(bronzeDir()))).isEqualTo(content(rows));
    }
}
