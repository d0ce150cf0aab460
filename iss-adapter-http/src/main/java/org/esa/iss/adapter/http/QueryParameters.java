package org.esa.iss.adapter.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.esa.iss.domain.InvalidTelemetry;
import org.esa.iss.domain.Units;

/** The query string of a simulator request, with the API's parameter rules. */
final class QueryParameters {
    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    static QueryParameters parse(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq), pair);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), pair);
                if (values.put(key, value) != null) {
                    throw new BadParameter("parameter '" + key + "' given twice");
                }
            }
        }
        return new QueryParameters(values);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    Units units() {
        String name = values.getOrDefault("units", "kilometers");
        try {
            return Units.fromApiName(name);
        } catch (InvalidTelemetry e) {
            throw new BadParameter("invalid units '" + name + "'; expected kilometers or miles");
        }
    }

    long timestamp(String name, long fallback) {
        String value = values.get(name);
        return value == null ? fallback : parseTimestamp(name, value);
    }

    List<Long> timestampList(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new BadParameter("parameter '" + name + "' is required: comma-separated unix timestamps");
        }
        List<Long> result = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            result.add(parseTimestamp(name, item.strip()));
        }
        return result;
    }

    private static long parseTimestamp(String name, String value) {
        try {
            long t = Long.parseLong(value);
            if (t < 0) {
                throw new BadParameter("parameter '" + name + "' must be unix seconds >= 0, got '" + value + "'");
            }
            return t;
        } catch (NumberFormatException e) {
            throw new BadParameter("parameter '" + name + "' must be unix seconds, got '" + value + "'");
        }
    }

    private static String decode(String s, String pair) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("malformed query string at '" + pair + "': a '%' must start an escape such as %3A"
                    + " (send a '%' itself as %25)");
        }
    }

    /**
     * Refuses a parameter the endpoint does not take: a typo or another API's name would otherwise be answered as if
     * it were not there, with the defaults.
     */
    void allowOnly(String endpoint, Set<String> names) {
        for (String name : new TreeSet<>(values.keySet())) {
            if (!names.contains(name)) {
                throw new BadParameter(endpoint + " takes " + (names.isEmpty() ? "no parameters"
                        : "only " + String.join(", ", new TreeSet<>(names))) + ", got '" + name + "'");
            }
        }
    }

    /** A parameter the API would answer with 400. */
    static final class BadParameter extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadParameter(String message) {
            super(message);
        }
    }
}
