package org.esa.iss.adapter.delta;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes log entries older than the table's {@code delta.logRetentionDuration}, without rounding.
 *
 * <p>Delta cleans its log too, but only up to the start of the day the retention reaches back to, so a table
 * committing every second keeps up to a day more of entries than its retention: up to 26 hours, some 100,000
 * files, which every snapshot update lists. This applies the same rule without rounding: only versions before
 * the latest checkpoint go, oldest first, and only while every file of a version is older than the retention and
 * every table refined from this one has consumed it (see {@link ChangeLogReaders}); and the checkpoint the first
 * version kept is read from stays, so that every version kept can still be read.
 */
final class LogCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(LogCleanup.class);
    static final String LOG_RETENTION = "delta.logRetentionDuration";
    static final String REMOVED_FILE_RETENTION = "delta.deletedFileRetentionDuration";
    /** Delta's log files: commits, checkpoints (single or multi-part), checksums; the version comes first. */
    private static final Pattern LOG_FILE = Pattern.compile("(\\d{20})\\.(json|crc|checkpoint\\.parquet|checkpoint\\.\\d{10}\\.\\d{10}\\.parquet)");
    private static final Pattern SINGLE_CHECKPOINT = Pattern.compile("\\d{20}\\.checkpoint\\.parquet");
    private static final Pattern INTERVAL = Pattern.compile("(?:interval\\s+)?(\\d+)\\s+(second|minute|hour|day|week)s?");

    private LogCleanup() {
    }

    /**
     * The log retention a table's configuration states, if it is a plain count of seconds to weeks, with or without
     * Delta's {@code interval} prefix (anything else is left to Delta's own clean-up).
     */
    static Optional<Duration> retention(Map<String, String> configuration) {
        return interval(configuration, LOG_RETENTION);
    }

    /** The duration under {@code key}, if it is a plain {@code [interval] <n> <second|minute|hour|day|week>[s]}. */
    static Optional<Duration> interval(Map<String, String> configuration, String key) {
        String value = configuration.get(key);
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = INTERVAL.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "second" -> Duration.ofSeconds(n);
            case "minute" -> Duration.ofMinutes(n);
            case "hour" -> Duration.ofHours(n);
            case "day" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        });
    }

    /**
     * Deletes the expired entries of the log directory {@code logDir}.
     *
     * @param readers the tables refined from this one, if any are registered: what they have not consumed stays
     * @return how many files it deleted
     */
    static int run(Path logDir, Duration retention, Clock clock, Optional<ChangeLogReaders> readers) throws IOException {
        TreeMap<Long, List<Path>> byVersion = new TreeMap<>();
        TreeSet<Long> checkpoints = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(logDir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                Matcher m = LOG_FILE.matcher(name);
                if (m.matches()) {
                    long version = Long.parseLong(m.group(1));
                    byVersion.computeIfAbsent(version, v -> new ArrayList<>()).add(entry);
                    if (SINGLE_CHECKPOINT.matcher(name).matches()) {
                        checkpoints.add(version);
                    }
                }
            }
        }
        long cutoff = clock.millis() - retention.toMillis();
        if (checkpoints.isEmpty() || byVersion.firstKey() >= checkpoints.last()
                || !allOlderThan(byVersion.firstEntry().getValue(), cutoff)) {
            return 0; // nothing expired: the readers need not be asked
        }
        // The readers' answer first, so that a log they hold back is not looked at version by version.
        long needed = readers.map(r -> r.firstVersionNeeded(clock.millis(), byVersion.firstKey())).orElse(Long.MAX_VALUE);
        long limit = Math.min(checkpoints.last(), needed);
        long firstKept = limit;
        for (Map.Entry<Long, List<Path>> version : byVersion.headMap(limit).entrySet()) {
            if (!allOlderThan(version.getValue(), cutoff)) {
                firstKept = version.getKey();
                break;
            }
        }
        List<Path> neededFiles = byVersion.get(needed);
        if (needed < checkpoints.last() && firstKept == needed && (neededFiles == null || allOlderThan(neededFiles, cutoff))) {
            // the retention alone would have gone further
            readers.get().heldBack(needed, clock.millis());
        }
        // The first version kept must stay readable: its checkpoint, or the newest one before it, stays too.
        Long base = checkpoints.floor(firstKept);
        List<Path> expired = new ArrayList<>();
        if (base != null) {
            byVersion.headMap(base).values().forEach(expired::addAll);
        }
        int deleted = 0;
        for (Path file : expired) {
            if (Files.deleteIfExists(file)) { // another writer's clean-up may have been first
                deleted++;
            }
        }
        if (deleted > 0) {
            LOG.debug("log clean-up of {}: {} files older than {}", logDir, deleted, retention);
        }
        return deleted;
    }

    private static boolean allOlderThan(List<Path> files, long cutoffMillis) throws IOException {
        for (Path file : files) {
            try {
                if (Files.getLastModifiedTime(file).toMillis() >= cutoffMillis) {
                    return false;
                }
            } catch (NoSuchFileException gone) {
                // deleted by another writer's clean-up meanwhile
            }
        }
        return true;
    }
}
