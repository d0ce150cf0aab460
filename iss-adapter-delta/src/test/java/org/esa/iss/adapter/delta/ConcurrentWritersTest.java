package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.esa.iss.adapter.delta.TestRecords.P0;
import static org.esa.iss.adapter.delta.TestRecords.P1;
import static org.esa.iss.adapter.delta.TestRecords.START_SECONDS;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.esa.iss.ports.out.PositionedTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentWritersTest {
    @TempDir
    Path dir;

    @Test
    void writersOfDisjointPartitionsShareTheTable() {
        String tableDir = dir.resolve("bronze").toString();
        Random random = new Random(4);
        DeltaBronzeTable a = new DeltaBronzeTable(tableDir);
        DeltaBronzeTable b = new DeltaBronzeTable(tableDir);
        a.lastOffsets();
        b.lastOffsets();
        for (int i = 0; i < 3; i++) {
            a.append(TestRecords.bronze(random, P0, i * 5L, START_SECONDS + i * 5L, 5), Map.of(P0, i * 5L + 4));
            b.append(TestRecords.bronze(random, P1, i * 5L, START_SECONDS + i * 5L, 5), Map.of(P1, i * 5L + 4));
        }
        assertThat(new DeltaBronzeTable(tableDir).lastOffsets()).isEqualTo(Map.of(P0, 14L, P1, 14L));
        assertThat(TableFiles.rows(tableDir)).hasSize(30);
    }

    @Test
    void aWriterWhosePartitionWasTakenOverIsRefused() {
        String tableDir = dir.resolve("bronze").toString();
        Random random = new Random(4);
        DeltaBronzeTable old = new DeltaBronzeTable(tableDir);
        old.append(TestRecords.bronze(random, P0, 0, START_SECONDS, 5), Map.of(P0, 4L));

        DeltaBronzeTable next = new DeltaBronzeTable(tableDir);
        assertThat(next.lastOffsets()).isEqualTo(Map.of(P0, 4L));
        next.append(TestRecords.bronze(random, P0, 5, START_SECONDS + 5, 5), Map.of(P0, 9L));

        assertThatThrownBy(() -> old.append(TestRecords.bronze(random, P0, 5, START_SECONDS + 5, 5), Map.of(P0, 9L)))
                .isInstanceOf(PositionedTable.ConcurrentOwnership.class)
                .hasMessageContaining("iss-0");
        assertThat(old.lastOffsets()).isEqualTo(Map.of(P0, 9L));
        assertThat(TableFiles.rows(tableDir)).hasSize(10);
    }
}
