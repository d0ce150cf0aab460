package org.esa.iss.adapter.delta;

import io.delta.standalone.Operation;
import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.Action;
import io.delta.standalone.actions.AddFile;
import io.delta.standalone.actions.Metadata;
import io.delta.standalone.actions.SetTransaction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.esa.iss.domain.AggregatorStateCodec;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.esa.iss.ports.out.GoldTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gold table ({@code altitude_windows} or {@code orbits}) as a Delta table. Each commit holds the new rows,
 * {@code SetTransaction(<table>:bronze, bronze version)} and the checkpoint the rows were produced from.
 *
 * <p>The checkpoint (bronze version, encoded aggregator state and satellite filter) is kept in the table's
 * metadata configuration ({@value #BRONZE_VERSION_KEY}, {@value #STATE_KEY}, {@value #SATELLITE_KEY}), updated by
 * every commit. That is part of the same atomic commit as the rows, and unlike a commit's user metadata it is part of the snapshot: it
 * survives checkpoints and log cleanup, and reading it needs only the newest metadata (no replay of the
 * file list, no walking back over compaction commits). The cost: every gold commit is a metadata change, so a
 * compaction racing it retries — and a second refiner writing the same table is detected and refused.
 *
 * @param <R> the row type
 */
public final class DeltaGoldTable<R> implements GoldTable<R> {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaGoldTable.class);
    static final String BRONZE_VERSION_KEY = "iss.gold.bronzeVersion";
    static final String STATE_KEY = "iss.gold.aggregatorState";
    /** Rows of a staged commit per data file: two weeks of one satellite's windows, some 10 MB on disk. */
    static final int STAGED_ROWS_PER_FILE = 250_000;
    /** The satellite gold is refined from; absent in tables written before it was kept (then unknown). */
    static final String SATELLITE_KEY = "iss.gold.satellite";
    /** The id of the bronze table the checkpoint's version is of (absent in gold written before it was kept). */
    static final String BRONZE_TABLE_KEY = "iss.gold.bronzeTableId";

    private final TableLog log;
    private final DataFileWriter<R> writer;
    private final DeltaTableOptions options;
    private final AutoCompaction autoCompaction;
    private Optional<Long> committedBronzeVersion;

    private DeltaGoldTable(TableLog log, DataFileWriter<R> writer, DeltaTableOptions options) {
        this.log = log;
        this.writer = writer;
        this.options = options;
        this.autoCompaction = new AutoCompaction(log, options);
    }

    /** The {@code altitude_windows} table at {@code tableDir}. */
    public static DeltaGoldTable<AltitudeWindow> altitudeWindows(String tableDir, DeltaTableOptions options) {
        // a backlog refines into hundreds of thousands of windows: written column by column, like bronze
        TableLog log = new TableLog(TableStorage.at(tableDir), GoldLayouts.WINDOWS_LAYOUT);
        return new DeltaGoldTable<>(log, DataFileWriter.columnar(log.storage(), GoldLayouts.WINDOWS_LAYOUT,
                (window, micros) -> null, GoldLayouts.WindowColumns::new, options), options);
    }

    /** The {@code orbits} table at {@code tableDir}. */
    public static DeltaGoldTable<Orbit> orbits(String tableDir, DeltaTableOptions options) {
        TableLog log = new TableLog(TableStorage.at(tableDir), GoldLayouts.ORBITS_LAYOUT);
        return new DeltaGoldTable<>(log, DataFileWriter.records(log.storage(), GoldLayouts.ORBITS_LAYOUT,
                new GoldLayouts.Orbits(), options), options);
    }

    /** The app id of the transaction that records the last bronze version consumed. */
    public String transactionAppId() {
        return log.layout().name() + ":bronze";
    }

    @Override
    public synchronized Optional<GoldCheckpoint> checkpoint() {
        Snapshot snapshot = log.latest();
        if (snapshot.getVersion() < 0) {
            committedBronzeVersion = Optional.empty();
            return Optional.empty();
        }
        Map<String, String> config = snapshot.getMetadata().getConfiguration();
        String version = config.get(BRONZE_VERSION_KEY);
        String state = config.get(STATE_KEY);
        if (version == null || state == null) {
            // This table is created by its first commit, which carries the checkpoint: without one, another tool
            // removed it, and refining from the start would append every row the table already holds again.
            throw lostCheckpoint(snapshot.getVersion());
        }
        committedBronzeVersion = Optional.of(Long.parseLong(version));
        return Optional.of(new GoldCheckpoint(Long.parseLong(version), AggregatorStateCodec.decode(state),
                Long.parseLong(config.getOrDefault(SATELLITE_KEY, String.valueOf(GoldCheckpoint.UNKNOWN_SATELLITE_FILTER))),
                config.getOrDefault(BRONZE_TABLE_KEY, "")));
    }

    @Override
    public synchronized void commit(List<R> rows, GoldCheckpoint checkpoint) {
        refuseIfHeld(checkpoint.bronzeVersion(), committedBronzeVersion()); // before any file is written for it
        commitFiles(write(rows), rows.size(), checkpoint);
    }

    /** Writes the rows of each {@value #STAGED_ROWS_PER_FILE} added into a data file, invisible until the commit. */
    @Override
    public Staged<R> stage() {
        return new Staged<>() {
            private final List<R> pending = new ArrayList<>();
            private final List<AddFile> files = new ArrayList<>();
            private long rows;

            @Override
            public void add(List<R> part) {
                pending.addAll(part);
                if (pending.size() >= STAGED_ROWS_PER_FILE) {
                    flush();
                }
            }

            private void flush() {
                files.addAll(write(pending));
                rows += pending.size();
                pending.clear();
            }

            @Override
            public void commit(GoldCheckpoint checkpoint) {
                flush();
                List<AddFile> committing = List.copyOf(files);
                files.clear(); // from here on they may be the table's: an abandon must not delete them
                commitFiles(committing, rows, checkpoint);
            }

            @Override
            public void abandon() {
                pending.clear();
                for (AddFile file : files) {
                    Path path = log.storage().resolve(file.getPath());
                    try {
                        log.storage().fs().delete(path, false);
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("cannot delete {}, staged for a commit that was abandoned ({}); nothing references it,"
                                + " and a vacuum of {} removes it", path, e.toString(), log.layout().name());
                    }
                }
                files.clear();
            }
        };
    }

    private synchronized List<AddFile> write(List<R> rows) {
        return writer.write(rows, Math.multiplyExact(options.clock().millis(), 1000L), true);
    }

    private synchronized void commitFiles(List<AddFile> files, long rows, GoldCheckpoint checkpoint) {
        List<Action> actions = new ArrayList<>(files);
        actions.add(new SetTransaction(transactionAppId(), checkpoint.bronzeVersion(), Optional.of(options.clock().millis())));
        Operation operation = new Operation(Operation.Name.STREAMING_UPDATE, Map.of(), Map.of(
                Operation.Metrics.numFiles, Integer.toString(files.size()),
                Operation.Metrics.numOutputRows, Long.toString(rows)),
                Optional.of("bronze version " + checkpoint.bronzeVersion()));
        String state = AggregatorStateCodec.encode(checkpoint.state());
        Optional<Long> expected = committedBronzeVersion();
        log.commit(actions, operation, metadata -> withCheckpoint(metadata, checkpoint, state), txn -> {
            String current = txn.readVersion() < 0 ? null : txn.metadata().getConfiguration().get(BRONZE_VERSION_KEY);
            Optional<Long> found = Optional.ofNullable(current).map(Long::parseLong);
            if (found.isEmpty() && expected.isPresent()) {
                throw txn.readVersion() < 0 ? new IllegalStateException("gold table " + log.layout().name() + " at "
                        + log.storage().root() + " was deleted while this refiner wrote it; run the refiner again, which"
                        + " rebuilds it from bronze (delete both gold tables first, altitude_windows and orbits)")
                        : lostCheckpoint(txn.readVersion());
            }
            if (!found.equals(expected)) {
                throw new IllegalStateException("gold table " + log.layout().name() + " moved to bronze version "
                        + found.map(String::valueOf).orElse("none") + " behind this refiner's back (it expected "
                        + expected.map(String::valueOf).orElse("none") + "): another refiner is writing it; run one only");
            }
            refuseIfHeld(checkpoint.bronzeVersion(), found);
        });
        committedBronzeVersion = Optional.of(checkpoint.bronzeVersion());
        autoCompaction.committed(files.size());
    }

    private IllegalStateException lostCheckpoint(long version) {
        return new IllegalStateException("gold table " + log.layout().name() + " at " + log.storage().root()
                + " is at version " + version + " but has lost the checkpoint it keeps in its table properties ("
                + BRONZE_VERSION_KEY + ", " + STATE_KEY + "; removed by another tool?), so refining on would write its"
                + " rows twice; delete both gold tables (altitude_windows and orbits) to rebuild them from bronze");
    }

    /** The bronze version this writer last saw committed, read from the log the first time it is asked for. */
    private synchronized Optional<Long> committedBronzeVersion() {
        if (committedBronzeVersion == null) {
            checkpoint();
        }
        return committedBronzeVersion;
    }

    private void refuseIfHeld(long bronzeVersion, Optional<Long> held) {
        if (held.isPresent() && bronzeVersion <= held.get()) {
            throw new IllegalStateException("gold table " + log.layout().name() + " holds bronze version " + held.get()
                    + " already, so a commit of bronze version " + bronzeVersion + " would write its rows twice");
        }
    }

    private static Metadata withCheckpoint(Metadata metadata, GoldCheckpoint checkpoint, String state) {
        Map<String, String> config = new HashMap<>(metadata.getConfiguration());
        config.put(BRONZE_VERSION_KEY, Long.toString(checkpoint.bronzeVersion()));
        config.put(STATE_KEY, state);
        config.put(SATELLITE_KEY, Long.toString(checkpoint.satelliteFilter()));
        if (!checkpoint.bronzeTableId().isEmpty()) { // an unknown id leaves one stored before as it is
            config.put(BRONZE_TABLE_KEY, checkpoint.bronzeTableId());
        }
        return metadata.copyBuilder().configuration(config).build();
    }

    TableLog log() {
        return log;
    }
}
