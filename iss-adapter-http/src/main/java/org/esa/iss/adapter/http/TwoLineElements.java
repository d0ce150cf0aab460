package org.esa.iss.adapter.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A NORAD two-line element set, the input of SGP4. Construction checks the layout of both lines
 * (69 columns, line numbers, matching catalogue numbers) and the modulo-10 checksum of each line, so
 * that a mistyped or truncated element set is refused with a message naming the line and column
 * instead of producing a plausible but wrong orbit.
 *
 * @param name  the title line (for example {@code ISS (ZARYA)}); may be empty
 * @param line1 line 1, exactly 69 characters
 * @param line2 line 2, exactly 69 characters
 */
public record TwoLineElements(String name, String line1, String line2) {

    /** Classpath resource of the bundled ISS element set; see {@link #bundledIss()}. */
    static final String BUNDLED_RESOURCE = "iss-default.tle";

    public TwoLineElements {
        name = name == null ? "" : name.strip();
        Objects.requireNonNull(line1, "line1");
        Objects.requireNonNull(line2, "line2");
        line1 = stripLineEnd(line1);
        line2 = stripLineEnd(line2);
        requireLine(line1, '1');
        requireLine(line2, '2');
        if (!line1.substring(2, 7).equals(line2.substring(2, 7))) {
            throw new IllegalArgumentException("TLE lines describe different satellites: '"
                    + line1.substring(2, 7) + "' on line 1, '" + line2.substring(2, 7) + "' on line 2");
        }
    }

    /**
     * Reads an element set from text with two or three lines (an optional title line, then lines 1 and 2).
     * Blank lines are ignored; CRLF line ends are accepted.
     */
    public static TwoLineElements parse(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        if (lines.size() == 2) {
            return new TwoLineElements("", lines.get(0), lines.get(1));
        }
        if (lines.size() == 3) {
            return new TwoLineElements(lines.get(0), lines.get(1), lines.get(2));
        }
        throw new IllegalArgumentException("a TLE has 2 lines (or 3 with a title), found " + lines.size()
                + (lines.size() > 3 ? " (several element sets, as in a CelesTrak group file? keep the lines of one satellite)" : ""));
    }

    /** Reads an element set from a file (2 or 3 lines, as CelesTrak publishes them). */
    public static TwoLineElements load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TLE file " + file, e);
        }
        int from = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf
                ? 3 : 0; // a byte-order mark an editor wrote
        String text;
        try {
            text = StandardCharsets.US_ASCII.newDecoder().decode(ByteBuffer.wrap(bytes, from, bytes.length - from)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("TLE file " + file + " is not ASCII text, as element sets are (is it a TLE?"
                    + " a title with accents?)", e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TLE file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The ISS element set bundled with the simulator: CelesTrak, epoch 24116.76570894
     * (2024-04-25 18:22:37 UTC). SGP4 predictions from it degrade by roughly a kilometre or more per day
     * away from the epoch (drag is modelled only crudely), so pass a fresh set with {@link #load(Path)}
     * for anything but replays of late April 2024.
     */
    public static TwoLineElements bundledIss() {
        try (InputStream in = TwoLineElements.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled TLE resource " + BUNDLED_RESOURCE + " is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled TLE", e);
        }
    }

    /** NORAD catalogue number (columns 3-7). */
    public int catalogNumber() {
        return Integer.parseInt(line1.substring(2, 7).strip());
    }

    /** The epoch as an instant (UTC), to the microsecond. */
    public Instant epoch() {
        int twoDigitYear = Integer.parseInt(line1.substring(18, 20).strip());
        // The TLE convention: 57-99 are 1957-1999, 00-56 are 2000-2056.
        int year = twoDigitYear < 57 ? 2000 + twoDigitYear : 1900 + twoDigitYear;
        double dayOfYear = field(line1, 20, 32, "epoch day");
        long startOfYear = LocalDate.of(year, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        long micros = Math.round((dayOfYear - 1.0) * 86_400e6);
        return Instant.ofEpochSecond(startOfYear).plusNanos(micros * 1000);
    }

    /** The ballistic drag term B* in inverse Earth radii (columns 54-61, assumed-decimal form). */
    public double bstar() {
        return assumedDecimal(line1, 53, 61, "B*");
    }

    /** Inclination in degrees. */
    public double inclinationDeg() {
        return field(line2, 8, 16, "inclination");
    }

    /** Right ascension of the ascending node in degrees. */
    public double raanDeg() {
        return field(line2, 17, 25, "right ascension of the node");
    }

    /** Eccentricity (columns 27-33, leading decimal point assumed). */
    public double eccentricity() {
        return Double.parseDouble("0." + line2.substring(26, 33).strip());
    }

    /** Argument of perigee in degrees. */
    public double argumentOfPerigeeDeg() {
        return field(line2, 34, 42, "argument of perigee");
    }

    /** Mean anomaly in degrees. */
    public double meanAnomalyDeg() {
        return field(line2, 43, 51, "mean anomaly");
    }

    /** Mean motion in revolutions per day (Kozai form, as published). */
    public double meanMotionRevPerDay() {
        return field(line2, 52, 63, "mean motion");
    }

    /** The element set as CelesTrak's text format: title line (if any) then lines 1 and 2. */
    public String toText() {
        return (name.isEmpty() ? "" : name + "\n") + line1 + "\n" + line2;
    }

    /** The standard TLE checksum: digits summed, each minus sign counts 1, modulo 10, over columns 1-68. */
    static int checksum(String line) {
        int sum = 0;
        for (int i = 0; i < 68; i++) {
            char c = line.charAt(i);
            if (c >= '0' && c <= '9') {
                sum += c - '0';
            } else if (c == '-') {
                sum += 1;
            }
        }
        return sum % 10;
    }

    private static String stripLineEnd(String line) {
        return line.stripTrailing();
    }

    private static void requireLine(String line, char number) {
        if (line.length() != 69) {
            throw new IllegalArgumentException("TLE line " + number + " must have 69 columns, has "
                    + line.length() + ": '" + line + "'");
        }
        if (line.charAt(0) != number || line.charAt(1) != ' ') {
            throw new IllegalArgumentException("TLE line " + number + " must start with '" + number + " ': '" + line + "'");
        }
        char stated = line.charAt(68);
        int computed = checksum(line);
        if (stated - '0' != computed) {
            throw new IllegalArgumentException("TLE line " + number + " fails its checksum: column 69 says '"
                    + stated + "' but the line sums to " + computed + " (corrupted or edited element set): '" + line + "'");
        }
    }

    private static double field(String line, int from, int to, String what) {
        String text = line.substring(from, to).strip();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TLE " + what + " is not a number: '" + text + "'", e);
        }
    }

    /** Parses the "assumed decimal point" form used for B* and the second derivative, e.g. {@code -11606-4}. */
    private static double assumedDecimal(String line, int from, int to, String what) {
        String text = line.substring(from, to).strip();
        if (text.isEmpty()) {
            return 0.0;
        }
        try {
            int expAt = Math.max(text.lastIndexOf('-'), text.lastIndexOf('+'));
            if (expAt <= 0) {
                return Double.parseDouble(text.startsWith("-") || text.startsWith("+")
                        ? text.charAt(0) + "0." + text.substring(1) : "0." + text);
            }
            String mantissa = text.substring(0, expAt).strip();
            String sign = "";
            if (mantissa.startsWith("-") || mantissa.startsWith("+")) {
                sign = mantissa.substring(0, 1);
                mantissa = mantissa.substring(1);
            }
            return Double.parseDouble(sign + "0." + mantissa + "e" + text.substring(expAt));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TLE " + what + " is not in assumed-decimal form: '" + text + "'", e);
        }
    }
}
