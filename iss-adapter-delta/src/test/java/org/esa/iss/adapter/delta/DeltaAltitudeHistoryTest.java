package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.PeakAltitude;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One history kept open while gold commits and compacts under it, checked against a pass over every window. */
class DeltaAltitudeHistoryTest {
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void answersEqualAPassOverEveryWindowAsFilesAreAddedAndCompacted() {
        String windowsDir = dir.resolve("gold/altitude_windows").toString();
        DeltaGoldTable<AltitudeWindow> table = DeltaGoldTable.altitudeWindows(windowsDir, DeltaTableOptions.defaults());
        DeltaAltitudeHistory history = new DeltaAltitudeHistory(windowsDir, dir.resolve("gold/orbits").toString());
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
            table.commit(rows, new GoldCheckpoint(commit, DeltaGoldTableTest.stateAfter(commit)));
            all.addAll(rows);
            if (commit == 7) {
                assertThat(new DeltaCompaction(windowsDir, DeltaTableOptions.defaults(), DeltaCompaction.Options.defaults())
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
        }
    }
}
