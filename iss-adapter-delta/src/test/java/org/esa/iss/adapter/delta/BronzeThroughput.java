package org.esa.iss.adapter.delta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.esa.iss.domain.Fix;
import org.esa.iss.ports.out.BronzeRecord;

/**
 * Throughput of the bronze write path and of the change-log read path, printed (a measurement, not a test).
 * Run from the module after {@code mvn test-compile}:
 * <pre>
 * ../mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.esa.iss.adapter.delta.BronzeThroughput [rows] [batch]
 * </pre>
 */
public final class BronzeThroughput {
    private BronzeThroughput() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<BronzeRecord> records = TestRecords.bronze(new Random(42), TestRecords.P0, 0, TestRecords.START_SECONDS, rows);
        double[] write = new double[runs];
        double[] read = new double[runs];
        for (int run = 0; run < runs; run++) {
            Path dir = Files.createTempDirectory("bronze-throughput");
            String tableDir = dir.resolve("bronze").toString();
            DeltaBronzeTable table = new DeltaBronzeTable(tableDir);
            table.lastOffsets();
            long t0 = System.nanoTime();
            long encoding = 0;
            for (int from = 0; from < rows; from += batch) {
                List<BronzeRecord> slice = records.subList(from, Math.min(rows, from + batch));
                long e0 = System.nanoTime();
                var prepared = table.positioned().prepare(slice, Map.of(TestRecords.P0, slice.get(slice.size() - 1).offset()));
                encoding += System.nanoTime() - e0;
                table.positioned().commit(prepared);
            }
            long t1 = System.nanoTime();
            DeltaBronzeChangeLog log = new DeltaBronzeChangeLog(tableDir);
            long latest = log.latestVersion();
            long fixes = 0;
            long checksum = 0;
            for (long v = 0; v <= latest; v++) {
                List<Fix> added = log.fixesAddedIn(v);
                fixes += added.size();
                checksum += added.isEmpty() ? 0 : added.get(added.size() - 1).eventMicros();
            }
            long t2 = System.nanoTime();
            write[run] = rows / ((t1 - t0) / 1e9);
            read[run] = fixes / ((t2 - t1) / 1e9);
            System.out.printf("run %d: write %,.0f rows/s (%d commits; Parquet encode %d ms, Delta commits %d ms), "
                    + "change-log read %,.0f rows/s (%d fixes, %d)%n", run + 1, write[run], latest + 1, encoding / 1_000_000,
                    (t1 - t0 - encoding) / 1_000_000, read[run], fixes, checksum % 1000);
            deleteRecursively(dir);
        }
        Arrays.sort(write);
        Arrays.sort(read);
        System.out.printf("median of %d runs: write %,.0f rows/s, read %,.0f rows/s%n", runs, write[runs / 2], read[runs / 2]);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
