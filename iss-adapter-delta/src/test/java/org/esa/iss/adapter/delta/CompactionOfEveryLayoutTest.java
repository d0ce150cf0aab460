package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.esa.iss.adapter.delta.TestRecords.P0;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Micros;
import org.esa.iss.domain.Orbit;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.esa.iss.ports.out.QuarantinedRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction takes the files this project writes, for the layouts the other tests do not compact (bronze and
 * windows are): its own files are in the table's own schema, so none is left aside as another tool's.
 */
class CompactionOfEveryLayoutTest {
    private static final Instant T0 = Instant.parse("2024-04-25T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void quarantineFilesAreMergedWithEveryRowKept() {
        String table = dir.resolve("bronze/iss_quarantine").toString();
        DeltaQuarantineTable quarantine = new DeltaQuarantineTable(table);
        for (int batch = 0; batch < 4; batch++) {
            List<QuarantinedRecord> rows = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long offset = batch * 5L + i;
                rows.add(TestRecords.rejected(P0, offset, i == 0 ? null : "{\"bad\":" + offset, "truncated JSON"));
            }
            quarantine.append(rows, Map.of(P0, batch * 5L + 4));
        }
        assertThat(TableFiles.snapshot(table).getAllFiles()).hasSize(4);

        DeltaCompaction.Result result = new DeltaCompaction(table, DeltaTableOptions.defaults(),
                DeltaCompaction.Options.defaults()).compact();

        assertThat(result.filesRemoved()).isEqualTo(4);
        assertThat(result.filesAdded()).isEqualTo(1);
        assertThat(TableFiles.rows(table)).hasSize(20);
        assertThat(new DeltaQuarantineTable(table).lastOffsets()).isEqualTo(Map.of(P0, 19L));
    }

    @Test
    void orbitFilesAreMergedWithEveryOrbitKept() {
        String table = dir.resolve("gold/orbits").toString();
        DeltaGoldTable<Orbit> orbits = DeltaGoldTable.orbits(table, DeltaTableOptions.defaults());
        List<Orbit> all = new ArrayList<>();
        for (int commit = 0; commit < 3; commit++) {
            List<Orbit> rows = List.of(orbit(T0.plusSeconds(5_570L * 2 * commit)), orbit(T0.plusSeconds(5_570L * (2 * commit + 1))));
            orbits.commit(rows, new GoldCheckpoint(commit, DeltaGoldTableTest.stateAfter(commit)));
            all.addAll(rows);
        }

        DeltaCompaction.Result result = new DeltaCompaction(table, DeltaTableOptions.defaults(),
                DeltaCompaction.Options.defaults()).compact();

        assertThat(result.filesRemoved()).isEqualTo(3);
        assertThat(new DeltaAltitudeHistory(dir.resolve("gold/altitude_windows").toString(), table).orbits(100))
                .containsExactlyInAnyOrderElementsOf(all);
    }

    private static Orbit orbit(Instant start) {
        Instant end = start.plusSeconds(5_570);
        Fix apogee = new Fix(25544, Micros.of(start.plusSeconds(1_400)), 51.6, 10, 428.5);
        Fix perigee = new Fix(25544, Micros.of(start.plusSeconds(4_100)), -51.6, -170, 412.25);
        return new Orbit(25544, start, end, apogee, perigee, 5_570, 0, java.time.Duration.ofSeconds(1), 1.0);
    }
}
