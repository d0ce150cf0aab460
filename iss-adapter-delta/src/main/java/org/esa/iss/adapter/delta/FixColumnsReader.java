package org.esa.iss.adapter.delta;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Units;

/**
 * Reads the fixes of one bronze data file: only the six columns refinement needs, column by column straight
 * into primitive arrays (no record assembly, no boxing), then one {@link Fix} per row. This is the hot loop
 * of refinement.
 */
final class FixColumnsReader {
    private static final String[] COLUMNS = {"id", "timestamp", "latitude", "longitude", "altitude", "units"};
    private static final Binary MILES = Binary.fromString(Units.MILES.apiName());
    private static final GroupConverter IGNORED = new GroupConverter() {
        private final PrimitiveConverter primitive = new PrimitiveConverter() {
        };

        @Override
        public Converter getConverter(int fieldIndex) {
            return primitive;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    };

    private final TableStorage storage;

    FixColumnsReader(TableStorage storage) {
        this.storage = storage;
    }

    /** Appends the file's fixes to {@code out}, in file order. */
    void read(Path file, List<Fix> out) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(storage.inputFile(file), ParquetReadOptions.builder().build())) {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            MessageType projection = new MessageType(fileSchema.getName(),
                    java.util.Arrays.stream(COLUMNS).map(fileSchema::getType).toList());
            reader.setRequestedSchema(projection);
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                readRowGroup(rowGroup, new ColumnReadStoreImpl(rowGroup, IGNORED, projection, createdBy), projection, out);
            }
        }
    }

    private static void readRowGroup(PageReadStore rowGroup, ColumnReadStoreImpl store, MessageType projection, List<Fix> out) {
        int rows = Math.toIntExact(rowGroup.getRowCount());
        long[] ids = new long[rows];
        long[] seconds = new long[rows];
        double[] lat = new double[rows];
        double[] lon = new double[rows];
        double[] alt = new double[rows];
        boolean[] present = new boolean[rows];
        java.util.Arrays.fill(present, true);
        readLongs(column(store, projection, "id"), ids, present);
        readLongs(column(store, projection, "timestamp"), seconds, present);
        readDoubles(column(store, projection, "latitude"), lat, present);
        readDoubles(column(store, projection, "longitude"), lon, present);
        readDoubles(column(store, projection, "altitude"), alt, present);
        ColumnReader units = column(store, projection, "units");
        int maxDef = units.getDescriptor().getMaxDefinitionLevel();
        for (int i = 0; i < rows; i++) {
            if (units.getCurrentDefinitionLevel() == maxDef) {
                if (MILES.equals(units.getBinary())) {
                    alt[i] = Units.MILES.toKilometres(alt[i]);
                }
            } else {
                present[i] = false;
            }
            units.consume();
        }
        for (int i = 0; i < rows; i++) {
            if (present[i]) {
                out.add(new Fix(ids[i], seconds[i] * 1_000_000L, lat[i], lon[i], alt[i]));
            }
        }
    }

    private static ColumnReader column(ColumnReadStoreImpl store, MessageType projection, String name) {
        ColumnDescriptor descriptor = projection.getColumnDescription(new String[] {name});
        return store.getColumnReader(descriptor);
    }

    private static void readLongs(ColumnReader reader, long[] into, boolean[] present) {
        int maxDef = reader.getDescriptor().getMaxDefinitionLevel();
        for (int i = 0; i < into.length; i++) {
            if (reader.getCurrentDefinitionLevel() == maxDef) {
                into[i] = reader.getLong();
            } else {
                present[i] = false;
            }
            reader.consume();
        }
    }

    private static void readDoubles(ColumnReader reader, double[] into, boolean[] present) {
        int maxDef = reader.getDescriptor().getMaxDefinitionLevel();
        for (int i = 0; i < into.length; i++) {
            if (reader.getCurrentDefinitionLevel() == maxDef) {
                into[i] = reader.getDouble();
            } else {
                present[i] = false;
            }
            reader.consume();
        }
    }
}
