package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.esa.iss.adapter.delta.TestRecords.P0;
import static org.esa.iss.adapter.delta.TestRecords.START_SECONDS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gold table registered with bronze holds back bronze's log clean-up and vacuum until it has consumed what they
 * would delete, however long it stays behind; a registered table that no longer exists holds nothing back.
 */
class ChangeLogReadersTest {
    private static final Clock IN_EIGHT_DAYS = Clock.fixed(Instant.now().plus(Duration.ofDays(8)), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private String bronzeDir() {
        return dir.resolve("bronze").toString();
    }

    private String goldDir() {
        return dir.resolve("gold").resolve("altitude_windows").toString();
    }

    private static void appendOne(DeltaBronzeTable table, Random random, long offset) {
        table.append(TestRecords.bronze(random, P0, offset, START_SECONDS + offset, 1), Map.of(P0, offset));
    }

    /** Gold as its refiner leaves it: consumed bronze up to {@code bronzeVersion}. */
    private void goldConsumed(long bronzeVersion) {
        DeltaGoldTable<AltitudeWindow> gold = DeltaGoldTable.altitudeWindows(goldDir(), DeltaTableOptions.defaults());
        gold.commit(List.of(), new GoldCheckpoint(bronzeVersion, DeltaGoldTableTest.stateAfter((int) bronzeVersion)));
    }

    @Test
    void newLocalTablesLeaveLogCleanUpToTheirWriters() {
        appendOne(new DeltaBronzeTable(bronzeDir()), new Random(1), 0);

        assertThat(TableFiles.snapshot(bronzeDir()).getMetadata().getConfiguration())
                .containsEntry("delta.enableExpiredLogCleanup", "false");
    }

    @Test
    void aLaggingGoldTableHoldsBackTheCleanUpOfWhatItHasNotConsumedAndReleasesItAsItCatchesUp() throws IOException {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        Random random = new Random(2);
        long offset = 0;
        for (; offset < 36; offset++) { // versions 0..35, checkpoints at 10, 20 and 30
            appendOne(table, random, offset);
        }
        goldConsumed(14);
        DeltaBronzeChangeLog changes = DeltaBronzeChangeLog.readFor(bronzeDir(), goldDir());
        DeltaBronzeChangeLog.readFor(bronzeDir(), goldDir()); // registering again changes nothing
        assertThat(dir.resolve("bronze").resolve(ChangeLogReaders.DIRECTORY).toFile().list()).hasSize(1);
        // Two days: Delta's own clean-up, which rounds to midnight, would delete them too if it were on.
        TableFiles.backdate(logFiles(), Duration.ofDays(2));

        for (; offset <= 40; offset++) { // version 40 checkpoints, then cleans up
            appendOne(table, random, offset);
        }

        // Gold needs version 14 (its snapshot) on, read from the checkpoint at 10: without gold, the clean-up would
        // keep from the checkpoint at 30 (versions 36 on are younger than the retention).
        assertThat(firstLogVersion()).isEqualTo(10);
        assertThat(changes.fixesAddedIn(15)).hasSize(1);

        goldConsumed(33);
        TableFiles.backdate(logFiles(), Duration.ofHours(3));
        DeltaBronzeTable restarted = new DeltaBronzeTable(bronzeDir()); // a writer that has not read gold's progress yet
        for (; offset <= 50; offset++) {
            appendOne(restarted, random, offset);
        }

        // 33 on is needed, read from the checkpoint at 30 (without gold, the retention alone would keep 40 on).
        assertThat(firstLogVersion()).isEqualTo(30);
        assertThat(TableFiles.rows(bronzeDir())).hasSize(51);
    }

    @Test
    void bronzesSnapshotAtTheVersionGoldConsumedLastStaysReadable() throws IOException {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        Random random = new Random(7);
        long offset = 0;
        for (; offset < 25; offset++) {
            appendOne(table, random, offset);
        }
        goldConsumed(19); // needs 20 on, and its snapshot at 19, from which gold would build a table it lost
        DeltaBronzeChangeLog changes = DeltaBronzeChangeLog.readFor(bronzeDir(), goldDir());
        TableFiles.backdate(logFiles(), Duration.ofHours(3));

        for (; offset <= 30; offset++) {
            appendOne(table, random, offset);
        }

        assertThat(firstLogVersion()).isEqualTo(10); // 19 is read from the checkpoint at 10
        assertThat(changes.snapshotAt(19).eventDates()).isNotEmpty();
    }

    @Test
    void aGoldTableThatNeedsTheFirstVersionLeftInTheLogHoldsItBack() throws IOException {
        DeltaBronzeChangeLog changes = goldAfterBronzeCleanedUpTo20ThenBronzeUpTo40(19); // needs 20 on: the first left

        assertThat(firstLogVersion()).isEqualTo(20);
        assertThat(changes.fixesAddedIn(20)).hasSize(1);
    }

    @Test
    void aGoldTableThatCanNoLongerCatchUpHoldsNothingBack() throws IOException {
        goldAfterBronzeCleanedUpTo20ThenBronzeUpTo40(5); // needs version 6, gone for good

        assertThat(firstLogVersion()).isEqualTo(30); // as without gold: 31 on is young, read from the checkpoint at 30
    }

    /**
     * Bronze versions 0..30, whose clean-up (no gold yet) deleted those before 20; then a gold table that consumed up
     * to {@code goldAt}, registered; then, the whole log past the retention, versions 31..40 and their clean-up.
     */
    private DeltaBronzeChangeLog goldAfterBronzeCleanedUpTo20ThenBronzeUpTo40(long goldAt) throws IOException {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        Random random = new Random(goldAt);
        long offset = 0;
        for (; offset < 25; offset++) {
            appendOne(table, random, offset);
        }
        TableFiles.backdate(logFiles(), Duration.ofHours(3));
        for (; offset <= 30; offset++) {
            appendOne(table, random, offset);
        }
        assertThat(firstLogVersion()).isEqualTo(20);
        goldConsumed(goldAt);
        DeltaBronzeChangeLog changes = DeltaBronzeChangeLog.readFor(bronzeDir(), goldDir());
        TableFiles.backdate(logFiles(), Duration.ofHours(3));
        for (; offset <= 40; offset++) {
            appendOne(table, random, offset);
        }
        return changes;
    }

    @Test
    void aRegisteredGoldTableThatWasDeletedHoldsNothingBack() throws IOException {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        Random random = new Random(3);
        long offset = 0;
        for (; offset < 15; offset++) {
            appendOne(table, random, offset);
        }
        goldConsumed(3);
        DeltaBronzeChangeLog.readFor(bronzeDir(), goldDir());
        deleteRecursively(Path.of(goldDir()));
        TableFiles.backdate(logFiles(), Duration.ofHours(3));
        TableFiles.backdate(registrations(), ChangeLogReaders.STARTING.plusMinutes(1)); // its refiner started long ago

        for (; offset <= 20; offset++) {
            appendOne(table, random, offset);
        }

        // Versions 15 on are younger than the retention, read from the checkpoint at 10; gold would have held 4 on.
        assertThat(firstLogVersion()).isEqualTo(10);
    }

    @Test
    void aRegisteredGoldTableNotCreatedYetHoldsEverythingBackWhileItsRefinerStarts() throws IOException {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        Random random = new Random(6);
        long offset = 0;
        for (; offset < 15; offset++) {
            appendOne(table, random, offset);
        }
        TableFiles.backdate(logFiles(), Duration.ofHours(3));
        DeltaBronzeChangeLog.readFor(bronzeDir(), goldDir()); // registered long ago, by a start that never committed
        TableFiles.backdate(registrations(), ChangeLogReaders.STARTING.plusMinutes(1));
        DeltaBronzeChangeLog.readFor(bronzeDir(), goldDir()); // a refiner starts again, replaying bronze from version 0

        for (; offset <= 20; offset++) {
            appendOne(table, random, offset);
        }

        assertThat(firstLogVersion()).isZero();
    }

    private List<Path> registrations() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("bronze").resolve(ChangeLogReaders.DIRECTORY))) {
            return files.toList();
        }
    }

    @Test
    void vacuumKeepsFilesThatCompactionRemovedFromVersionsAGoldTableHasNotConsumed() throws IOException {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir(), DeltaTableOptions.defaults().withAutoCompactAfterFiles(0));
        Random random = new Random(4);
        for (long offset = 0; offset < 6; offset++) { // versions 0..5, one file each
            appendOne(table, random, offset);
        }
        goldConsumed(2);
        DeltaBronzeChangeLog changes = DeltaBronzeChangeLog.readFor(bronzeDir(), goldDir());
        DeltaCompaction.Result compaction = new DeltaCompaction(bronzeDir(), DeltaTableOptions.defaults(),
                DeltaCompaction.Options.defaults()).compact(); // version 6 removes the six files

        // Eight days on, every removed file is past vacuum's seven days, but gold still reads versions 3..5 (and
        // bronze's snapshot at 2).
        assertThat(new DeltaVacuum(bronzeDir(), DeltaVacuum.Options.defaults(), IN_EIGHT_DAYS).vacuum().files()).isEmpty();
        assertThat(changes.fixesAddedIn(3)).hasSize(1);

        appendOne(table, random, 6); // version 7
        goldConsumed(7);
        assertThat(new DeltaVacuum(bronzeDir(), DeltaVacuum.Options.defaults(), IN_EIGHT_DAYS).vacuum().files())
                .hasSize(compaction.filesRemoved());
    }

    @Test
    void readersProgressIsReadAgainAtMostOnceAMinuteAndAtOnceWhenTheRegistrationsChange() {
        appendOne(new DeltaBronzeTable(bronzeDir()), new Random(5), 0);
        goldConsumed(14);
        DeltaBronzeChangeLog.readFor(bronzeDir(), goldDir());
        ChangeLogReaders readers = ChangeLogReaders.of(TableStorage.at(bronzeDir())).orElseThrow();
        long t0 = 1_000_000;

        assertThat(readers.firstVersionNeeded(t0, 0)).isEqualTo(14);
        goldConsumed(20);
        assertThat(readers.firstVersionNeeded(t0 + 59_000, 0)).as("within the minute: the older answer, which keeps more")
                .isEqualTo(14);
        assertThat(readers.firstVersionNeeded(t0 + 60_000, 0)).isEqualTo(20);

        String otherGold = dir.resolve("gold").resolve("orbits").toString();
        DeltaGoldTable.orbits(otherGold, DeltaTableOptions.defaults())
                .commit(List.of(), new GoldCheckpoint(3, DeltaGoldTableTest.stateAfter(3)));
        DeltaBronzeChangeLog.readFor(bronzeDir(), otherGold);
        assertThat(readers.firstVersionNeeded(t0 + 61_000, 0)).isEqualTo(3);
    }

    private List<Path> logFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("bronze").resolve("_delta_log"))) {
            return files.filter(f -> Character.isDigit(f.getFileName().toString().charAt(0))).toList();
        }
    }

    private long firstLogVersion() throws IOException {
        return logFiles().stream().mapToLong(f -> Long.parseLong(f.getFileName().toString().substring(0, 20))).min().orElseThrow();
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
