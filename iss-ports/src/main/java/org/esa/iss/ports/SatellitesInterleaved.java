package org.esa.iss.ports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.esa.iss.domain.Fix;

/**
 * The order the refiner feeds a bronze version in: its satellites interleaved by event time.
 *
 * <p>A backlog of several satellites lands in one version a partition after the other (a satellite's fixes share
 * a partition, keyed by its id). Read as stored, the first satellite's newest fixes would move the shared watermark
 * past all of the next one's, and gold would drop them as late. This helps within a version only: a backlog spread
 * over several versions can still lose fixes of the satellites read last. Each satellite's own fixes keep the
 * order they were stored in, so a single satellite's gold stays a function of its partition's order alone,
 * whatever versions the ingester cut it into.
 */
final class SatellitesInterleaved {
    /** The satellite whose next fix is oldest goes first; a tie goes to the lower id, so the merge is deterministic. */
    private static final Comparator<Head> OLDEST_FIRST = Comparator.comparingLong((Head head) -> head.fix.eventMicros())
            .thenComparingLong(head -> head.fix.satelliteId());

    private SatellitesInterleaved() {
    }

    /** {@code fixes} themselves if they are of one satellite, otherwise a merged copy. */
    static List<Fix> of(List<Fix> fixes) {
        if (ofOneSatellite(fixes)) {
            return fixes;
        }
        Map<Long, List<Fix>> bySatellite = new LinkedHashMap<>();
        for (Fix fix : fixes) {
            bySatellite.computeIfAbsent(fix.satelliteId(), id -> new ArrayList<>()).add(fix);
        }
        PriorityQueue<Head> heads = new PriorityQueue<>(bySatellite.size(), OLDEST_FIRST);
        for (List<Fix> own : bySatellite.values()) {
            Iterator<Fix> rest = own.iterator();
            heads.add(new Head(rest.next(), rest));
        }
        List<Fix> merged = new ArrayList<>(fixes.size());
        while (!heads.isEmpty()) {
            Head head = heads.poll();
            merged.add(head.fix);
            if (head.rest.hasNext()) {
                heads.add(new Head(head.rest.next(), head.rest));
            }
        }
        return merged;
    }

    private static boolean ofOneSatellite(List<Fix> fixes) {
        if (fixes.isEmpty()) {
            return true;
        }
        long first = fixes.get(0).satelliteId();
        for (Fix fix : fixes) {
            if (fix.satelliteId() != first) {
                return false;
            }
        }
        return true;
    }

    private record Head(Fix fix, Iterator<Fix> rest) {
    }
}
