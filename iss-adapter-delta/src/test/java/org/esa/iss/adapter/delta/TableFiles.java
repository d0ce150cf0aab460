package org.esa.iss.adapter.delta;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.Operation;
import io.delta.standalone.OptimisticTransaction;
import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.AddFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;

/** Reads a table the way an independent reader would: Delta's snapshot for the files, plain Parquet for rows. */
final class TableFiles {
    private TableFiles() {
    }

    static Snapshot snapshot(String tableDir) {
        return DeltaLog.forTable(new Configuration(), tableDir).update();
    }

    static Path path(String tableDir, AddFile file) {
        return new Path(new Path(tableDir), new Path(URI.create(file.getPath())));
    }

    static List<Group> rows(String tableDir, AddFile file) {
        List<Group> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path(tableDir, file))
                .withConf(new Configuration()).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                rows.add(g);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Every row of the current snapshot, file after file. */
    static List<Group> rows(String tableDir) {
        List<Group> rows = new ArrayList<>();
        for (AddFile file : snapshot(tableDir).getAllFiles()) {
            rows.addAll(rows(tableDir, file));
        }
        return rows;
    }

    /** The file's footer: row groups, column chunks and their statistics. */
    static org.apache.parquet.hadoop.metadata.ParquetMetadata footer(String tableDir, AddFile file) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path(tableDir, file), new Configuration()))) {
            return reader.getFooter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageType schema(String tableDir, AddFile file) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path(tableDir, file), new Configuration()))) {
            return reader.getFooter().getFileMetaData().getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes the table's properties as an operator would in Spark ({@code ALTER TABLE ... SET TBLPROPERTIES}). */
    static void changeTableProperties(String tableDir, UnaryOperator<Map<String, String>> change) {
        OptimisticTransaction txn = DeltaLog.forTable(new Configuration(), tableDir).startTransaction();
        txn.updateMetadata(txn.metadata().copyBuilder().configuration(change.apply(txn.metadata().getConfiguration())).build());
        txn.commit(List.of(), new Operation(Operation.Name.SET_TABLE_PROPERTIES), "test");
    }

    /** Sets one table property, keeping the others. */
    static void setTableProperty(String tableDir, String key, String value) {
        changeTableProperties(tableDir, configuration -> {
            Map<String, String> changed = new HashMap<>(configuration);
            changed.put(key, value);
            return changed;
        });
    }

    /** Makes the files look {@code age} old to anything that goes by their modification time. */
    static void backdate(Collection<java.nio.file.Path> files, Duration age) throws IOException {
        FileTime then = FileTime.from(Instant.now().minus(age));
        for (java.nio.file.Path file : files) {
            Files.setLastModifiedTime(file, then);
        }
    }
}
