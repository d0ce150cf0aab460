package org.esa.iss.app.faults;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.AddFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * Reads the bronze and quarantine tables back the way any Delta reader would: the files of the newest
 * snapshot, row by row. The suite's verdicts rest on this, not on the ingester's own counters.
 */
final class TableRows {
    /** A bronze row's lineage and its event second. */
    record BronzeRow(int partition, long offset, long timestamp) {
    }

    /** A quarantine row's coordinates, error and raw value ({@code null} for a tombstone). */
    record QuarantineRow(int partition, long offset, String error, byte[] value) {
    }

    private TableRows() {
    }

    static List<BronzeRow> bronze(Path table) {
        return read(table, g -> new BronzeRow(g.getInteger("kafka_partition", 0), g.getLong("kafka_offset", 0),
                g.getLong("timestamp", 0)));
    }

    static List<QuarantineRow> quarantine(Path table) {
        return read(table, g -> new QuarantineRow(g.getInteger("kafka_partition", 0), g.getLong("kafka_offset", 0),
                g.getFieldRepetitionCount("error") == 0 ? null : g.getString("error", 0),
                g.getFieldRepetitionCount("value") == 0 ? null : g.getBinary("value", 0).getBytes()));
    }

    /** The newest committed version, from the log directory alone (-1 when there is none yet). */
    static long latestVersion(Path table) {
        Path log = table.resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return -1;
        }
        try (Stream<Path> entries = Files.list(log)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("\\d{20}\\.json"))
                    .mapToLong(name -> Long.parseLong(name.substring(0, 20)))
                    .max().orElse(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <R> List<R> read(Path table, Function<Group, R> decode) {
        Configuration conf = new Configuration();
        List<R> rows = new ArrayList<>();
        if (latestVersion(table) < 0) {
            return rows;
        }
        Snapshot snapshot = DeltaLog.forTable(conf, table.toString()).update();
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(table.toUri());
        for (AddFile file : snapshot.getAllFiles()) {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(root, new org.apache.hadoop.fs.Path(URI.create(file.getPath())));
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(conf).build()) {
                for (Group row = reader.read(); row != null; row = reader.read()) {
                    rows.add(decode.apply(row));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + " of " + table, e);
            }
        }
        return rows;
    }
}
