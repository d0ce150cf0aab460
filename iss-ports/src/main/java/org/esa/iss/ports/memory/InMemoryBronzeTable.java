package org.esa.iss.ports.memory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.esa.iss.domain.Fix;
import org.esa.iss.ports.out.BronzeChangeLog;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.BronzeSnapshot;
import org.esa.iss.ports.out.BronzeTable;

/** Bronze in memory; also readable as a change log, one version per append. */
public final class InMemoryBronzeTable extends InMemoryPositionedTable<BronzeRecord> implements BronzeTable, BronzeChangeLog {
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private long firstVersion;
    private final String tableId = UUID.randomUUID().toString();
    private final Map<String, Set<String>> topicIds = new HashMap<>();
    /** Per version, the newest Kafka timestamp up to it, as far as asked. */
    private final List<Long> newestReceived = new ArrayList<>();

    public InMemoryBronzeTable(CrashSwitch crash) {
        super("bronze", crash);
    }

    /** Forgets the log entries before {@code version}, as log clean-up does; their rows stay in later snapshots. */
    public synchronized void expireVersionsBefore(long version) {
        firstVersion = Math.max(firstVersion, Math.min(version, latestVersion()));
    }

    @Override
    public synchronized Map<String, Set<String>> recordedTopicIds() {
        Map<String, Set<String>> copy = new HashMap<>();
        topicIds.forEach((topic, ids) -> copy.put(topic, Set.copyOf(ids)));
        return copy;
    }

    /** Records them at once: a table in memory has no commit to lose them in. */
    @Override
    public synchronized void recordTopicIds(Map<String, String> ids) {
        ids.forEach((topic, id) -> topicIds.computeIfAbsent(topic, t -> new HashSet<>()).add(id));
    }

    /** Each in-memory table is a table of its own, once it exists (it has a version). */
    @Override
    public String tableId() {
        return latestVersion() < 0 ? "" : tableId;
    }

    @Override
    public long latestVersion() {
        return versionCount() - 1;
    }

    @Override
    public synchronized long firstVersion() {
        return latestVersion() < 0 ? -1 : firstVersion;
    }

    @Override
    public synchronized List<Fix> fixesAddedIn(long version) {
        if (version > latestVersion()) {
            throw new IllegalArgumentException("bronze version " + version + " does not exist yet; the latest is " + latestVersion());
        }
        if (version < firstVersion) {
            throw new BronzeHistoryMissing("bronze's log no longer holds version " + version, null);
        }
        List<BronzeRecord> rows = version(version);
        List<Fix> fixes = new ArrayList<>(rows.size());
        for (BronzeRecord row : rows) {
            fixes.add(row.telemetry().toFix());
        }
        return fixes;
    }

    /**
     * The newest Kafka timestamp of the records up to {@code version}, a table in memory having no commit time; none
     * while they carry none (a timestamp of 0 or less, as tests leave it).
     */
    @Override
    public synchronized Optional<Instant> receivedBy(long version) {
        if (version < 0 || version > latestVersion()) {
            return Optional.empty();
        }
        for (int v = newestReceived.size(); v <= version; v++) { // versions never change: each is looked at once
            long newest = v == 0 ? Long.MIN_VALUE : newestReceived.get(v - 1);
            for (BronzeRecord row : version(v)) {
                if (row.timestampMs() > 0) {
                    newest = Math.max(newest, row.timestampMs());
                }
            }
            newestReceived.add(newest);
        }
        long newest = newestReceived.get((int) version);
        return newest == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(newest));
    }

    @Override
    public synchronized BronzeSnapshot snapshotAt(long version) {
        if (version < firstVersion || version > latestVersion()) {
            throw new BronzeHistoryMissing("bronze has no snapshot at version " + version, null);
        }
        TreeMap<LocalDate, List<Fix>> byDate = new TreeMap<>();
        for (long v = 0; v <= version; v++) {
            for (BronzeRecord row : version(v)) {
                Fix fix = row.telemetry().toFix();
                byDate.computeIfAbsent(LocalDate.ofEpochDay(Math.floorDiv(fix.eventMicros(), MICROS_PER_DAY)),
                        date -> new ArrayList<>()).add(fix);
            }
        }
        return BronzeSnapshot.of(version, byDate.keySet(), date -> List.copyOf(byDate.getOrDefault(date, List.of())));
    }
}
