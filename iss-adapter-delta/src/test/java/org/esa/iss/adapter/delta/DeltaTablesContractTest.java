package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.Units;
import org.esa.iss.domain.Visibility;
import org.esa.iss.ports.contract.BronzeChangeLogContract;
import org.esa.iss.ports.contract.BronzeTableContract;
import org.esa.iss.ports.contract.GoldTableContract;
import org.esa.iss.ports.out.BronzeChangeLog;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.BronzeTable;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.esa.iss.ports.out.GoldTable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Delta tables keep the ports' promises, on disk: reopening is a new handle on the same directory. */
class DeltaTablesContractTest {
    @TempDir
    Path dir;

    private String bronzeDir() {
        return dir.resolve("bronze/iss_telemetry").toString();
    }

    @Nested
    class Bronze extends BronzeTableContract {
        @Override
        protected BronzeTable createTable() {
            return new DeltaBronzeTable(bronzeDir());
        }

        @Override
        protected BronzeTable reopen(BronzeTable table) {
            return new DeltaBronzeTable(bronzeDir());
        }

        /** Every row as written, rebuilt from the Parquet files the table's snapshot holds. */
        @Override
        protected List<BronzeRecord> readAll(BronzeTable table) {
            if (TableFiles.snapshot(bronzeDir()).getVersion() < 0) {
                return List.of();
            }
            List<BronzeRecord> rows = new ArrayList<>();
            for (Group g : TableFiles.rows(bronzeDir())) {
                Telemetry telemetry = new Telemetry(g.getLong("id", 0), g.getString("name", 0), g.getDouble("latitude", 0),
                        g.getDouble("longitude", 0), g.getDouble("altitude", 0), g.getDouble("velocity", 0),
                        Visibility.fromApiName(g.getString("visibility", 0)), g.getDouble("footprint", 0),
                        g.getLong("timestamp", 0), g.getDouble("daynum", 0), g.getDouble("solar_lat", 0),
                        g.getDouble("solar_lon", 0), Units.fromApiName(g.getString("units", 0)));
                FeedPartition partition = new FeedPartition(g.getString("kafka_topic", 0), g.getInteger("kafka_partition", 0));
                rows.add(new BronzeRecord(telemetry, partition, g.getLong("kafka_offset", 0),
                        g.getLong("kafka_timestamp", 0) / 1_000, g.getString("source", 0)));
            }
            return rows;
        }
    }

    @Nested
    class ChangeLog extends BronzeChangeLogContract {
        @Override
        protected BronzeTable createTable() {
            return new DeltaBronzeTable(bronzeDir());
        }

        @Override
        protected BronzeChangeLog changeLogOf(BronzeTable table) {
            return new DeltaBronzeChangeLog(bronzeDir());
        }

        /** Deletes the log entries before the version, as Delta's log clean-up does once a checkpoint covers them. */
        @Override
        protected void expireVersionsBefore(BronzeTable table, long version) throws IOException {
            Path log = Path.of(bronzeDir(), "_delta_log");
            assertThat(log.resolve(String.format("%020d.checkpoint.parquet", version))).exists();
            for (long v = 0; v < version; v++) {
                Files.delete(log.resolve(String.format("%020d.json", v)));
            }
        }
    }

    @Nested
    class Gold extends GoldTableContract {
        private String tableDir() {
            return dir.resolve("gold/altitude_windows").toString();
        }

        @Override
        protected GoldTable<AltitudeWindow> createTable() {
            return DeltaGoldTable.altitudeWindows(tableDir(), DeltaTableOptions.defaults());
        }

        @Override
        protected GoldTable<AltitudeWindow> reopen(GoldTable<AltitudeWindow> table) {
            return createTable();
        }

        @Override
        protected List<AltitudeWindow> readAll(GoldTable<AltitudeWindow> table) {
            return new DeltaAltitudeHistory(tableDir(), dir.resolve("gold/orbits").toString()).allWindows();
        }

        @Test
        void aCommitRefusedForAVersionHeldWritesNoDataFile() throws Exception {
            GoldTable<AltitudeWindow> table = createTable();
            List<AltitudeWindow> rows = new ArrayList<>();
            GoldCheckpoint after60 = checkpointAfter(60, rows);
            table.commit(rows, after60);
            Set<Path> before = dataFiles();

            assertThatThrownBy(() -> reopen(table).commit(rows, after60)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> table.commit(rows, after60)).isInstanceOf(IllegalStateException.class);
            assertThat(dataFiles()).isEqualTo(before);
        }

        private Set<Path> dataFiles() throws IOException {
            try (Stream<Path> files = Files.list(Path.of(tableDir()))) {
                return files.filter(f -> f.toString().endsWith(".parquet")).collect(Collectors.toSet());
            }
        }
    }
}
