package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.esa.iss.adapter.delta.TestRecords.P0;
import static org.esa.iss.adapter.delta.TestRecords.START_SECONDS;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class CompactionRaceTest {
    @TempDir
    Path dir;

    @Test
    void appendsAndCompactionsRacingEachOtherLoseAndDuplicateNothing() throws Exception {
        String tableDir = dir.resolve("bronze").toString();
        DeltaBronzeTable table = new DeltaBronzeTable(tableDir, DeltaTableOptions.defaults().withAutoCompactAfterFiles(0));
        table.append(TestRecords.bronze(new Random(0), P0, 0, START_SECONDS, 2), Map.of(P0, 1L));
        AtomicBoolean appending = new AtomicBoolean(true);
        AtomicInteger compactions = new AtomicInteger();
        CompletableFuture<Void> compactor = CompletableFuture.runAsync(() -> {
            DeltaCompaction compaction = new DeltaCompaction(tableDir, DeltaTableOptions.defaults(), DeltaCompaction.Options.defaults());
            while (appending.get()) {
                if (compaction.compact().version() >= 0) {
                    compactions.incrementAndGet();
                }
            }
        });
        Random random = new Random(1);
        int appends = 25;
        for (int i = 1; i <= appends; i++) {
            table.append(TestRecords.bronze(random, P0, i * 2L, START_SECONDS + i * 2L, 2), Map.of(P0, i * 2L + 1));
        }
        appending.set(false);
        compactor.get();

        List<Long> offsets = TableFiles.rows(tableDir).stream().map(g -> g.getLong("kafka_offset", 0)).sorted().toList();
        assertThat(offsets).hasSize(2 * (appends + 1)).doesNotHaveDuplicates();
        assertThat(new DeltaBronzeTable(tableDir).lastOffsets()).isEqualTo(Map.of(P0, 2L * appends + 1));
        assertThat(compactions.get()).isPositive();
        long fixes = 0;
        DeltaBronzeChangeLog log = new DeltaBronzeChangeLog(tableDir);
        for (long v = 0; v <= log.latestVersion(); v++) {
            fixes += log.fixesAddedIn(v).size();
        }
        assertThat(fixes).isEqualTo(2L * (appends + 1));
    }
}
