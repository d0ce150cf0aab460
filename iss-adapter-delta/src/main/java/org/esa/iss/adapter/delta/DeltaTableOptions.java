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
 */
public record DeltaTableOptions(Compression compression, long rowGroupBytes, Clock clock) {

    /** Codecs that every Delta reader understands. */
    public enum Compression { SNAPPY, ZSTD }

    public DeltaTableOptions {
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(clock, "clock");
        if (rowGroupBytes < 1 << 20) {
            throw new IllegalArgumentException("row groups under 1 MiB make reading slow, got " + rowGroupBytes);
        }
    }

    public static DeltaTableOptions defaults() {
        return new DeltaTableOptions(Compression.SNAPPY, 128L << 20, Clock.systemUTC());
    }

    public DeltaTableOptions withClock(Clock newClock) {
        return new DeltaTableOptions(compression, rowGroupBytes, newClock);
    }

    public DeltaTableOptions withCompression(Compression newCompression) {
        return new DeltaTableOptions(newCompression, rowGroupBytes, clock);
    }
}
