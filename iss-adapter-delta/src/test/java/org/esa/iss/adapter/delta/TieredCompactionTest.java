package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.esa.iss.adapter.delta.TestRecords.P0;
import static org.esa.iss.adapter.delta.TestRecords.START_SECONDS;

import io.delta.standalone.actions.AddFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction by size tiers, as writers run it every few hundred commits: each run merges the files of like size,
 * so a file an earlier run wrote stays as it is until enough files of its own size have gathered, and each row is
 * rewritten about once per tier, not once per run.
 */
class TieredCompactionTest {
    /** Appends of ~29 KB, merged ten at a time into ~255 KB: well inside the tiers of 10-100 KB and 100 KB-1 MB. */
    private static final int ROWS_PER_APPEND = 300;
    private static final int RATIO = 10;
    private static final DeltaCompaction.Options TIERED = new DeltaCompaction.Options(16L << 20, RATIO, RATIO);

    @TempDir
    Path dir;

    private String bronzeDir() {
        return dir.resolve("bronze").toString();
    }

    @Test
    void eachRunMergesOnlyFilesOfLikeSizeAndRowsAreRewrittenOncePerTier() {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir(), DeltaTableOptions.defaults().withAutoCompactAfterFiles(0));
        DeltaCompaction compaction = null; // once the table exists
        Random random = new Random(11);
        long appended = 0;
        long rewritten = 0;
        List<Set<String>> outputsOfEarlierRuns = new ArrayList<>();
        for (int run = 1; run <= RATIO + 1; run++) {
            for (int i = 0; i < RATIO; i++, appended += ROWS_PER_APPEND) {
                table.append(TestRecords.bronze(random, P0, appended, START_SECONDS + appended, ROWS_PER_APPEND),
                        Map.of(P0, appended + ROWS_PER_APPEND - 1));
            }
            Set<String> before = files();
            if (compaction == null) {
                compaction = new DeltaCompaction(bronzeDir(), DeltaTableOptions.defaults(), TIERED);
            }
            DeltaCompaction.Result result = compaction.compact();
            rewritten += result.rowsRewritten();
            Set<String> written = files().stream().filter(f -> !before.contains(f)).collect(Collectors.toSet());
            if (run <= RATIO) {
                assertThat(result.rowsRewritten()).as("run %d: the appends of the run only", run).isEqualTo((long) RATIO * ROWS_PER_APPEND);
                assertThat(files()).as("run %d: the outputs of earlier runs left as they were", run)
                        .containsAll(outputsOfEarlierRuns.stream().flatMap(Set::stream).toList());
                outputsOfEarlierRuns.add(written);
            } else {
                assertThat(result.rowsRewritten()).as("the last run: its appends, and the ten outputs of the runs before")
                        .isEqualTo((long) (RATIO + 1) * RATIO * ROWS_PER_APPEND);
                assertThat(files()).as("two files: the ten outputs merged, and this run's appends").hasSize(2);
            }
        }

        assertThat(TableFiles.rows(bronzeDir())).hasSize((int) appended);
        assertThat(new DeltaBronzeTable(bronzeDir()).lastOffsets()).isEqualTo(Map.of(P0, appended - 1));
        // every row twice, into a file of ten appends and one of a hundred, but the last run's once (without tiers,
        // each run would rewrite every row so far: six times as many rows as appended)
        assertThat(rewritten).isEqualTo(2 * appended - (long) RATIO * ROWS_PER_APPEND);
    }

    @Test
    void filesOfOneTierThatFillTheTargetMergeEvenFewerThanTheMinimum() {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir(), DeltaTableOptions.defaults().withAutoCompactAfterFiles(0));
        Random random = new Random(12);
        int rows = 2_000; // ~170 KB a file: a handful fill a 1 MiB target, ten would not fit
        for (int i = 0; i < RATIO; i++) {
            table.append(TestRecords.bronze(random, P0, (long) i * rows, START_SECONDS + (long) i * rows, rows),
                    Map.of(P0, (long) (i + 1) * rows - 1));
        }

        DeltaCompaction.Result result = new DeltaCompaction(bronzeDir(), DeltaTableOptions.defaults(),
                new DeltaCompaction.Options(1L << 20, RATIO, RATIO)).compact();

        assertThat(result.filesRemoved()).as("full bins merged; the last, not full, waits for more files")
                .isBetween(2, RATIO - 1);
        assertThat(TableFiles.snapshot(bronzeDir()).getAllFiles()).allSatisfy(f -> assertThat(f.getSize()).isLessThan(1L << 20));
        assertThat(TableFiles.rows(bronzeDir())).hasSize(RATIO * rows);
    }

    @Test
    void aPartitionWithoutNewFilesForAnHourMergesWhateverTheSizes() {
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir(),
                DeltaTableOptions.defaults().withAutoCompactAfterFiles(0).withClock(twoHoursAgo));
        Random random = new Random(13);
        for (int i = 0; i < 3; i++) { // fewer than a tier's minimum: a partition still written to keeps them
            table.append(TestRecords.bronze(random, P0, i * 100L, START_SECONDS + i * 100L, 100), Map.of(P0, i * 100L + 99));
        }
        table.append(TestRecords.bronze(random, P0, 300, START_SECONDS + 300, 3_000), Map.of(P0, 3_299L)); // a larger tier

        assertThat(new DeltaCompaction(bronzeDir(), DeltaTableOptions.defaults().withClock(twoHoursAgo), TIERED).compact()
                .filesRemoved()).as("compacted while the partition was still written to").isZero();
        DeltaCompaction.Result result = new DeltaCompaction(bronzeDir(), DeltaTableOptions.defaults(), TIERED).compact();

        assertThat(result.filesRemoved()).isEqualTo(4);
        assertThat(files()).hasSize(1);
        assertThat(TableFiles.rows(bronzeDir())).hasSize(3_300);
    }

    /**
     * Spark's Delta source reads a new stream's first snapshot ordered by the files' modification times: a merged
     * file stamped with the time of the merge would put yesterday's rows after today's, to be dropped as late.
     */
    @Test
    void aMergedFileKeepsTheNewestTimeOfTheFilesItReplacesSoItsRowsKeepTheirPlace() {
        Instant now = Instant.now();
        Random random = new Random(14);
        for (int i = 0; i < 3; i++) { // yesterday's, written three to two hours ago
            Clock then = Clock.fixed(now.minus(Duration.ofMinutes(180 - 30 * i)), ZoneOffset.UTC);
            new DeltaBronzeTable(bronzeDir(), DeltaTableOptions.defaults().withAutoCompactAfterFiles(0).withClock(then))
                    .append(TestRecords.bronze(random, P0, i * 100L, START_SECONDS + i * 100L, 100), Map.of(P0, i * 100L + 99));
        }
        long newestOfYesterday = now.minus(Duration.ofMinutes(120)).toEpochMilli();
        Clock ninetyMinutesAgo = Clock.fixed(now.minus(Duration.ofMinutes(90)), ZoneOffset.UTC);
        new DeltaBronzeTable(bronzeDir(), DeltaTableOptions.defaults().withAutoCompactAfterFiles(0).withClock(ninetyMinutesAgo))
                .append(TestRecords.bronze(random, P0, 300, START_SECONDS + 86_400, 100), Map.of(P0, 399L)); // today's

        assertThat(new DeltaCompaction(bronzeDir(), DeltaTableOptions.defaults(), TIERED).compact().filesRemoved())
                .as("yesterday's three merged; today's one file left").isEqualTo(3);

        List<AddFile> inStreamOrder = TableFiles.snapshot(bronzeDir()).getAllFiles().stream()
                .sorted(Comparator.comparingLong(AddFile::getModificationTime).thenComparing(AddFile::getPath))
                .toList();
        assertThat(inStreamOrder).hasSize(2);
        assertThat(inStreamOrder.get(0).getModificationTime()).as("the merged file").isEqualTo(newestOfYesterday);
        assertThat(inStreamOrder.get(0).getPartitionValues()).as("yesterday's rows first")
                .containsEntry("event_date", "2024-05-01");
        assertThat(inStreamOrder.get(1).getModificationTime()).isEqualTo(ninetyMinutesAgo.millis());
        assertThat(TableFiles.rows(bronzeDir())).hasSize(400);
    }

    private Set<String> files() {
        return TableFiles.snapshot(bronzeDir()).getAllFiles().stream().map(AddFile::getPath).collect(Collectors.toSet());
    }
}
