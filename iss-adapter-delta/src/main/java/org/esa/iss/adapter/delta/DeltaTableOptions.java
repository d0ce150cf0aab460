package org.esa.iss.adapter.delta;

import java.time.Clock;
import java.util.Objects;

/**
 * How the Delta tables write their files.
 *
 * @param compression   SNAPPY by default: the cheapest to encode and decode on a 2-core host, and what
 *                      every Parquet reader supports; ZSTD makes files about a third smaller for more CPU
 * @param rowGroupBytes 128 MiB by default, Parquet's usual size: one row group per file for live flushes,
 *                      few for a backlog
 * @param clock         stamps {@code ingested_at} and commit times; the system UTC clock by default
 * @param autoCompactAfterFiles a writer compacts the table itself after adding this many files (0: never);
 *                      200 by default, which keeps a live 2 Hz stream's table to a few hundred active files
 *                      (commits and snapshot replays stay near their minimum cost) for one rewrite every few
 *                      minutes of a day's partition
 */
public record DeltaTableOptions(Compression compression, long rowGroupBytes, Clock clock, int autoCompactAfterFiles) {

    /** Codecs that every Delta reader understands. */
    public enum Compression { SNAPPY, ZSTD }

    public DeltaTableOptions {
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(clock, "clock");
        if (rowGroupBytes < 1 << 20) {
            throw new IllegalArgumentException("row groups under 1 MiB make reading slow, got " + rowGroupBytes);
        }
        if (autoCompactAfterFiles < 0) {
            throw new IllegalArgumentException("auto-compaction threshold cannot be negative, got " + autoCompactAfterFiles);
        }
    }

    public static DeltaTableOptions defaults() {
        return new DeltaTableOptions(Compression.SNAPPY, 128L << 20, Clock.systemUTC(), 200);
    }

    public DeltaTableOptions withClock(Clock newClock) {
        return new DeltaTableOptions(compression, rowGroupBytes, newClock, autoCompactAfterFiles);
    }

    public DeltaTableOptions withCompression(Compression newCompression) {
        return new DeltaTableOptions(newCompression, rowGroupBytes, clock, autoCompactAfterFiles);
    }

    public DeltaTableOptions withAutoCompactAfterFiles(int files) {
        return new DeltaTableOptions(compression, rowGroupBytes, clock, files);
    }
}
