package org.esa.iss.adapter.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The query API's parameter rules: {@code limit} and the {@code from}/{@code to} range. Every violation is a
 * {@link QueryParameters.BadParameter} whose message tells the caller what to send instead.
 */
final class QueryLimits {
    /** Rows returned when the caller does not say. */
    static final int DEFAULT_LIMIT = 100;
    /** More rows than this is a bulk export, which belongs to Spark reading the tables, not to this API. */
    static final int MAX_LIMIT = 10_000;
    /** The range a dashboard wants by default: the recent past. */
    static final Duration DEFAULT_RANGE = Duration.ofHours(1);

    private QueryLimits() {
    }

    /** The windows a request asks for: {@code [from, to)} and at most {@code limit} rows. */
    record WindowRange(Instant from, Instant to, int limit) {
    }

    static int limit(QueryParameters query) {
        String value = query.get("limit", null);
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new QueryParameters.BadParameter(
                    "limit must be an integer from 1 to " + MAX_LIMIT + ", got '" + value + "'");
        }
        return limit;
    }

    /** {@code to} defaults to now, {@code from} to an hour before {@code to}. */
    static WindowRange windowRange(QueryParameters query, Clock clock) {
        Instant to = instant(query, "to");
        Instant from = instant(query, "from");
        if (to == null) {
            to = clock.instant();
        }
        if (from == null) {
            from = to.minus(DEFAULT_RANGE);
        }
        if (!from.isBefore(to)) {
            throw new QueryParameters.BadParameter("from (" + from + ") must be before to (" + to + ")");
        }
        return new WindowRange(from, to, limit(query));
    }

    /** An ISO-8601 instant ({@code 2024-04-25T08:11:48Z}, or with an offset) or unix seconds; null when absent. */
    private static Instant instant(QueryParameters query, String name) {
        String value = query.get(name, null);
        if (value == null) {
            return null;
        }
        // an unencoded '+' of an offset arrives as a space after URL decoding
        return InstantText.parse(value).or(() -> InstantText.parse(value.strip().replace(' ', '+')))
                .orElseThrow(() -> new QueryParameters.BadParameter("parameter '" + name + "' must be "
                        + InstantText.EXPECTED + ", got '" + value + "'"));
    }
}
