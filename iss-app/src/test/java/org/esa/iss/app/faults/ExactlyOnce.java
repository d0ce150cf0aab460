package org.esa.iss.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The verdict every case ends with: each published offset is in exactly one of bronze (valid) and
 * quarantine (invalid), once, and quarantine holds precisely the invalid ones, each with its error.
 */
final class ExactlyOnce {
    /** A record's place in the topic. */
    record Coordinates(int partition, long offset) implements Comparable<Coordinates> {
        @Override
        public int compareTo(Coordinates other) {
            int byPartition = Integer.compare(partition, other.partition);
            return byPartition != 0 ? byPartition : Long.compare(offset, other.offset);
        }
    }

    private static final int SHOWN = 10;

    private ExactlyOnce() {
    }

    /**
     * @param endOffsets what was published: the log end offset of each partition (offsets 0..end-1)
     * @param invalid    the coordinates whose payload must be rejected
     * @return the bronze rows, for further checks
     */
    static List<TableRows.BronzeRow> assertEveryOffsetOnce(Path bronzeTable, Path quarantineTable,
                                                           Map<Integer, Long> endOffsets, Set<Coordinates> invalid) {
        List<TableRows.BronzeRow> bronze = TableRows.bronze(bronzeTable);
        List<TableRows.QuarantineRow> quarantine = TableRows.quarantine(quarantineTable);

        Set<Coordinates> inBronze = new HashSet<>(bronze.size() * 2);
        List<Coordinates> repeatedInBronze = new ArrayList<>();
        for (TableRows.BronzeRow row : bronze) {
            Coordinates at = new Coordinates(row.partition(), row.offset());
            if (!inBronze.add(at)) {
                repeatedInBronze.add(at);
            }
        }
        Set<Coordinates> inQuarantine = new HashSet<>();
        List<Coordinates> repeatedInQuarantine = new ArrayList<>();
        List<Coordinates> withoutError = new ArrayList<>();
        for (TableRows.QuarantineRow row : quarantine) {
            Coordinates at = new Coordinates(row.partition(), row.offset());
            if (!inQuarantine.add(at)) {
                repeatedInQuarantine.add(at);
            }
            if (row.error() == null || row.error().isBlank()) {
                withoutError.add(at);
            }
        }
        assertThat(first(repeatedInBronze)).as("offsets repeated in bronze (%d in all)", repeatedInBronze.size()).isEmpty();
        assertThat(first(repeatedInQuarantine)).as("offsets repeated in quarantine (%d in all)", repeatedInQuarantine.size()).isEmpty();
        assertThat(first(withoutError)).as("quarantined records without an error").isEmpty();

        List<Coordinates> missing = new ArrayList<>();
        List<Coordinates> inBoth = new ArrayList<>();
        List<Coordinates> validButQuarantined = new ArrayList<>();
        List<Coordinates> invalidButInBronze = new ArrayList<>();
        long expected = 0;
        for (Map.Entry<Integer, Long> partition : endOffsets.entrySet()) {
            for (long offset = 0; offset < partition.getValue(); offset++) {
                Coordinates at = new Coordinates(partition.getKey(), offset);
                boolean b = inBronze.contains(at);
                boolean q = inQuarantine.contains(at);
                boolean bad = invalid.contains(at);
                if (!b && !q) {
                    missing.add(at);
                } else if (b && q) {
                    inBoth.add(at);
                } else if (bad && b) {
                    invalidButInBronze.add(at);
                } else if (!bad && q) {
                    validButQuarantined.add(at);
                }
            }
            expected += partition.getValue();
        }
        assertThat(first(missing)).as("offsets in neither bronze nor quarantine (%d in all)", missing.size()).isEmpty();
        assertThat(first(inBoth)).as("offsets in both bronze and quarantine").isEmpty();
        assertThat(first(invalidButInBronze)).as("invalid records that reached bronze (%d)", invalidButInBronze.size()).isEmpty();
        assertThat(first(validButQuarantined)).as("valid records that were quarantined (%d)", validButQuarantined.size()).isEmpty();
        assertThat((long) inBronze.size() + inQuarantine.size()).as("rows beyond the published offsets").isEqualTo(expected);
        return bronze;
    }

    private static List<Coordinates> first(List<Coordinates> list) {
        return new ArrayList<>(new TreeSet<>(list)).subList(0, Math.min(SHOWN, new TreeSet<>(list).size()));
    }
}
