package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.esa.iss.adapter.delta.TestRecords.P0;
import static org.esa.iss.adapter.delta.TestRecords.START_SECONDS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.esa.iss.ports.out.BronzeChangeLog;
import org.esa.iss.ports.out.BronzeRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaBronzeChangeLogTest {
    @TempDir
    Path dir;

    private String bronzeDir() {
        return dir.resolve("bronze").toString();
    }

    @Test
    void aVersionYieldsTheFixesItAddedInKilometres() {
        Random random = new Random(21);
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        List<BronzeRecord> first = TestRecords.bronze(random, P0, 0, START_SECONDS, 40);
        List<BronzeRecord> second = TestRecords.bronze(random, P0, 40, START_SECONDS + 40, 25);
        table.append(first, Map.of(P0, 39L));
        table.append(second, Map.of(P0, 64L));
        table.append(List.of(), Map.of(P0, 70L));

        DeltaBronzeChangeLog log = new DeltaBronzeChangeLog(bronzeDir());
        assertThat(log.latestVersion()).isEqualTo(2);
        assertThat(log.fixesAddedIn(0)).containsExactlyElementsOf(first.stream().map(r -> r.telemetry().toFix()).toList());
        assertThat(log.fixesAddedIn(1)).containsExactlyElementsOf(second.stream().map(r -> r.telemetry().toFix()).toList());
        assertThat(log.fixesAddedIn(2)).isEmpty();
    }

    /**
     * A backlog across midnight is two files whose offsets follow each other, read whole in offset order; a version
     * whose dates go back and forth (a backfill) has files whose offsets interleave, read again row by row.
     */
    @Test
    void aVersionAcrossMidnightGivesItsFixesInWrittenOrderWhetherItsDatesGoBackOrNot() throws IOException {
        Random random = new Random(5);
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        List<BronzeRecord> backlog = TestRecords.bronze(random, P0, 0, START_SECONDS - 10, 20);
        table.append(backlog, Map.of(P0, 19L));
        List<BronzeRecord> backfilled = new ArrayList<>(TestRecords.bronze(random, P0, 20, START_SECONDS + 10, 5));
        backfilled.addAll(TestRecords.bronze(random, P0, 25, START_SECONDS - 3, 2)); // the day before, again
        backfilled.addAll(TestRecords.bronze(random, P0, 27, START_SECONDS + 15, 2));
        table.append(backfilled, Map.of(P0, 28L));

        DeltaBronzeChangeLog log = new DeltaBronzeChangeLog(bronzeDir());
        assertThat(log.fixesAddedIn(0)).containsExactlyElementsOf(backlog.stream().map(r -> r.telemetry().toFix()).toList());
        assertThat(log.fixesAddedIn(1)).containsExactlyElementsOf(backfilled.stream().map(r -> r.telemetry().toFix()).toList());

        FixColumnsReader reader = new FixColumnsReader(TableStorage.at(bronzeDir()));
        List<FixColumnsReader.PositionSpan> spans = new ArrayList<>();
        try (var files = Files.walk(dir.resolve("bronze"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".parquet") && !f.toString().contains("_delta_log")).toList()) {
                spans.add(reader.read(new org.apache.hadoop.fs.Path(file.toUri()), new ArrayList<>()));
            }
        }
        FixColumnsReader.PositionSpan firstDay = new FixColumnsReader.PositionSpan(0, 0, 0, 9);
        FixColumnsReader.PositionSpan secondDay = new FixColumnsReader.PositionSpan(0, 0, 10, 19);
        FixColumnsReader.PositionSpan laterSecondDay = new FixColumnsReader.PositionSpan(0, 0, 20, 28);
        FixColumnsReader.PositionSpan firstDayAgain = new FixColumnsReader.PositionSpan(0, 0, 25, 26);
        assertThat(spans).as("from the files' footers").containsExactlyInAnyOrder(firstDay, secondDay, laterSecondDay, firstDayAgain);
        assertThat(WrittenOrder.ofFiles(List.of(secondDay, firstDay))).containsExactly(1, 0);
        assertThat(WrittenOrder.ofFiles(List.of(laterSecondDay, firstDayAgain))).isNull();
    }

    @Test
    void milesAreConvertedWhetherAFileHoldsOnlyMilesOrAMix() {
        Random random = new Random(25);
        List<BronzeRecord> miles = TestRecords.bronze(random, P0, 0, START_SECONDS, 30).stream()
                .map(r -> new BronzeRecord(TestRecords.inMiles(r.telemetry()), r.partition(), r.offset(), r.timestampMs(), r.source()))
                .toList();
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        table.append(miles, Map.of(P0, 29L));
        List<BronzeRecord> mixed = new java.util.ArrayList<>(TestRecords.bronze(random, P0, 30, START_SECONDS + 30, 30));
        table.append(mixed, Map.of(P0, 59L));
        // Compaction rewrites both into one file; a later reader of it still sees kilometres.
        new DeltaCompaction(bronzeDir(), DeltaTableOptions.defaults(), DeltaCompaction.Options.defaults()).compact();

        DeltaBronzeChangeLog log = new DeltaBronzeChangeLog(bronzeDir());
        assertThat(log.fixesAddedIn(0)).containsExactlyElementsOf(miles.stream().map(r -> r.telemetry().toFix()).toList());
        assertThat(log.fixesAddedIn(0).get(0).altitudeKm()).isGreaterThan(600);
        assertThat(log.fixesAddedIn(1)).containsExactlyElementsOf(mixed.stream().map(r -> r.telemetry().toFix()).toList());
        List<org.esa.iss.domain.Fix> compacted = new java.util.ArrayList<>();
        FixColumnsReader reader = new FixColumnsReader(TableStorage.at(bronzeDir()));
        for (var file : TableFiles.snapshot(bronzeDir()).getAllFiles()) {
            try {
                reader.read(TableStorage.at(bronzeDir()).resolve(file.getPath()), compacted);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        List<org.esa.iss.domain.Fix> all = new java.util.ArrayList<>(miles.stream().map(r -> r.telemetry().toFix()).toList());
        all.addAll(mixed.stream().map(r -> r.telemetry().toFix()).toList());
        assertThat(compacted).containsExactlyElementsOf(all);
    }

    @Test
    void compactionAddsNoFixes() {
        Random random = new Random(22);
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        for (int i = 0; i < 4; i++) {
            table.append(TestRecords.bronze(random, P0, i * 10L, START_SECONDS + i * 10L, 10), Map.of(P0, i * 10L + 9));
        }
        var result = new DeltaCompaction(bronzeDir(), DeltaTableOptions.defaults(), DeltaCompaction.Options.defaults()).compact();
        assertThat(result.version()).isEqualTo(4);
        assertThat(new DeltaBronzeChangeLog(bronzeDir()).fixesAddedIn(4)).isEmpty();
    }

    @Test
    void aVersionWhoseFilesWereVacuumedFailsWithHowToRecover() {
        Random random = new Random(23);
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        table.append(TestRecords.bronze(random, P0, 0, START_SECONDS, 10), Map.of(P0, 9L));
        table.append(TestRecords.bronze(random, P0, 10, START_SECONDS + 10, 10), Map.of(P0, 19L));
        new DeltaCompaction(bronzeDir(), DeltaTableOptions.defaults(), DeltaCompaction.Options.defaults()).compact();
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(8)), ZoneOffset.UTC);
        new DeltaVacuum(bronzeDir(), DeltaVacuum.Options.defaults(), later).vacuum();

        assertThatThrownBy(() -> new DeltaBronzeChangeLog(bronzeDir()).fixesAddedIn(0))
                .isInstanceOf(BronzeChangeLog.BronzeHistoryMissing.class)
                .hasMessageContaining("version 0").hasMessageContaining("To recover").hasMessageContaining("re-ingest it into a fresh data directory");
    }

    @Test
    void aVersionWasReceivedByTheTimeOfItsCommit() {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        java.time.Instant before = java.time.Instant.now().minusMillis(1);
        table.append(TestRecords.bronze(new Random(26), P0, 0, START_SECONDS, 10), Map.of(P0, 9L));
        java.time.Instant after = java.time.Instant.now().plusMillis(1);
        DeltaBronzeChangeLog log = new DeltaBronzeChangeLog(bronzeDir());

        assertThat(log.receivedBy(0)).hasValueSatisfying(t -> assertThat(t).isBetween(before, after));
        assertThat(log.receivedBy(1)).as("no such version yet").isEmpty();
        DeltaBronzeChangeLog reading = new DeltaBronzeChangeLog(bronzeDir());
        assertThat(reading.fixesAddedIn(0)).hasSize(10);
        assertThat(reading.receivedBy(0)).as("kept from that read").isEqualTo(log.receivedBy(0));
    }

    /** Gold is intact, and rebuilding it would not mend the file: the advice is to mend it. */
    @Test
    void aLogEntryThatIsThereButDamagedIsNotTakenForAnExpiredOne() throws Exception {
        elevenOneRowVersions(new Random(25));
        Files.writeString(dir.resolve("bronze/_delta_log/00000000000000000001.json"), "{\"add\": not json\n");

        assertThatThrownBy(() -> new DeltaBronzeChangeLog(bronzeDir()).fixesAddedIn(1))
                .isNotInstanceOf(BronzeChangeLog.BronzeHistoryMissing.class)
                .hasMessageContaining("the log entry of bronze version 1").hasMessageContaining("00000000000000000001.json, cannot be read")
                .hasMessageContaining("Gold is intact").hasMessageNotContaining("delete both gold tables");
    }

    @Test
    void aVersionWhoseLogEntryExpiredFailsWithHowToRecover() throws Exception {
        elevenOneRowVersions(new Random(24));
        Files.delete(dir.resolve("bronze/_delta_log/00000000000000000000.json"));
        Files.delete(dir.resolve("bronze/_delta_log/00000000000000000001.json"));
        assertThatThrownBy(() -> new DeltaBronzeChangeLog(bronzeDir()).fixesAddedIn(1))
                .isInstanceOf(BronzeChangeLog.BronzeHistoryMissing.class)
                .hasMessageContaining("log entry of bronze version 1").hasMessageContaining("delete both gold tables");
        assertThat(new DeltaBronzeChangeLog(bronzeDir()).fixesAddedIn(10)).hasSize(1);
    }

    /** Versions 0 to 10 of one row each: version 10 is a checkpoint, so the entries before it are read only as changes. */
    private void elevenOneRowVersions(Random random) {
        DeltaBronzeTable table = new DeltaBronzeTable(bronzeDir());
        for (int i = 0; i < 11; i++) {
            table.append(TestRecords.bronze(random, P0, i, START_SECONDS + i, 1), Map.of(P0, (long) i));
        }
    }
}
