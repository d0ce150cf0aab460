package org.esa.iss.ports;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Header values as text, decoding a value only when it differs from the previous one: streams repeat a few. */
final class HeaderText {
    private byte[] lastBytes;
    private String lastText;

    /** The value as UTF-8 text, or {@code fallback} when the header is absent. */
    String of(byte[] value, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (!Arrays.equals(value, lastBytes)) {
            lastText = new String(value, StandardCharsets.UTF_8);
            lastBytes = value;
        }
        return lastText;
    }
}
