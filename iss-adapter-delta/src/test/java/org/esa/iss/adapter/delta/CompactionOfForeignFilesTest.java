package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.Operation;
import io.delta.standalone.actions.AddFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Micros;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction rewrites only files in the table's own schema: another tool's file keeps every column it has. */
class CompactionOfForeignFilesTest {
    private static final Instant T0 = Instant.parse("2024-04-25T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aFileWithAColumnTheTableDoesNotKnowIsLeftAsItIsWhileTheOwnFilesAreMerged() throws IOException {
        String table = dir.resolve("gold/altitude_windows").toString();
        DeltaGoldTable<AltitudeWindow> windows = DeltaGoldTable.altitudeWindows(table, DeltaTableOptions.defaults());
        List<AltitudeWindow> all = new ArrayList<>();
        for (int commit = 0; commit < 3; commit++) {
            List<AltitudeWindow> rows = windows(T0.plusSeconds(100L * commit), 410 + commit);
            windows.commit(rows, new GoldCheckpoint(commit, DeltaGoldTableTest.stateAfter(commit)));
            all.addAll(rows);
        }
        List<AltitudeWindow> annotated = windows(T0.plusSeconds(1_000), 420);
        addFileWithANote(table, "part-annotated.parquet", annotated);
        addFileWithANote(table, "part-annotated-2.parquet", windows(T0.plusSeconds(2_000), 421));
        Set<String> before = files(table);

        DeltaCompaction.Result result = new DeltaCompaction(table, DeltaTableOptions.defaults(),
                DeltaCompaction.Options.defaults()).compact();

        assertThat(result.filesRemoved()).isEqualTo(3);
        assertThat(result.rowsRewritten()).isEqualTo(all.size());
        Set<String> after = files(table);
        assertThat(after).contains("part-annotated.parquet", "part-annotated-2.parquet").hasSize(3);
        assertThat(before).hasSize(5);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(Path.of(table, "part-annotated.parquet")))) {
            assertThat(reader.getFooter().getFileMetaData().getSchema().containsField("note")).isTrue();
        }
        assertThat(new DeltaAltitudeHistory(table, dir.resolve("gold/orbits").toString()).allWindows())
                .hasSize(all.size() + 2 * annotated.size());
    }

    private static Set<String> files(String table) {
        return DeltaLog.forTable(new Configuration(), table).update().getAllFiles().stream().map(AddFile::getPath)
                .collect(Collectors.toSet());
    }

    /** A windows file as another tool might write it: the table's columns and a {@code note} the table lacks. */
    private static void addFileWithANote(String table, String name, List<AltitudeWindow> rows) throws IOException {
        Path file = Path.of(table, name);
        MessageType own = GoldLayouts.WINDOWS_LAYOUT.parquetSchema();
        List<Type> fields = new ArrayList<>(own.getFields());
        fields.add(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("note"));
        MessageType schema = new MessageType(own.getName(), fields);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build()) {
            for (AltitudeWindow w : rows) {
                writer.write(groups.newGroup().append("satellite_id", w.satelliteId())
                        .append("window_start", Micros.of(w.start())).append("window_end", Micros.of(w.end()))
                        .append("max_altitude_km", w.maxAltitudeKm()).append("max_at", Micros.of(w.maxAt()))
                        .append("min_altitude_km", w.minAltitudeKm()).append("min_at", Micros.of(w.minAt()))
                        .append("samples", w.samples()).append("note", "checked by hand"));
            }
        }
        DeltaLog.forTable(new Configuration(), table).startTransaction().commit(
                List.of(new AddFile(name, Map.of(), Files.size(file), System.currentTimeMillis(), true, null, null)),
                new Operation(Operation.Name.WRITE), "test");
    }

    /** Five 5 s windows from {@code start}. */
    private static List<AltitudeWindow> windows(Instant start, double baseKm) {
        List<AltitudeWindow> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant s = start.plusSeconds(5L * i);
            rows.add(new AltitudeWindow(25544, s, s.plusSeconds(5), baseKm + i / 10.0, s.plusSeconds(1), baseKm - 1, s, 10));
        }
        return rows;
    }
}
