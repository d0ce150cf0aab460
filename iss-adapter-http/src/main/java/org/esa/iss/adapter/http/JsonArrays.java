package org.esa.iss.adapter.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the top-level objects of a JSON array without parsing them, so that each element of a
 * positions response can be parsed strictly by {@link org.esa.iss.domain.TelemetryJson} and kept
 * byte for byte.
 */
final class JsonArrays {
    private JsonArrays() {
    }

    /** [offset, length] of each top-level object. */
    static List<int[]> objectRanges(byte[] json) {
        int pos = skipWhitespace(json, 0);
        if (pos >= json.length || json[pos] != '[') {
            throw new IllegalArgumentException("expected a JSON array");
        }
        pos = skipWhitespace(json, pos + 1);
        List<int[]> ranges = new ArrayList<>();
        if (pos < json.length && json[pos] == ']') {
            return requireEnd(json, pos + 1, ranges);
        }
        while (true) {
            if (pos >= json.length || json[pos] != '{') {
                throw new IllegalArgumentException("expected an object at byte " + pos);
            }
            int end = endOfObject(json, pos);
            ranges.add(new int[] {pos, end - pos});
            pos = skipWhitespace(json, end);
            if (pos < json.length && json[pos] == ',') {
                pos = skipWhitespace(json, pos + 1);
            } else if (pos < json.length && json[pos] == ']') {
                return requireEnd(json, pos + 1, ranges);
            } else {
                throw new IllegalArgumentException("expected ',' or ']' at byte " + pos);
            }
        }
    }

    private static List<int[]> requireEnd(byte[] json, int pos, List<int[]> ranges) {
        if (skipWhitespace(json, pos) != json.length) {
            throw new IllegalArgumentException("unexpected content after the array");
        }
        return ranges;
    }

    /** Index just past the object starting at {@code start}, honouring strings and escapes. */
    private static int endOfObject(byte[] json, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        throw new IllegalArgumentException("document ends inside an object");
    }

    private static int skipWhitespace(byte[] json, int pos) {
        while (pos < json.length && (json[pos] == ' ' || json[pos] == '\n' || json[pos] == '\r' || json[pos] == '\t')) {
            pos++;
        }
        return pos;
    }
}
