package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.standalone.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.esa.iss.domain.AggregatorState;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.OrbitOptions;
import org.esa.iss.domain.WindowSpec;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.esa.iss.ports.out.GoldTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaGoldTableTest {
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    @TempDir
    Path dir;

    private String windowsDir() {
        return dir.resolve("gold/altitude_windows").toString();
    }

    private String orbitsDir() {
        return dir.resolve("gold/orbits").toString();
    }

    static AltitudeWindow window(int i) {
        Instant start = T0.plusSeconds(5L * i);
        return new AltitudeWindow(25544, start, start.plusSeconds(5), 420 + i * 0.001, start.plusSeconds(1),
                419 + i * 0.001, start.plusSeconds(3), 10);
    }

    static AggregatorState stateAfter(int i) {
        Fix pending = new Fix(25544, (T0.getEpochSecond() + 5L * i) * 1_000_000L + 250_000, 12.5, -40.25, 421.123456789);
        Fix released = new Fix(25544, pending.eventMicros() - 1_000_000L, 12.0, -40.5, 421.0);
        AggregatorState.Track track = new AggregatorState.Track(25544, List.of(pending), null, released, null, released, 0);
        return new AggregatorState(WindowSpec.DEFAULT, OrbitOptions.DEFAULT, pending.eventMicros() - 10_000_000L,
                pending.eventMicros(), i, 2L * i, List.of(track));
    }

    @Test
    void stagedRowsAreWrittenAheadButStayInvisibleUntilTheirCommit() throws Exception {
        DeltaGoldTable<AltitudeWindow> table = DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults());
        GoldTable.Staged<AltitudeWindow> staged = table.stage();
        int half = DeltaGoldTable.STAGED_ROWS_PER_FILE / 2 + 1;
        List<AltitudeWindow> first = new ArrayList<>();
        List<AltitudeWindow> second = new ArrayList<>();
        for (int i = 0; i < 2 * half; i++) {
            (i < half ? first : second).add(window(i));
        }
        staged.add(first);
        staged.add(second); // past a file's worth: written now

        assertThat(dataFiles()).hasSize(1);
        assertThat(DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults()).checkpoint()).isEmpty();

        staged.commit(new GoldCheckpoint(7, stateAfter(7)));
        staged.abandon(); // too late: the rows are the table's
        assertThat(DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults()).checkpoint())
                .contains(new GoldCheckpoint(7, stateAfter(7)));
        assertThat(new DeltaAltitudeHistory(windowsDir(), orbitsDir()).allWindows()).hasSize(2 * half);
    }

    @Test
    void abandonedStagedRowsLeaveNoFileBehind() throws Exception {
        DeltaGoldTable<AltitudeWindow> table = DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults());
        GoldTable.Staged<AltitudeWindow> staged = table.stage();
        List<AltitudeWindow> rows = new ArrayList<>();
        for (int i = 0; i <= DeltaGoldTable.STAGED_ROWS_PER_FILE; i++) {
            rows.add(window(i));
        }
        staged.add(rows);
        staged.add(List.of(window(rows.size())));
        assertThat(dataFiles()).hasSize(1);

        staged.abandon();

        assertThat(dataFiles()).isEmpty();
        assertThat(DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults()).checkpoint()).isEmpty();
    }

    private List<Path> dataFiles() throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(Path.of(windowsDir()))) {
            return files.filter(f -> f.toString().endsWith(".parquet") && !f.toString().contains("_delta_log")).toList();
        }
    }

    @Test
    void aNewTableHasNoCheckpoint() {
        assertThat(DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults()).checkpoint()).isEmpty();
    }

    @Test
    void theCheckpointOfTheLastCommitIsReadBackAfterReopeningPastACheckpointFile() {
        DeltaGoldTable<AltitudeWindow> table = DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults());
        List<AltitudeWindow> all = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            List<AltitudeWindow> rows = i % 4 == 3 ? List.of() : List.of(window(2 * i), window(2 * i + 1));
            all.addAll(rows);
            table.commit(rows, new GoldCheckpoint(100L + i, stateAfter(i)));
        }
        assertThat(Files.exists(dir.resolve("gold/altitude_windows/_delta_log/00000000000000000010.checkpoint.parquet"))).isTrue();

        GoldCheckpoint restored = DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults()).checkpoint().orElseThrow();
        assertThat(restored.bronzeVersion()).isEqualTo(112L);
        assertThat(restored.state()).isEqualTo(stateAfter(12));

        var history = new DeltaAltitudeHistory(windowsDir(), orbitsDir());
        assertThat(history.allWindows()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(history.windows(T0.plusSeconds(10), T0.plusSeconds(30), 3))
                .containsExactly(window(5), window(4), window(3));
        assertThat(history.orbits(5)).isEmpty();
    }

    @Test
    void theCheckpointSurvivesLogCleanupThroughDeltaCheckpointFiles() throws Exception {
        DeltaGoldTable<AltitudeWindow> table = DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults());
        for (int i = 0; i < 5; i++) {
            table.commit(List.of(window(i)), new GoldCheckpoint(i, stateAfter(i)));
        }
        // Other commits (maintenance) carry the table to a Delta checkpoint at version 20 ...
        var log = io.delta.standalone.DeltaLog.forTable(new org.apache.hadoop.conf.Configuration(), windowsDir());
        while (log.update().getVersion() < 20) {
            log.startTransaction().commit(List.<io.delta.standalone.actions.Action>of(),
                    new Operation(Operation.Name.MANUAL_UPDATE), "test");
        }
        // ... and log cleanup removes every entry before it, the gold commits included.
        for (int v = 0; v < 20; v++) {
            Files.delete(dir.resolve(String.format("gold/altitude_windows/_delta_log/%020d.json", v)));
        }
        GoldCheckpoint restored = DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults()).checkpoint().orElseThrow();
        assertThat(restored).isEqualTo(new GoldCheckpoint(4, stateAfter(4)));
        assertThat(new DeltaAltitudeHistory(windowsDir(), orbitsDir()).allWindows()).hasSize(5);
    }

    @Test
    void theSatelliteFilterIsKeptWithTheCheckpoint() {
        DeltaGoldTable<AltitudeWindow> table = DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults());
        table.commit(List.of(window(0)), new GoldCheckpoint(1, stateAfter(0)));
        assertThat(table.checkpoint().orElseThrow().satelliteFilter()).isZero();

        table.commit(List.of(window(1)), new GoldCheckpoint(2, stateAfter(1), 25544));
        GoldCheckpoint reopened = DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults()).checkpoint().orElseThrow();
        assertThat(reopened).isEqualTo(new GoldCheckpoint(2, stateAfter(1), 25544));

        // a table written before the filter was kept has no key: its filter is unknown, not "every satellite"
        removeProperties(table, DeltaGoldTable.SATELLITE_KEY);
        assertThat(DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults()).checkpoint().orElseThrow())
                .isEqualTo(new GoldCheckpoint(2, stateAfter(1), GoldCheckpoint.UNKNOWN_SATELLITE_FILTER));
    }

    /** Spark's {@code ALTER TABLE ... UNSET TBLPROPERTIES}, say: refining from the start would add every row again. */
    @Test
    void aTableThatLostItsCheckpointIsRefusedRatherThanWrittenAgainFromTheStart() {
        DeltaGoldTable<AltitudeWindow> table = DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults());
        table.commit(List.of(window(0)), new GoldCheckpoint(1, stateAfter(0)));
        removeProperties(table, DeltaGoldTable.BRONZE_VERSION_KEY, DeltaGoldTable.STATE_KEY);

        DeltaGoldTable<AltitudeWindow> reopened = DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults());
        assertThatThrownBy(reopened::checkpoint).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lost the checkpoint").hasMessageContaining("delete both gold tables");
        assertThatThrownBy(() -> reopened.commit(List.of(window(0)), new GoldCheckpoint(1, stateAfter(0))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lost the checkpoint");
        assertThat(TableFiles.snapshot(windowsDir()).getAllFiles()).hasSize(1);
        // the writer that was running when they went is told the same, not that another refiner writes the table
        assertThatThrownBy(() -> table.commit(List.of(window(1)), new GoldCheckpoint(2, stateAfter(1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lost the checkpoint");
    }

    /** As Spark's {@code ALTER TABLE ... UNSET TBLPROPERTIES} would. */
    private static void removeProperties(DeltaGoldTable<?> table, String... keys) {
        table.log().commit(List.of(), new Operation(Operation.Name.UNSET_TABLE_PROPERTIES), metadata -> {
            Map<String, String> config = new HashMap<>(metadata.getConfiguration());
            List.of(keys).forEach(config::remove);
            return metadata.copyBuilder().configuration(config).build();
        }, txn -> { });
    }

    @Test
    void theBronzeVersionIsAlsoATransactionOfTheTable() {
        DeltaGoldTable<AltitudeWindow> table = DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults());
        table.commit(List.of(window(0)), new GoldCheckpoint(7, stateAfter(0)));
        var txn = TableFiles.snapshot(windowsDir());
        long version = io.delta.standalone.DeltaLog.forTable(new org.apache.hadoop.conf.Configuration(), windowsDir())
                .startTransaction().txnVersion(table.transactionAppId());
        assertThat(version).isEqualTo(7L);
        assertThat(txn.getAllFiles()).hasSize(1);
    }

    @Test
    void orbitsRoundTripThroughTheTable() {
        DeltaGoldTable<Orbit> table = DeltaGoldTable.orbits(orbitsDir(), DeltaTableOptions.defaults());
        Orbit first = orbit(0);
        Orbit second = orbit(1);
        table.commit(List.of(first), new GoldCheckpoint(3, stateAfter(1)));
        table.commit(List.of(second), new GoldCheckpoint(4, stateAfter(2)));
        assertThat(new DeltaAltitudeHistory(windowsDir(), orbitsDir()).orbits(10)).containsExactly(second, first);
        assertThat(new DeltaAltitudeHistory(windowsDir(), orbitsDir()).orbits(1)).containsExactly(second);
    }

    @Test
    void aSecondRefinerWritingTheSameTableIsRefused() {
        DeltaGoldTable<AltitudeWindow> first = DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults());
        DeltaGoldTable<AltitudeWindow> second = DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults());
        first.commit(List.of(window(0)), new GoldCheckpoint(1, stateAfter(0)));
        second.checkpoint();
        first.commit(List.of(window(1)), new GoldCheckpoint(2, stateAfter(1)));
        assertThatThrownBy(() -> second.commit(List.of(window(1)), new GoldCheckpoint(2, stateAfter(1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another refiner");
    }

    static Orbit orbit(int i) {
        Instant start = T0.plusSeconds(5_550L * i);
        long startMicros = start.getEpochSecond() * 1_000_000L;
        Fix apogee = new Fix(25544, startMicros + 1_000_000_000L, 51.2, 120.5, 425.5 + i);
        Fix perigee = new Fix(25544, startMicros + 4_000_000_000L, -51.1, -60.25, 412.25 + i);
        return new Orbit(25544, start, start.plusSeconds(5_554).plusMillis(125), apogee, perigee, 11_000, 2,
                Duration.ofSeconds(45, 500_000_000), 0.9875);
    }
}
