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
 */
final class DecodedWindows {
    private final TableStorage storage;
    private final long maxWindows;
    private final LinkedHashMap<WindowBlock, List<AltitudeWindow>> blocks = new LinkedHashMap<>(16, 0.75f, true);
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
    List<AltitudeWindow> newestFirst(WindowBlock block) {
        synchronized (this) {
            List<AltitudeWindow> kept = blocks.get(block);
            if (kept != null) {
                return kept;
            }
        }
        // read without the lock, so that a large row group does not hold up queries answered from what is kept
        List<AltitudeWindow> rows = new ArrayList<>();
        GoldRows.readRowGroup(storage, block.path, block.rowGroup, GoldLayouts::readWindow, rows);
        rows.sort(AltitudeWindow.NEWEST_FIRST);
        List<AltitudeWindow> read = List.copyOf(rows);
        synchronized (this) {
            reads++;
            if (read.size() <= maxWindows && blocks.putIfAbsent(block, read) == null) {
                held += read.size();
                Iterator<Map.Entry<WindowBlock, List<AltitudeWindow>>> leastRecent = blocks.entrySet().iterator();
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
