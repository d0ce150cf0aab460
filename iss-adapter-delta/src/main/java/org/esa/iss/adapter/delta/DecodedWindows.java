package org.esa.iss.adapter.delta;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.esa.iss.domain.AltitudeWindow;

/**
 * The rows of recently read {@code altitude_windows} row groups, newest first, up to a bound on the windows held in
 * all, so that the query API's memory stays the same however long gold's history grows. The row group used least
 * recently goes first; one with more windows than the bound is read for each query that needs it and not kept.
 * Reads run outside the lock, so several queries may each be reading a row group on top of what is kept.
 */
final class DecodedWindows {
    private final TableStorage storage;
    private final long maxWindows;
    private final LinkedHashMap<WindowRowGroup, List<AltitudeWindow>> rowGroups = new LinkedHashMap<>(16, 0.75f, true);
    private long held;
    private long reads;

    /**
     * @param maxWindows how many windows may be kept in all (~200 bytes each)
     */
    DecodedWindows(TableStorage storage, long maxWindows) {
        this.storage = storage;
        this.maxWindows = maxWindows;
    }

    /** The windows of a row group, newest first. */
    List<AltitudeWindow> newestFirst(WindowRowGroup rowGroup) {
        synchronized (this) {
            List<AltitudeWindow> kept = rowGroups.get(rowGroup);
            if (kept != null) {
                return kept;
            }
        }
        // read without the lock, so that a large row group does not hold up queries answered from what is kept
        List<AltitudeWindow> rows = new ArrayList<>();
        GoldRows.readRowGroup(storage, rowGroup.path, rowGroup.rowGroup, GoldLayouts::readWindow, rows);
        rows.sort(AltitudeWindow.NEWEST_FIRST);
        List<AltitudeWindow> read = List.copyOf(rows);
        synchronized (this) {
            reads++;
            if (read.size() <= maxWindows && rowGroups.putIfAbsent(rowGroup, read) == null) {
                held += read.size();
                Iterator<Map.Entry<WindowRowGroup, List<AltitudeWindow>>> leastRecent = rowGroups.entrySet().iterator();
                while (held > maxWindows) {
                    held -= leastRecent.next().getValue().size();
                    leastRecent.remove();
                }
            }
        }
        return read;
    }

    /** Windows kept now. */
    synchronized long held() {
        return held;
    }

    /** Row groups read so far. */
    synchronized long reads() {
        return reads;
    }
}
