package org.esa.iss.adapter.kafka;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A record's Kafka headers seen as a read-only map, last value winning on repeated names. A view rather than
 * a copy because the feed hands out millions of records a second and most consumers read one or two headers.
 */
final class HeaderMap extends AbstractMap<String, byte[]> {

    private final Headers headers;

    HeaderMap(Headers headers) {
        this.headers = headers;
    }

    @Override
    public byte[] get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        Header header = headers.lastHeader(name);
        return header == null ? null : header.value();
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && headers.lastHeader(name) != null;
    }

    @Override
    public Set<Entry<String, byte[]>> entrySet() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        for (Header h : headers) {
            copy.put(h.key(), h.value());
        }
        return java.util.Collections.unmodifiableMap(copy).entrySet();
    }
}
