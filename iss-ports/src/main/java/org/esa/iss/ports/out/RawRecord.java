package org.esa.iss.ports.out;

import java.util.Map;

/**
 * One record as the feed delivered it, undecoded, so that a payload that cannot be parsed still reaches
 * the quarantine table with its coordinates instead of stopping the consumer.
 *
 * @param partition   where it came from
 * @param offset      its offset in that partition
 * @param timestampMs the broker's record timestamp, epoch milliseconds
 * @param key         the key bytes, or {@code null}
 * @param value       the value bytes, or {@code null}
 * @param headers     header name to value (last one wins on repeats); {@code null} is taken as none
 */
public record RawRecord(FeedPartition partition, long offset, long timestampMs, byte[] key, byte[] value,
                        Map<String, byte[]> headers) {

    public RawRecord {
        // refused here, where a feed makes it, rather than as a NullPointerException deep in ingestion
        java.util.Objects.requireNonNull(partition, "partition");
        if (offset < 0) {
            throw new IllegalArgumentException("an offset cannot be negative, got " + offset + " in " + partition);
        }
        headers = headers == null ? Map.of() : headers;
    }

    /** A header as UTF-8 text, or the fallback when it is absent. */
    public String header(String name, String fallback) {
        byte[] bytes = headers.get(name);
        return bytes == null ? fallback : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
