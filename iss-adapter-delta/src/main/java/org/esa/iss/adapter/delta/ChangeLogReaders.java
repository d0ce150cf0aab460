package org.esa.iss.adapter.delta;

import io.delta.standalone.DeltaLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables refined from a table (gold from bronze), registered in the table's directory: their progress holds
 * back its log clean-up and its vacuum, so that a refiner stopped for longer than the log retention still finds
 * every version it has not consumed, however old.
 *
 * <p>A reader is registered by a file under {@value #DIRECTORY} holding its table's path relative to the table
 * read; its refiner registers it again, refreshing the file's time, each time it starts. A reader has consumed what
 * its own metadata says ({@code iss.gold.bronzeVersion}, written by {@link DeltaGoldTable} in the same commit as its
 * rows): the versions after it stay, and that one too. A registered table that does not exist holds everything back
 * for {@link #STARTING} after its registration, while its refiner starts (its first commit may be a while away),
 * and nothing after: a gold table deleted for good must not keep bronze's log growing. Directories named
 * {@code _…} are ignored by Delta, Spark and vacuum. Local tables only, like {@link LogCleanup}.
 */
final class ChangeLogReaders {
    static final String DIRECTORY = "_iss_readers";
    /** How long after its registration a reader whose table does not exist yet holds everything back. */
    static final java.time.Duration STARTING = java.time.Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(ChangeLogReaders.class);
    /** How long the readers' progress, once read, is trusted: an older answer only keeps more. */
    private static final long RECHECK_MILLIS = 60_000;
    /** How often readers holding clean-up back are logged, at most. */
    private static final long WARN_EVERY_MILLIS = 3_600_000;

    /**
     * A registered reader's table directory, when its refiner last registered it, and whether the table exists (so
     * that its creation, or deletion, is a change that a cached answer does not outlive).
     */
    private record Registration(Path reader, long registeredAtMillis, boolean exists) {
    }

    private final Path table;
    /** Each reader's log, kept open so that reading its progress again reads only its entries since. */
    private final Map<Path, DeltaLog> logs = new HashMap<>();
    private List<Registration> cachedReaders = List.of();
    private long cachedFirstNeeded = Long.MAX_VALUE;
    private long cachedAtMillis;
    private long warnedAtMillis = Long.MIN_VALUE;
    private long warnedStaleAtMillis = Long.MIN_VALUE;

    private ChangeLogReaders(Path table) {
        this.table = table;
    }

    /** The readers of the table at {@code storage}, if it is local. */
    static Optional<ChangeLogReaders> of(TableStorage storage) {
        return local(storage).map(ChangeLogReaders::new);
    }

    /**
     * Registers the table at {@code reader} as a reader of the table at {@code read}, or refreshes its registration.
     * A table that cannot be written to (a read-only copy), or is not local, is read without holding anything back,
     * with a warning.
     */
    static void register(TableStorage read, TableStorage reader) {
        Optional<Path> readRoot = local(read);
        Optional<Path> readerRoot = local(reader);
        if (readRoot.isEmpty() || readerRoot.isEmpty()) {
            LOG.warn("{} reads {} without holding its clean-up back (local tables only): it finds the versions it has"
                    + " not read yet only as long as that table's log retention", reader.root(), read.root());
            return;
        }
        Path directory = readRoot.get().resolve(DIRECTORY);
        try {
            Files.createDirectories(directory);
            // Real paths on both sides: processes that reach the data through different links agree on the target.
            Path from = readRoot.get().toRealPath();
            Path to = readerRoot.get();
            if (Files.exists(to)) {
                to = to.toRealPath();
            }
            String relative = from.relativize(to).toString();
            Path file = directory.resolve(to.getFileName() + "-" + HexFormat.of().toHexDigits(to.toString().hashCode()));
            // Written anew each time, also when unchanged: its new modification time is the registration's.
            Path temporary = Files.createTempFile(directory, ".register-", ".tmp");
            Files.writeString(temporary, relative, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot register {} as a reader of {} ({}); the versions it has not read yet are kept only as long as"
                    + " the log retention", readerRoot.get(), readRoot.get(), e.toString());
        }
    }

    /**
     * The first version clean-up and vacuum must keep for the registered readers ({@link Long#MAX_VALUE} if none
     * holds anything back). Their progress is read again after a minute, or when a registration changed.
     *
     * @param firstInLog the first version the log still holds: a reader that needs an older one cannot catch up
     *                   any more (it must be rebuilt, and says so), and holds nothing back
     */
    synchronized long firstVersionNeeded(long nowMillis, long firstInLog) {
        List<Registration> readers = registered();
        if (readers.isEmpty()) {
            return Long.MAX_VALUE;
        }
        if (!readers.equals(cachedReaders) || nowMillis - cachedAtMillis >= RECHECK_MILLIS || nowMillis < cachedAtMillis) {
            cachedReaders = readers;
            long first = Long.MAX_VALUE;
            for (Registration reader : readers) {
                first = Math.min(first, firstNeededBy(reader, nowMillis, firstInLog));
            }
            logs.keySet().retainAll(readers.stream().map(Registration::reader).toList());
            cachedFirstNeeded = first;
            cachedAtMillis = nowMillis;
        }
        return cachedFirstNeeded;
    }

    /** Logs, at most hourly, that the readers keep the log from {@code firstNeeded} where the retention would not. */
    synchronized void heldBack(long firstNeeded, long nowMillis) {
        if (nowMillis - warnedAtMillis >= WARN_EVERY_MILLIS) {
            warnedAtMillis = nowMillis;
            LOG.warn("{} keeps its log from version {} on, beyond its retention, for the tables refined from it ({}):"
                    + " one has consumed only the versions before, or is being created. Run its refiner ('iss gold') to let"
                    + " the log shrink again, or delete that table if it is no longer used", table, firstNeeded,
                    cachedReaders.stream().map(Registration::reader).toList());
        }
    }

    /**
     * A reader's last version consumed (kept too, so that bronze's snapshot there can still be read, where gold would
     * build its other table from); from version 0 if it cannot be read (keep, not guess), or does not exist yet but
     * was registered within {@link #STARTING}. One that needs a version the log no longer holds (one that says
     * nothing needs version 0) cannot catch up, and holds nothing back.
     */
    private long firstNeededBy(Registration registration, long nowMillis, long firstInLog) {
        Path reader = registration.reader();
        if (!registration.exists()) {
            logs.remove(reader); // a table created there later is a new one
            return nowMillis - registration.registeredAtMillis() < STARTING.toMillis() ? 0 : Long.MAX_VALUE;
        }
        try {
            DeltaLog log = logs.computeIfAbsent(reader,
                    dir -> DeltaLog.forTable(TableStorage.at(dir.toString()).conf(), dir.toString()));
            String stated = log.update().getMetadata().getConfiguration().get(DeltaGoldTable.BRONZE_VERSION_KEY);
            long consumed = stated == null ? -1 : Long.parseLong(stated);
            if (consumed + 1 < firstInLog) {
                if (nowMillis - warnedStaleAtMillis >= WARN_EVERY_MILLIS) {
                    warnedStaleAtMillis = nowMillis;
                    LOG.warn("{} has consumed {} up to version {} only, but its log now starts at version {}: it cannot"
                            + " catch up, and holds nothing back (delete it to rebuild it)", reader, table, consumed, firstInLog);
                }
                return Long.MAX_VALUE;
            }
            return Math.max(0, consumed);
        } catch (Exception e) { // checked ones too: Delta passes on its log store's IOException undeclared
            logs.remove(reader);
            LOG.warn("cannot read how far {} has read; keeping every version for it", reader, e);
            return 0;
        }
    }

    /** The registered readers, the latest registration of each; a registration that cannot be read is skipped. */
    private List<Registration> registered() {
        Map<Path, Long> readers = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(table.resolve(DIRECTORY),
                f -> !f.getFileName().toString().startsWith("."))) {
            for (Path file : files) {
                try {
                    Path reader = table.resolve(Files.readString(file, StandardCharsets.UTF_8).trim()).normalize();
                    readers.merge(reader, Files.getLastModifiedTime(file).toMillis(), Math::max);
                } catch (IOException e) {
                    LOG.debug("skipping the unreadable reader registration {}", file, e);
                }
            }
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the readers registered in " + table.resolve(DIRECTORY), e);
        }
        return readers.entrySet().stream().map(e -> new Registration(e.getKey(), e.getValue(),
                Files.isDirectory(e.getKey().resolve("_delta_log")))).toList();
    }

    private static Optional<Path> local(TableStorage storage) {
        return "file".equals(storage.root().toUri().getScheme())
                ? Optional.of(Paths.get(storage.root().toUri()).normalize()) : Optional.empty();
    }
}
