package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.esa.iss.adapter.delta.TestRecords.P0;
import static org.esa.iss.adapter.delta.TestRecords.P1;
import static org.esa.iss.adapter.delta.TestRecords.START_SECONDS;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.Operation;
import io.delta.standalone.OptimisticTransaction;
import io.delta.standalone.exceptions.ConcurrentTransactionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.esa.iss.ports.out.BronzeRecord;
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

    /**
     * A writer that lost one of its partitions may still commit another first: reading the new owner's commit
     * then must not make it forget that the partition moved, or its next commit of it would write the new
     * owner's offsets again.
     */
    @Test
    void aWriterStaysRefusedForAPartitionTakenOverWhileItCommittedAnother() {
        String tableDir = dir.resolve("bronze").toString();
        Random random = new Random(4);
        DeltaBronzeTable old = new DeltaBronzeTable(tableDir);
        old.append(TestRecords.bronze(random, P0, 0, START_SECONDS, 5), Map.of(P0, 4L));
        old.append(TestRecords.bronze(random, P1, 0, START_SECONDS, 5), Map.of(P1, 4L));

        DeltaBronzeTable next = new DeltaBronzeTable(tableDir);
        assertThat(next.lastOffsets()).isEqualTo(Map.of(P0, 4L, P1, 4L));
        next.append(TestRecords.bronze(random, P1, 5, START_SECONDS + 5, 5), Map.of(P1, 9L));

        old.append(TestRecords.bronze(random, P0, 5, START_SECONDS + 5, 5), Map.of(P0, 9L));
        assertThatThrownBy(() -> old.append(TestRecords.bronze(random, P1, 5, START_SECONDS + 5, 10), Map.of(P1, 14L)))
                .isInstanceOf(PositionedTable.ConcurrentOwnership.class)
                .hasMessageContaining("iss-1");
        assertThat(TableFiles.rows(tableDir)).hasSize(20);

        // reading the positions again is taking the partitions on anew (the contract's "the caller must re-read")
        assertThat(old.lastOffsets()).isEqualTo(Map.of(P0, 9L, P1, 9L));
        old.append(TestRecords.bronze(random, P1, 10, START_SECONDS + 10, 5), Map.of(P1, 14L));
        assertThat(TableFiles.rows(tableDir)).hasSize(25);
    }

    /** What closes the in-flight window: Delta refuses a commit whose declared app ids a commit since has set. */
    @Test
    void deltaRefusesACommitWhoseDeclaredPartitionWasPositionedWhileItWasInFlight() {
        String tableDir = dir.resolve("bronze").toString();
        Random random = new Random(4);
        DeltaBronzeTable table = new DeltaBronzeTable(tableDir);
        table.append(TestRecords.bronze(random, P0, 0, START_SECONDS, 5), Map.of(P0, 4L));
        DeltaLog log = DeltaLog.forTable(TableStorage.at(tableDir).conf(), tableDir);
        OptimisticTransaction declaringP0 = log.startTransaction();
        TransactionVersions.dependOn(declaringP0, List.of("iss_telemetry:iss:0"));
        OptimisticTransaction declaringP1 = log.startTransaction();
        TransactionVersions.dependOn(declaringP1, List.of("iss_telemetry:iss:1"));

        table.append(TestRecords.bronze(random, P0, 5, START_SECONDS + 5, 5), Map.of(P0, 9L));

        Operation write = new Operation(Operation.Name.WRITE);
        assertThatThrownBy(() -> declaringP0.commit(List.of(), write, "test"))
                .isInstanceOf(ConcurrentTransactionException.class);
        assertThat(declaringP1.commit(List.of(), write, "test").getVersion()).isEqualTo(2);
    }

    /**
     * A partition lost (not revoked) leaves its old owner committing while the new one does, both from the same
     * position. Each round starts two fresh writers that race to commit the same offsets: the loser must be
     * refused even when its commit is already in flight (Delta retrying a version the winner took meanwhile),
     * so every offset is in the table once.
     */
    @Test
    void writersRacingForOnePartitionNeverBothCommitIt() throws Exception {
        String tableDir = dir.resolve("bronze").toString();
        new DeltaBronzeTable(tableDir).append(TestRecords.bronze(new Random(1), P0, 0, START_SECONDS, 5), Map.of(P0, 4L));
        int rounds = 10;
        List<String> outcomes = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= rounds; round++) {
                long first = round * 5L;
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<String>> writers = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    DeltaBronzeTable table = new DeltaBronzeTable(tableDir);
                    table.lastOffsets();
                    List<BronzeRecord> rows = TestRecords.bronze(new Random(round * 2L + w), P0, first, START_SECONDS + first, 5);
                    writers.add(threads.submit(() -> {
                        start.await();
                        try {
                            table.append(rows, Map.of(P0, first + 4));
                            return "committed";
                        } catch (PositionedTable.ConcurrentOwnership e) {
                            return e.getMessage().contains("refused") ? "refused" : e.getMessage();
                        }
                    }));
                }
                for (Future<String> writer : writers) {
                    outcomes.add(writer.get(1, TimeUnit.MINUTES));
                }
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(outcomes.stream().collect(Collectors.groupingBy(o -> o, Collectors.counting())))
                .isEqualTo(Map.of("committed", (long) rounds, "refused", (long) rounds));
        List<Long> offsets = TableFiles.rows(tableDir).stream().map(g -> g.getLong("kafka_offset", 0)).sorted().toList();
        assertThat(offsets).isEqualTo(LongStream.range(0, (rounds + 1) * 5L).boxed().toList());
    }
}
