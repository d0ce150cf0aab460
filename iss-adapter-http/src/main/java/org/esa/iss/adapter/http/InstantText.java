package org.esa.iss.adapter.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The instants the query API takes, and so the command line that asks the same questions: ISO-8601 with
 * {@code Z} or an offset ({@code 2024-04-25T08:11:48Z}, {@code 2024-04-25T10:11:48+02:00}), or unix seconds.
 */
public final class InstantText {
    /** What to say when a text is none of them. */
    public static final String EXPECTED = "an ISO-8601 instant such as 2024-04-25T08:11:48Z or unix seconds"
            + " (whole seconds up to the year 9999, not milliseconds)";
    /** 9999-12-31T23:59:59Z: a larger number is most likely milliseconds (JavaScript's Date.now()), not a date. */
    private static final long LAST_UNIX_SECOND = 253_402_300_799L;

    private InstantText() {
    }

    /** The instant {@code text} names, or empty when it names none. */
    public static Optional<Instant> parse(String text) {
        String t = text.strip();
        try {
            if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
                long seconds = Long.parseLong(t);
                return seconds > LAST_UNIX_SECOND ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
            }
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
