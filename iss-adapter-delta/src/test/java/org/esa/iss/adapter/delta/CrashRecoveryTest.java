package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.esa.iss.adapter.delta.TestRecords.P0;
import static org.esa.iss.adapter.delta.TestRecords.START_SECONDS;

import io.delta.standalone.actions.AddFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.esa.iss.ports.out.BronzeRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void filesWrittenButNeverCommittedLeaveOffsetsAndContentUnchanged() throws Exception {
        String tableDir = dir.resolve("bronze").toString();
        Random random = new Random(11);
        DeltaBronzeTable table = new DeltaBronzeTable(tableDir);
        List<BronzeRecord> committed = TestRecords.bronze(random, P0, 0, START_SECONDS, 50);
        table.append(committed, Map.of(P0, 49L));

        // The process dies after writing the next flush's files, before its commit.
        List<BronzeRecord> lost = TestRecords.bronze(random, P0, 50, START_SECONDS + 50, 30);
        PositionedDeltaTable.Prepared orphan = table.positioned().prepare(lost, Map.of(P0, 79L));
        String orphanPath = orphan.files().get(0).getPath();
        assertThat(Files.exists(dir.resolve("bronze").resolve(orphanPath))).isTrue();

        DeltaBronzeTable restarted = new DeltaBronzeTable(tableDir);
        assertThat(restarted.lastOffsets()).isEqualTo(Map.of(P0, 49L));
        assertThat(TableFiles.snapshot(tableDir).getAllFiles()).extracting(AddFile::getPath).doesNotContain(orphanPath);

        // The restarted ingester reads offsets 50.. again and appends them.
        restarted.append(lost, Map.of(P0, 79L));
        List<Long> offsets = TableFiles.rows(tableDir).stream().map(g -> g.getLong("kafka_offset", 0)).sorted().toList();
        assertThat(offsets).hasSize(80).doesNotHaveDuplicates();
        assertThat(offsets.get(79)).isEqualTo(79L);
        assertThat(new DeltaBronzeTable(tableDir).lastOffsets()).isEqualTo(Map.of(P0, 79L));
    }

    @Test
    void aCommitThatCompletedIsFoundAfterRestartEvenIfNothingElseHappened() {
        String tableDir = dir.resolve("bronze").toString();
        DeltaBronzeTable table = new DeltaBronzeTable(tableDir);
        PositionedDeltaTable.Prepared prepared = table.positioned().prepare(
                TestRecords.bronze(new Random(5), P0, 0, START_SECONDS, 10), Map.of(P0, 9L));
        table.positioned().commit(prepared);
        // Crash right after the commit: the restart sees it whole.
        assertThat(new DeltaBronzeTable(tableDir).lastOffsets()).isEqualTo(Map.of(P0, 9L));
        assertThat(TableFiles.rows(tableDir).stream().map(g -> g.getLong("kafka_offset", 0)).collect(Collectors.toSet()))
                .hasSize(10);
    }
}
