package org.esa.iss.adapter.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The UTF-8 text of the last value encoded, made again only when the value changes: a replay stamps every record
 * with one fetch time and one source, and there is one satellite, so header and key bytes are made once rather
 * than per record. Safe to share between publishing threads (a race only makes the bytes twice).
 */
final class LastEncoded<T> {
    private record Entry<T>(T value, byte[] bytes) {
    }

    private volatile Entry<T> last;

    byte[] of(T value) {
        Entry<T> entry = last;
        if (entry == null || !Objects.equals(entry.value(), value)) {
            entry = new Entry<>(value, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            last = entry;
        }
        return entry.bytes();
    }
}
