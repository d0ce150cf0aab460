package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.Operation;
import io.delta.standalone.actions.AddFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Micros;
import org.esa.iss.domain.PeakAltitude;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One history kept open while gold commits and compacts under it, checked against a pass over every window. */
class DeltaAltitudeHistoryTest {
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    @TempDir
    Path dir;

    /** Keeping nothing decoded, a few files, or everything must give the same answers. */
    @ParameterizedTest(name = "{0} windows kept decoded")
    @ValueSource(longs = {0, 40, DeltaAltitudeHistory.DECODED_WINDOWS})
    void answersEqualAPassOverEveryWindowAsFilesAreAddedAndCompacted(long decodedWindows) {
        DeltaGoldTable<AltitudeWindow> table = windowsTable();
        DeltaAltitudeHistory history = history(decodedWindows);
        Random random = new Random(7);
        List<AltitudeWindow> all = new ArrayList<>();
        for (int commit = 0; commit < 12; commit++) {
            List<AltitudeWindow> rows = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(30); i++) {
                // two satellites, starts out of order across files, and repeated altitudes so that ties happen
                Instant start = T0.plusSeconds(5L * random.nextInt(400));
                long satellite = random.nextBoolean() ? 25544 : 48274;
                if (rows.stream().anyMatch(w -> w.start().equals(start) && w.satelliteId() == satellite)
                        || all.stream().anyMatch(w -> w.start().equals(start) && w.satelliteId() == satellite)) {
                    continue;
                }
                double max = 415 + random.nextInt(5);
                rows.add(new AltitudeWindow(satellite, start, start.plusSeconds(5), max, start.plusSeconds(random.nextInt(5)),
                        max - 1, start, 10));
            }
            table.commit(rows, checkpoint(commit));
            all.addAll(rows);
            if (commit == 7) {
                assertThat(new DeltaCompaction(windowsDir(), DeltaTableOptions.defaults(), DeltaCompaction.Options.defaults())
                        .compact().filesRemoved()).isGreaterThan(1);
            }

            assertThat(history.allWindows()).containsExactlyInAnyOrderElementsOf(all);
            assertThat(history.highestAltitude()).isEqualTo(PeakAltitude.of(all));
            for (int[] range : new int[][] {{0, 400}, {100, 250}, {390, 400}, {0, 1}}) {
                Instant from = T0.plusSeconds(5L * range[0]);
                Instant to = T0.plusSeconds(5L * range[1]);
                for (int limit : new int[] {1, 7, 1000}) {
                    List<AltitudeWindow> expected = all.stream()
                            .filter(w -> !w.start().isBefore(from) && w.start().isBefore(to))
                            .sorted(Comparator.comparing(AltitudeWindow::start).reversed().thenComparingLong(AltitudeWindow::satelliteId))
                            .limit(limit)
                            .toList();
                    assertThat(history.windows(from, to, limit)).as("commit %d, %s..%s, limit %d", commit, from, to, limit)
                            .containsExactlyElementsOf(expected);
                }
            }
            assertThat(history.decodedWindows()).isLessThanOrEqualTo(decodedWindows);
        }
    }

    @Test
    void queriesReadOnlyTheFilesTheirFootersCannotRuleOut() {
        DeltaGoldTable<AltitudeWindow> table = windowsTable();
        DeltaAltitudeHistory history = history(0);
        // four files of five windows each, 100 s apart; the first holds the peak
        for (int file = 0; file < 4; file++) {
            table.commit(windows(T0.plusSeconds(100L * file), file == 0 ? 420 : 410), checkpoint(file));
        }

        assertThat(history.highestAltitude()).hasValueSatisfying(p -> assertThat(p.altitudeKm()).isEqualTo(420.4));
        assertThat(history.rowGroupReads()).as("the peak's file only").isEqualTo(1);

        table.commit(windows(T0.plusSeconds(400), 405), checkpoint(4));
        assertThat(history.highestAltitude()).hasValueSatisfying(p -> assertThat(p.altitudeKm()).isEqualTo(420.4));
        assertThat(history.rowGroupReads()).as("a lower file needs no reading, the peak is known").isEqualTo(1);

        assertThat(history.windows(Instant.EPOCH, Instant.MAX, 3)).extracting(AltitudeWindow::start)
                .containsExactly(T0.plusSeconds(420), T0.plusSeconds(415), T0.plusSeconds(410));
        assertThat(history.rowGroupReads()).as("the newest file holds the three newest").isEqualTo(2);

        assertThat(history.windows(T0.plusSeconds(200), T0.plusSeconds(205), 100)).extracting(AltitudeWindow::start)
                .containsExactly(T0.plusSeconds(200));
        assertThat(history.rowGroupReads()).as("the one file whose starts span the range").isEqualTo(3);
        assertThat(history.decodedWindows()).isZero();
    }

    @Test
    void windowsStartingTogetherInDifferentFilesAreOrderedBySatellite() {
        DeltaGoldTable<AltitudeWindow> table = windowsTable();
        DeltaAltitudeHistory history = history(0);
        // twenty files whose last windows start together: the files are visited in no set order, and each must be
        // read, because any of them may hold the lowest satellite id
        for (int satellite = 20; satellite >= 1; satellite--) {
            table.commit(List.of(new AltitudeWindow(satellite, T0, T0.plusSeconds(5), 410, T0, 409, T0, 10)),
                    checkpoint(20 - satellite));
        }

        assertThat(history.windows(Instant.EPOCH, Instant.MAX, 2)).extracting(AltitudeWindow::satelliteId)
                .containsExactly(1L, 2L);
        assertThat(history.highestAltitude()).hasValueSatisfying(p -> assertThat(p.satelliteId()).isEqualTo(1));
    }

    @Test
    void aFileOfSeveralRowGroupsIsReadOnlyWhereTheQueryNeedsIt() {
        DeltaGoldTable<AltitudeWindow> table = windowsTable();
        DeltaAltitudeHistory history = history(DeltaAltitudeHistory.DECODED_WINDOWS);
        int rows = ColumnarFile.ROWS_PER_ROW_GROUP + 100; // one file: a full row group, then one of 100 windows
        List<AltitudeWindow> all = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            Instant s = T0.plusSeconds(5L * i);
            double max = i == 1000 ? 430 : 410 + (i % 7) / 10.0;
            all.add(new AltitudeWindow(25544, s, s.plusSeconds(5), max, s.plusSeconds(1), max - 1, s, 10));
        }
        table.commit(all, checkpoint(0));

        List<AltitudeWindow> newest = new ArrayList<>(all.subList(rows - 10, rows));
        Collections.reverse(newest);
        assertThat(history.windows(Instant.EPOCH, Instant.MAX, 10)).containsExactlyElementsOf(newest);
        assertThat(history.rowGroupReads()).isEqualTo(1);
        assertThat(history.decodedWindows()).as("the newest row group only").isEqualTo(100);

        assertThat(history.highestAltitude()).contains(new PeakAltitude(25544, 430, T0.plusSeconds(5001)));
        assertThat(history.rowGroupReads()).isEqualTo(2);
        assertThat(history.decodedWindows()).isEqualTo(rows);
    }

    @Test
    void rowGroupsReadRecentlyAreKeptUpToTheBound() {
        DeltaGoldTable<AltitudeWindow> table = windowsTable();
        DeltaAltitudeHistory history = history(5);
        table.commit(windows(T0, 410), checkpoint(0));
        table.commit(windows(T0.plusSeconds(100), 410), checkpoint(1));
        Instant firstFileTo = T0.plusSeconds(25);
        Instant secondFileFrom = T0.plusSeconds(100);

        history.windows(T0, firstFileTo, 100);
        history.windows(T0, firstFileTo, 100);
        assertThat(history.rowGroupReads()).as("kept after the first query").isEqualTo(1);
        assertThat(history.decodedWindows()).isEqualTo(5);

        assertThat(history.windows(secondFileFrom, Instant.MAX, 100)).hasSize(5);
        assertThat(history.rowGroupReads()).isEqualTo(2);
        assertThat(history.decodedWindows()).as("the first file's windows made room").isEqualTo(5);
        assertThat(history.windows(T0, firstFileTo, 100)).hasSize(5);
        assertThat(history.rowGroupReads()).as("read again").isEqualTo(3);
    }

    @Test
    void aFileWhoseFooterHasNoStatisticsIsAlwaysRead() throws IOException {
        DeltaGoldTable<AltitudeWindow> table = windowsTable();
        DeltaAltitudeHistory history = history(DeltaAltitudeHistory.DECODED_WINDOWS);
        table.commit(windows(T0, 410), checkpoint(0));
        // another writer's file, without statistics, holding both the newest windows and the peak
        List<AltitudeWindow> foreign = windows(T0.plusSeconds(100), 420);
        addFileWithoutStatistics("part-foreign.parquet", foreign);
        assertThat(WindowRowGroup.of(TableStorage.at(windowsDir()), "part-foreign.parquet")).singleElement()
                .satisfies(rowGroup -> assertThat(rowGroup.bounds.highestKm()).isEqualTo(Double.POSITIVE_INFINITY));

        assertThat(history.highestAltitude()).contains(PeakAltitude.of(foreign).orElseThrow());
        assertThat(history.windows(Instant.EPOCH, Instant.MAX, 1)).containsExactly(foreign.get(4));
        assertThat(history.windows(T0, T0.plusSeconds(25), 100)).hasSize(5);
    }

    private void addFileWithoutStatistics(String name, List<AltitudeWindow> rows) throws IOException {
        Path file = dir.resolve("gold/altitude_windows").resolve(name);
        MessageType schema = GoldLayouts.WINDOWS_LAYOUT.parquetSchema();
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        // statistics switched off per column: with the global switch alone, parquet-mr 1.15 still wrote them
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                .withStatisticsEnabled("window_start", false).withStatisticsEnabled("max_altitude_km", false).build()) {
            for (AltitudeWindow w : rows) {
                writer.write(groups.newGroup().append("satellite_id", w.satelliteId())
                        .append("window_start", Micros.of(w.start())).append("window_end", Micros.of(w.end()))
                        .append("max_altitude_km", w.maxAltitudeKm()).append("max_at", Micros.of(w.maxAt()))
                        .append("min_altitude_km", w.minAltitudeKm()).append("min_at", Micros.of(w.minAt()))
                        .append("samples", w.samples()));
            }
        }
        DeltaLog.forTable(new Configuration(), windowsDir()).startTransaction().commit(
                List.of(new AddFile(name, Map.of(), Files.size(file), System.currentTimeMillis(), true, null, null)),
                new Operation(Operation.Name.WRITE), "test");
    }

    private String windowsDir() {
        return dir.resolve("gold/altitude_windows").toString();
    }

    private DeltaGoldTable<AltitudeWindow> windowsTable() {
        return DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults());
    }

    private DeltaAltitudeHistory history(long decodedWindows) {
        return new DeltaAltitudeHistory(windowsDir(), dir.resolve("gold/orbits").toString(), decodedWindows);
    }

    private static GoldCheckpoint checkpoint(int bronzeVersion) {
        return new GoldCheckpoint(bronzeVersion, DeltaGoldTableTest.stateAfter(bronzeVersion));
    }

    /** Five 5 s windows from {@code start}, their maxima rising by 0.1 km from {@code baseKm}. */
    private static List<AltitudeWindow> windows(Instant start, double baseKm) {
        List<AltitudeWindow> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant s = start.plusSeconds(5L * i);
            double max = baseKm + i / 10.0;
            rows.add(new AltitudeWindow(25544, s, s.plusSeconds(5), max, s.plusSeconds(1), max - 1, s, 10));
        }
        return rows;
    }
}
