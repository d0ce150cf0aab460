package org.esa.iss.ports;

import java.time.Duration;

/**
 * When the ingester commits.
 *
 * @param maxRows            commit when this many records have been read since the last commit (records the
 *                           tables already hold, read again after a restart, count too): 250,000 rows make
 *                           bronze files of about 10 MB when draining a backlog; rows are encoded into the open
 *                           files as they come, so the batch itself takes only the column buffers
 * @param maxLatency         commit when the oldest buffered record has waited this long: a live 2 Hz stream
 *                           becomes visible in bronze within about a second
 * @param pollTimeout        how long one feed poll may block
 * @param quarantineLagLimit quarantine normally commits only when it has rows; it also records its position
 *                           once it trails bronze by this many offsets, or after 60 bronze commits without
 *                           one, so a restart never re-reads much
 * @param skipDeletedRecords whether to go on past records deleted from the topic before the tables read them,
 *                           leaving their offsets out for good (each gap is logged); otherwise such a gap stops the
 *                           ingester with {@link org.esa.iss.ports.in.RecordsDeleted}
 */
public record IngestOptions(int maxRows, Duration maxLatency, Duration pollTimeout, long quarantineLagLimit,
                            boolean skipDeletedRecords) {

    /** 250,000 rows or 1 s, whichever comes first. */
    public static final IngestOptions DEFAULT = new IngestOptions(250_000, Duration.ofSeconds(1), Duration.ofMillis(200), 1_000_000);

    /** Options that stop at records deleted before they were read. */
    public IngestOptions(int maxRows, Duration maxLatency, Duration pollTimeout, long quarantineLagLimit) {
        this(maxRows, maxLatency, pollTimeout, quarantineLagLimit, false);
    }

    public IngestOptions {
        if (maxRows < 1) {
            throw new IllegalArgumentException("max rows must be >= 1, got " + maxRows);
        }
        if (maxLatency == null || maxLatency.isNegative()) {
            throw new IllegalArgumentException("max latency must be >= 0, got " + maxLatency);
        }
        if (pollTimeout == null || pollTimeout.isNegative()) {
            throw new IllegalArgumentException("poll timeout must be >= 0, got " + pollTimeout);
        }
        if (quarantineLagLimit < 0) {
            throw new IllegalArgumentException("quarantine lag limit must be >= 0, got " + quarantineLagLimit);
        }
    }

    /** These options, going on past records deleted before they were read, or not. */
    public IngestOptions withSkipDeletedRecords(boolean skip) {
        return new IngestOptions(maxRows, maxLatency, pollTimeout, quarantineLagLimit, skip);
    }
}
