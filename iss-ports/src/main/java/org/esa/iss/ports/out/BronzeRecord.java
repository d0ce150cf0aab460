package org.esa.iss.ports.out;

import java.util.Objects;
import org.esa.iss.domain.Telemetry;

/**
 * A valid telemetry record and its lineage, as it goes into the bronze table.
 *
 * @param telemetry   the parsed record, values as received
 * @param partition   the topic partition it was read from
 * @param offset      its offset there
 * @param timestampMs the broker's record timestamp, epoch milliseconds
 * @param source      the record's {@code source} header ({@code api}, {@code simulator}, ...)
 */
public record BronzeRecord(Telemetry telemetry, FeedPartition partition, long offset, long timestampMs, String source) {
    public BronzeRecord {
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(source, "source");
    }
}
