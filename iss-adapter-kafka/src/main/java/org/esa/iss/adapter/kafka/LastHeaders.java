package org.esa.iss.adapter.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of the last (fetch time, source) published, made again only when either changes: a replay stamps
 * every record with one fetch time and one source, so they are made once rather than per record. One instance can
 * serve every record because the {@code ProducerRecord} constructor copies the headers it is given, and the producer
 * marks (and interceptors would change) only that copy; this one is read-only besides. Safe to share between
 * publishing threads (a race only makes them twice).
 */
final class LastHeaders {
    private record Entry(Instant fetchedAt, String source, Headers headers) {
    }

    private volatile Entry last;

    Headers of(Instant fetchedAt, String source) {
        Entry entry = last;
        if (entry == null || !entry.fetchedAt().equals(fetchedAt) || !entry.source().equals(source)) {
            RecordHeaders headers = new RecordHeaders(new Header[] {
                    new RecordHeader(KafkaTelemetryPublisher.FETCHED_AT_HEADER, utf8(fetchedAt.toString())),
                    // last, because consumers look headers up from the end and the ingester reads only this one
                    new RecordHeader(KafkaTelemetryPublisher.SOURCE_HEADER, utf8(source))});
            headers.setReadOnly();
            entry = new Entry(fetchedAt, source, headers);
            last = entry;
        }
        return entry.headers();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
