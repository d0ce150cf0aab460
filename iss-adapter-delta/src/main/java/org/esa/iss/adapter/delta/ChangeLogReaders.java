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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables refined from a table (gold from bronze), registered in the table's directory: their progress holds
 * back its log clean-up and its vacuum, so that a refiner stopped for longer than the log retention still finds
 * every version it has not consumed, however old.
 *
 * <p>A reader is registered by a file under {@value #DIRECTORY} holding its table's path relative to the table
 * read, and has consumed what its own metadata says ({@code iss.gold.bronzeVersion}, written by
 * {@link DeltaGoldTable} in the same commit as its rows): the versions after it stay, and that one too. A registered table that does not exist holds nothing back: a gold table
 * deleted for good must not keep bronze's log growing. Directories named {@code _…} are ignored by Delta, Spark
 * and vacuum. Local tables only, like {@link LogCleanup}.
 */
final class ChangeLogReaders {
    static final String DIRECTORY = "_iss_readers";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeLogReaders.class);
    /** How long a reader's progress, once read, is trusted while it holds clean-up back. */
    private static final long RECHECK_MILLIS = 60_000;
    /** How often a reader holding clean-up back is logged, at most. */
    private static final long WARN_EVERY_MILLIS = 3_600_000;

    private final Path table;
    /** Each reader's log, kept open so that reading its progress again reads only its entries since. */
    private final Map<Path, DeltaLog> logs = new HashMap<>();
    private List<Path> cachedReaders = List.of();
    private long cachedFirstNeeded = Long.MAX_VALUE;
    private long cachedAtMillis;
    private long warnedAtMillis = Long.MIN_VALUE;

    private ChangeLogReaders(Path table) {
        this.table = table;
    }

    /** The readers of the table at {@code storage}, if it is local. */
    static Optional<ChangeLogReaders> of(TableStorage storage) {
        return local(storage).map(ChangeLogReaders::new);
    }

    /**
     * Registers the table at {@code reader} as a reader of the table at {@code read} (idempotent). A table that
     * cannot be written to (a read-only copy), or is not local, is read without holding anything back, with a warning.
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
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(relative)) {
                return;
            }
            Path temporary = Files.createTempFile(directory, ".register-", ".tmp");
            Files.writeString(temporary, relative, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot register {} as a reader of {} ({}); the versions it has not read yet are kept only as long as"
                    + " the log retention", readerRoot.get(), readRoot.get(), e.toString());
        }
    }

    /**
     * The first version clean-up must keep for the registered readers ({@link Long#MAX_VALUE} if none holds anything
     * back). Their progress is read again at most once a minute: an older answer only keeps more.
     */
    synchronized long firstVersionNeeded(long nowMillis) {
        List<Path> readers = registered();
        if (readers.isEmpty()) {
            return Long.MAX_VALUE;
        }
        if (!readers.equals(cachedReaders) || nowMillis - cachedAtMillis >= RECHECK_MILLIS || nowMillis < cachedAtMillis) {
            cachedReaders = readers;
            cachedFirstNeeded = firstNeeded(readers);
            cachedAtMillis = nowMillis;
        }
        return cachedFirstNeeded;
    }

    /** Logs, at most hourly, that the readers keep the log from {@code firstNeeded} where the retention would not. */
    synchronized void heldBack(long firstNeeded, long nowMillis) {
        if (nowMillis - warnedAtMillis >= WARN_EVERY_MILLIS) {
            warnedAtMillis = nowMillis;
            LOG.warn("{} keeps its log from version {} on, beyond its retention, for the tables refined from it ({}):"
                    + " one has consumed only the versions before. Run its refiner ('iss gold') to let the log shrink"
                    + " again, or delete that table if it is no longer used", table, firstNeeded, cachedReaders);
        }
    }

    /** The first version a registered reader has not consumed, read now ({@link Long#MAX_VALUE} if none). */
    synchronized long firstVersionNeeded() {
        return firstNeeded(registered());
    }

    private long firstNeeded(List<Path> readers) {
        long first = Long.MAX_VALUE;
        for (Path reader : readers) {
            first = Math.min(first, firstNeededBy(reader));
        }
        logs.keySet().retainAll(readers);
        return first;
    }

    /**
     * A reader's last version consumed, which stays too (so that bronze's snapshot at that version can still be
     * read, where gold would rebuild one table from); from version 0 if it exists but says nothing, or cannot be
     * read (keep, not guess).
     */
    private long firstNeededBy(Path reader) {
        if (!Files.isDirectory(reader.resolve("_delta_log"))) {
            logs.remove(reader); // deleted: a table created there later is a new one
            return Long.MAX_VALUE;
        }
        try {
            DeltaLog log = logs.computeIfAbsent(reader,
                    dir -> DeltaLog.forTable(TableStorage.at(dir.toString()).conf(), dir.toString()));
            String consumed = log.update().getMetadata().getConfiguration().get(DeltaGoldTable.BRONZE_VERSION_KEY);
            return consumed == null ? 0 : Math.max(0, Long.parseLong(consumed));
        } catch (Exception e) { // checked ones too: Delta passes on its log store's IOException undeclared
            logs.remove(reader);
            LOG.warn("cannot read how far {} has read; keeping every version for it", reader, e);
            return 0;
        }
    }

    /** The registered readers' table directories; a registration that cannot be read is skipped. */
    private List<Path> registered() {
        List<Path> readers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(table.resolve(DIRECTORY), f -> !f.getFileName().toString().startsWith("."))) {
            for (Path file : files) {
                try {
                    readers.add(table.resolve(Files.readString(file, StandardCharsets.UTF_8).trim()).normalize());
                } catch (IOException e) {
                    LOG.debug("skipping the unreadable reader registration {}", file, e);
                }
            }
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the readers registered in " + table.resolve(DIRECTORY), e);
        }
        return readers.stream().distinct().sorted().toList();
    }

    private static Optional<Path> local(TableStorage storage) {
        return "file".equals(storage.root().toUri().getScheme())
                ? Optional.of(Paths.get(storage.root().toUri()).normalize()) : Optional.empty();
    }
}
