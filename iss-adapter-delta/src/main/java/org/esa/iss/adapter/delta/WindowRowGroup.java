package org.esa.iss.adapter.delta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.esa.iss.domain.Micros;
import org.esa.iss.domain.PeakAltitude;

/**
 * One row group of an {@code altitude_windows} data file, as the file's footer bounds it: the first and last window
 * start and the highest altitude. A query reads the rows only of the row groups these bounds cannot rule out. Row
 * groups this module writes column by column hold at most {@link ColumnarFile#ROWS_PER_ROW_GROUP} windows, however
 * large compaction makes the file; another writer's (and compaction's rewrite of files another writer made) may hold
 * far more. Where the footer has no statistics, the bounds are open and the row group is always read.
 *
 * <p>The row group's peak is kept once it has been worked out: it is small, and data files never change.
 */
final class WindowRowGroup {
    private static final String START = "window_start";
    private static final String ALTITUDE = "max_altitude_km";
    private static final Bounds OPEN = new Bounds(Instant.MIN, Instant.MAX, Double.POSITIVE_INFINITY);

    /** The data file, relative to the table. */
    final String path;
    /** The row group's index in the file. */
    final int rowGroup;
    final Bounds bounds;
    /** Set when first worked out; queries racing to it set the same value. */
    private volatile Optional<PeakAltitude> peak;

    private WindowRowGroup(String path, int rowGroup, Bounds bounds) {
        this.path = path;
        this.rowGroup = rowGroup;
        this.bounds = bounds;
    }

    /**
     * @param firstStart the earliest window start in the row group, or earlier
     * @param lastStart  the latest window start, or later
     * @param highestKm  the highest {@code max_altitude_km}, or higher
     */
    record Bounds(Instant firstStart, Instant lastStart, double highestKm) {
    }

    /** The non-empty row groups of the data file at {@code relativePath}, from its footer. */
    static List<WindowRowGroup> of(TableStorage storage, String relativePath) {
        return GoldRows.withReader(storage, relativePath, reader -> {
            List<WindowRowGroup> found = new ArrayList<>();
            List<BlockMetaData> rowGroups = reader.getRowGroups(); // the list readRowGroup(i) indexes
            for (int i = 0; i < rowGroups.size(); i++) {
                if (rowGroups.get(i).getRowCount() > 0) {
                    found.add(new WindowRowGroup(relativePath, i, bounds(rowGroups.get(i))));
                }
            }
            return List.copyOf(found);
        });
    }

    private static Bounds bounds(BlockMetaData rowGroup) {
        Statistics<?> start = null;
        Statistics<?> altitude = null;
        for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
            String column = chunk.getPath().toDotString();
            if (column.equals(START)) {
                start = chunk.getStatistics();
            } else if (column.equals(ALTITUDE)) {
                altitude = chunk.getStatistics();
            }
        }
        // parquet-mr already leaves out statistics holding a NaN; a NaN maximum from elsewhere would bound nothing
        if (!bounded(start, Long.class) || !bounded(altitude, Double.class) || ((Double) altitude.genericGetMax()).isNaN()) {
            return OPEN;
        }
        return new Bounds(Micros.toInstant((Long) start.genericGetMin()), Micros.toInstant((Long) start.genericGetMax()),
                (Double) altitude.genericGetMax());
    }

    /** Whether a column chunk's statistics bound it, with values of the expected type. */
    private static boolean bounded(Statistics<?> stats, Class<?> type) {
        return stats != null && stats.hasNonNullValue() && type.isInstance(stats.genericGetMax());
    }

    /** Whether the row group may hold a window starting in {@code [from, to)}. */
    boolean mayHoldStartsIn(Instant from, Instant to) {
        return !bounds.lastStart().isBefore(from) && bounds.firstStart().isBefore(to);
    }

    /** The row group's peak, reading its rows the first time it is asked for. */
    Optional<PeakAltitude> peak(DecodedWindows decoded) {
        Optional<PeakAltitude> known = peak;
        if (known == null) {
            known = PeakAltitude.of(decoded.newestFirst(this));
            peak = known;
        }
        return known;
    }
}
