package org.esa.iss.domain;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A single-use cursor over one position record, the reading half of {@link TelemetryJson}. A record laid out
 * as the API sends it is read by a shortcut ({@link #parseInApiOrder}); anything else, and every error, by the
 * general reader ({@link #parseRecord}). Numbers and keys are read eight bytes at a time where they can be.
 */
final class TelemetryReader {
    private static final String[] FIELDS = {
        "id", "name", "latitude", "longitude", "altitude", "velocity", "visibility",
        "footprint", "timestamp", "daynum", "solar_lat", "solar_lon", "units"};
    private static final byte[][] FIELD_BYTES = new byte[FIELDS.length][];
    /** The field names in quotes, as they appear in a document. */
    private static final byte[][] QUOTED_FIELDS = new byte[FIELDS.length][];
    /** The field names in quotes with their colon: what precedes a value. */
    private static final byte[][] KEYS = new byte[FIELDS.length][];
    /**
     * Each key's first (up to) eight bytes and its last eight, as longs, and the mask for keys shorter than eight:
     * a key is then matched with one or two loads and compares instead of byte by byte.
     */
    private static final long[] KEY_HEADS = new long[FIELDS.length];
    private static final long[] KEY_TAILS = new long[FIELDS.length];
    private static final long[] KEY_MASKS = new long[FIELDS.length];
    /** The fields in the order the API sends them. */
    private static final int[] API_ORDER;
    /** String values every record carries: parsed into these shared instances instead of new strings. */
    private static final String[] KNOWN_VALUES = {"iss", "daylight", "eclipsed", "kilometers", "miles"};
    private static final byte[][] KNOWN_VALUE_BYTES = new byte[KNOWN_VALUES.length][];
    private static final int ID = 0, NAME = 1, LATITUDE = 2, LONGITUDE = 3, ALTITUDE = 4, VELOCITY = 5,
            VISIBILITY = 6, FOOTPRINT = 7, TIMESTAMP = 8, DAYNUM = 9, SOLAR_LAT = 10, SOLAR_LON = 11, UNITS = 12;
    private static final long[] LONG_POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    /** Eight bytes of a document at once, first byte lowest, for reading eight digits in a few operations. */
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** How deep the value of an unknown field may nest arrays and objects. */
    private static final int MAX_NESTING = 32;
    /** The field the API sends after each field (-1 after the last), for the parser's first guess. */
    private static final int[] NEXT_FIELD = new int[FIELDS.length];

    static {
        for (int k = 0; k < KNOWN_VALUES.length; k++) {
            KNOWN_VALUE_BYTES[k] = KNOWN_VALUES[k].getBytes(StandardCharsets.US_ASCII);
        }
        for (int i = 0; i < FIELDS.length; i++) {
            FIELD_BYTES[i] = FIELDS[i].getBytes(StandardCharsets.US_ASCII);
            QUOTED_FIELDS[i] = ('"' + FIELDS[i] + '"').getBytes(StandardCharsets.US_ASCII);
            KEYS[i] = ('"' + FIELDS[i] + "\":").getBytes(StandardCharsets.US_ASCII);
        }
        int[] apiOrder = {NAME, ID, LATITUDE, LONGITUDE, ALTITUDE, VELOCITY, VISIBILITY, FOOTPRINT, TIMESTAMP, DAYNUM,
            SOLAR_LAT, SOLAR_LON, UNITS};
        API_ORDER = apiOrder;
        for (int i = 0; i < apiOrder.length; i++) {
            NEXT_FIELD[apiOrder[i]] = i + 1 < apiOrder.length ? apiOrder[i + 1] : -1;
        }
        for (int i = 0; i < FIELDS.length; i++) {
            byte[] key = KEYS[i];
            KEY_MASKS[i] = key.length >= 8 ? -1L : (1L << (8 * key.length)) - 1;
            KEY_HEADS[i] = (long) EIGHT_BYTES.get(Arrays.copyOf(key, Math.max(8, key.length)), 0) & KEY_MASKS[i];
            KEY_TAILS[i] = key.length >= 8 ? (long) EIGHT_BYTES.get(key, key.length - 8) : KEY_HEADS[i];
        }
    }

    private final byte[] buf;
    private final int begin;
    private final int end;
    private int pos;

    private long id;
    private String name;
    private String visibility;
    private String units;
    private long timestamp;
    private final double[] numbers = new double[FIELDS.length];
    private int seen;
    private int expectedField = NAME;
    /** The value of the digits last read by {@link #digits}. */
    private long mantissa;

    TelemetryReader(byte[] buf, int start, int end) {
        this.buf = buf;
        this.begin = start;
        this.pos = start;
        this.end = end;
    }

    /**
     * Reads a document laid out as the API sends it (its fields in its order, at most one space after each
     * separator) without the general reader's bookkeeping, which is a good part of its cost. Returns
     * {@code null} as soon as the document differs in any way, valid or not: the general reader then starts
     * over, and its verdict and error messages are the only ones.
     */
    Telemetry parseInApiOrder() {
        try {
            for (int i = 0; i < API_ORDER.length; i++) {
                if (!consumeKey(i == 0 ? '{' : ',', API_ORDER[i])) {
                    return null;
                }
                readField(API_ORDER[i]);
            }
            if (end - pos != 1 || buf[pos] != '}') {
                return null;
            }
            return telemetry();
        } catch (InvalidTelemetry e) {
            return null;
        }
    }

    /** Consumes {@code separator}, then {@code "field":}, each optionally followed by one space. */
    private boolean consumeKey(char separator, int field) {
        if (pos >= end || buf[pos] != separator) {
            return false;
        }
        pos++;
        if (pos < end && buf[pos] == ' ') {
            pos++;
        }
        int after = pos + KEYS[field].length;
        if (!keyAt(pos, field)) {
            return false;
        }
        pos = after < end && buf[after] == ' ' ? after + 1 : after;
        return true;
    }

    /** Whether {@code "field":} starts at {@code at}; keys are at most 16 bytes, so two 8-byte compares do. */
    private boolean keyAt(int at, int field) {
        int length = KEYS[field].length;
        if (at + Math.max(8, length) > end) {
            return at + length <= end && Arrays.equals(buf, at, at + length, KEYS[field], 0, length);
        }
        long head = (long) EIGHT_BYTES.get(buf, at);
        return (head & KEY_MASKS[field]) == KEY_HEADS[field]
                && (length <= 8 || (long) EIGHT_BYTES.get(buf, at + length - 8) == KEY_TAILS[field]);
    }

    Telemetry parseRecord() {
        skipWhitespace();
        expect('{', "a JSON object");
        skipWhitespace();
        if (peek() != '}') {
            do {
                skipWhitespace();
                int field = readKey();
                skipWhitespace();
                expect(':', "':' after a field name");
                skipWhitespace();
                if (field < 0) {
                    skipValue(0);
                } else {
                    if ((seen & (1 << field)) != 0) {
                        throw malformed("field '" + FIELDS[field] + "' appears twice");
                    }
                    seen |= 1 << field;
                    readField(field);
                }
                skipWhitespace();
            } while (tryConsume(','));
        }
        expect('}', "',' or '}'");
        skipWhitespace();
        if (pos != end) {
            throw malformed("unexpected content after the object");
        }
        for (int f = 0; f < FIELDS.length; f++) {
            if ((seen & (1 << f)) == 0) {
                throw new InvalidTelemetry(FIELDS[f], null, "required field is missing");
            }
        }
        return telemetry();
    }

    private Telemetry telemetry() {
        return new Telemetry(id, name, numbers[LATITUDE], numbers[LONGITUDE], numbers[ALTITUDE],
                numbers[VELOCITY], Visibility.fromApiName(visibility), numbers[FOOTPRINT], timestamp,
                numbers[DAYNUM], numbers[SOLAR_LAT], numbers[SOLAR_LON], Units.fromApiName(units));
    }

    private void readField(int field) {
        switch (field) {
            case ID -> id = readInteger(field);
            case TIMESTAMP -> timestamp = readInteger(field);
            case NAME -> name = readString(field);
            case VISIBILITY -> visibility = readString(field);
            case UNITS -> units = readString(field);
            default -> numbers[field] = readNumber(field);
        }
    }

    /** Returns the index of a known field, or -1 for a field this parser skips. */
    private int readKey() {
        // The API sends its fields in one order: try the field that follows the previous one first.
        int guess = expectedField;
        if (guess >= 0) {
            byte[] quoted = QUOTED_FIELDS[guess];
            int after = pos + quoted.length;
            if (after <= end && Arrays.equals(buf, pos, after, quoted, 0, quoted.length)) {
                pos = after;
                expectedField = NEXT_FIELD[guess];
                return guess;
            }
        }
        expect('"', "a field name");
        int start = pos;
        while (pos < end && buf[pos] != '"') {
            if ((buf[pos] & 0xff) < 0x20) {
                throw malformed("control character inside a string");
            }
            if (buf[pos] == '\\') { // the API never escapes its names, but JSON allows any name written with escapes
                pos = start - 1;
                int field = Arrays.asList(FIELDS).indexOf(readRawString());
                if (field >= 0) {
                    expectedField = NEXT_FIELD[field];
                }
                return field;
            }
            pos++;
        }
        if (pos >= end) {
            throw malformed("unterminated field name");
        }
        int length = pos - start;
        pos++;
        for (int f = 0; f < FIELD_BYTES.length; f++) {
            byte[] candidate = FIELD_BYTES[f];
            if (candidate.length == length && regionEquals(candidate, start)) {
                expectedField = NEXT_FIELD[f];
                return f;
            }
        }
        utf8(start, length); // a name skipped must still be text
        return -1;
    }

    private boolean regionEquals(byte[] candidate, int start) {
        for (int i = 0; i < candidate.length; i++) {
            if (buf[start + i] != candidate[i]) {
                return false;
            }
        }
        return true;
    }

    private String readString(int field) {
        if (peek() != '"') {
            throw new InvalidTelemetry(FIELDS[field], tokenText(), "must be a string");
        }
        return readRawString();
    }

    private String readRawString() {
        expect('"', "a string");
        StringBuilder text = null;
        int start = pos;
        while (pos < end) {
            byte b = buf[pos];
            if (b == '"') {
                String s = text == null
                        ? knownOrNew(start, pos - start)
                        : text.append(utf8(start, pos - start)).toString();
                pos++;
                return s;
            }
            if (b == '\\') {
                if (text == null) {
                    text = new StringBuilder();
                }
                text.append(utf8(start, pos - start));
                text.append(readEscape());
                start = pos;
                continue;
            }
            if ((b & 0xff) < 0x20) {
                throw malformed("control character inside a string");
            }
            pos++;
        }
        throw malformed("unterminated string");
    }

    /** The text of a string without escapes; every record repeats the same few, so those are shared. */
    private String knownOrNew(int start, int length) {
        for (int k = 0; k < KNOWN_VALUE_BYTES.length; k++) {
            byte[] candidate = KNOWN_VALUE_BYTES[k];
            if (candidate.length == length && regionEquals(candidate, start)) {
                return KNOWN_VALUES[k];
            }
        }
        return utf8(start, length);
    }

    /** The bytes as text, refusing what is not UTF-8 (a String made from them would hold U+FFFD in silence). */
    private String utf8(int start, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(buf, start, length)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("a string that is not UTF-8");
        }
    }

    private char readEscape() {
        pos++; // the backslash
        if (pos >= end) {
            throw malformed("unterminated escape");
        }
        byte e = buf[pos++];
        switch (e) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (pos + 4 > end) {
                    throw malformed("truncated \\u escape");
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(buf[pos++], 16);
                    if (digit < 0) {
                        throw malformed("bad \\u escape");
                    }
                    code = code * 16 + digit;
                }
                return (char) code;
            default:
                throw malformed("bad escape \\" + (char) e);
        }
    }

    private long readInteger(int field) {
        // Fast path, every API value: an optional minus and 1 to 15 digits without a leading zero.
        int p = pos;
        boolean negative = p < end && buf[p] == '-';
        int first = negative ? p + 1 : p;
        p = digits(first, 0);
        int count = p - first;
        if (count >= 1 && count <= 15 && (count == 1 || buf[first] != '0') && (p == end || isDelimiter(buf[p]))) {
            pos = p;
            return negative ? -mantissa : mantissa;
        }
        int start = pos;
        double value = readNumber(field);
        if (value != Math.rint(value) || Math.abs(value) > 9.007199254740992E15) {
            throw new InvalidTelemetry(FIELDS[field], text(start, pos), "must be a whole number");
        }
        for (int i = start; i < pos; i++) {
            if (buf[i] == '.' || buf[i] == 'e' || buf[i] == 'E') {
                throw new InvalidTelemetry(FIELDS[field], text(start, pos), "must be a whole number");
            }
        }
        return (long) value;
    }

    /**
     * Reads the digits from {@code p} on into {@link #mantissa}, which starts at {@code from}; returns where they
     * end. Eight bytes at a time while eight are there, without a branch per digit. Without overflow checks:
     * callers use the value only for at most 15 digits.
     */
    private int digits(int p, long from) {
        long value = from;
        while (p + 8 <= end) {
            long eight = (long) EIGHT_BYTES.get(buf, p);
            int count = leadingDigits(eight);
            if (count == 8) {
                value = value * 100_000_000L + eightDigitsValue(eight);
                p += 8;
                continue;
            }
            if (count > 0) {
                // keep the digits, shifted to the top, and fill in zeros in front of them
                long padded = (eight << (8 * (8 - count))) | (0x3030303030303030L >>> (8 * count));
                value = value * LONG_POWERS_OF_TEN[count] + eightDigitsValue(padded);
            }
            mantissa = value;
            return p + count;
        }
        while (p < end && isDigit(buf[p])) {
            value = value * 10 + (buf[p++] - '0');
        }
        mantissa = value;
        return p;
    }

    /** How many of the eight bytes, from the lowest, are ASCII digits before the first that is not. */
    private static int leadingDigits(long eight) {
        long notDigits = ((eight & 0xF0F0F0F0F0F0F0F0L) ^ 0x3030303030303030L)
                | (((eight + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) ^ 0x3030303030303030L);
        return Long.numberOfTrailingZeros(notDigits) >>> 3;
    }

    /** Eight ASCII digits (first one in the lowest byte) as a number: pairs, then fours, then all eight combined. */
    private static long eightDigitsValue(long eight) {
        long pairs = (eight & 0x0F0F0F0F0F0F0F0FL) * (10 * 256 + 1) >>> 8;
        long fours = (pairs & 0x00FF00FF00FF00FFL) * (100 * 65_536 + 1) >>> 16;
        return (fours & 0x0000FFFF0000FFFFL) * (10_000L * 4_294_967_296L + 1) >>> 32;
    }

    /**
     * Reads a JSON number. Decimal literals with at most 15 significant digits and a small exponent
     * (every API value) are converted exactly with one IEEE division or multiplication (Clinger's fast
     * path); anything else falls back to {@link Double#parseDouble}.
     */
    private double readNumber(int field) {
        int start = pos;
        boolean negative = tryConsume('-');
        int p = digits(pos, 0);
        int integerDigits = p - pos;
        if (integerDigits == 0) {
            throw new InvalidTelemetry(FIELDS[field], tokenTextFrom(start), "must be a JSON number");
        }
        if (integerDigits > 1 && buf[pos] == '0') {
            throw new InvalidTelemetry(FIELDS[field], tokenTextFrom(start), "leading zeros are not JSON");
        }
        int fractionDigits = 0;
        if (p < end && buf[p] == '.') {
            int fractionStart = ++p;
            p = digits(p, mantissa);
            fractionDigits = p - fractionStart;
            if (fractionDigits == 0) {
                pos = p;
                throw new InvalidTelemetry(FIELDS[field], tokenTextFrom(start), "must be a JSON number");
            }
        }
        boolean hasExponent = false;
        if (p < end && (buf[p] == 'e' || buf[p] == 'E')) {
            hasExponent = true;
            p++;
            if (p < end && (buf[p] == '+' || buf[p] == '-')) {
                p++;
            }
            if (p >= end || !isDigit(buf[p])) {
                pos = p;
                throw new InvalidTelemetry(FIELDS[field], tokenTextFrom(start), "must be a JSON number");
            }
            while (p < end && isDigit(buf[p])) {
                p++;
            }
        }
        pos = p;
        if (pos < end && !isDelimiter(buf[pos])) {
            throw new InvalidTelemetry(FIELDS[field], tokenTextFrom(start), "must be a JSON number");
        }
        if (!hasExponent && integerDigits + fractionDigits <= 15) {
            // at most 15 digits: the mantissa is exact, and so is one IEEE division by an exact power of ten
            double value = (double) mantissa;
            value = fractionDigits == 0 ? value : value / TelemetryJson.POWERS_OF_TEN[fractionDigits];
            return negative ? -value : value;
        }
        double value = Double.parseDouble(text(start, pos));
        if (!Double.isFinite(value)) {
            throw new InvalidTelemetry(FIELDS[field], text(start, pos), "must be a finite number");
        }
        return value;
    }

    /** Reads past the value of a field this parser does not use, refusing it unless it is JSON. */
    private void skipValue(int depth) {
        switch (peek()) {
            case '"' -> readRawString();
            case '{' -> skipObject(depth);
            case '[' -> skipArray(depth);
            case 't' -> skipLiteral("true");
            case 'f' -> skipLiteral("false");
            case 'n' -> skipLiteral("null");
            default -> skipNumber();
        }
    }

    private void skipObject(int depth) {
        enterNested(depth);
        skipWhitespace();
        if (tryConsume('}')) {
            return;
        }
        do {
            skipWhitespace();
            if (peek() != '"') {
                throw malformed("expected a field name at byte " + pos);
            }
            readRawString();
            skipWhitespace();
            expect(':', "':' after a field name");
            skipWhitespace();
            skipValue(depth + 1);
            skipWhitespace();
        } while (tryConsume(','));
        expect('}', "',' or '}'");
    }

    private void skipArray(int depth) {
        enterNested(depth);
        skipWhitespace();
        if (tryConsume(']')) {
            return;
        }
        do {
            skipWhitespace();
            skipValue(depth + 1);
            skipWhitespace();
        } while (tryConsume(','));
        expect(']', "',' or ']'");
    }

    /** Steps over an opening bracket; a bound on nesting keeps a hostile record from exhausting the stack. */
    private void enterNested(int depth) {
        if (depth >= MAX_NESTING) {
            throw malformed("values nested deeper than " + MAX_NESTING + " levels");
        }
        pos++;
    }

    private void skipLiteral(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            if (pos >= end || buf[pos] != literal.charAt(i)) {
                throw malformed("not a JSON value at byte " + pos);
            }
            pos++;
        }
    }

    /** A JSON number: {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}; what may follow is the caller's to check. */
    private void skipNumber() {
        int start = pos;
        tryConsume('-');
        if (!tryConsume('0')) {
            requireDigits(start);
        }
        if (tryConsume('.')) {
            requireDigits(start);
        }
        if (tryConsume('e') || tryConsume('E')) {
            if (!tryConsume('+')) {
                tryConsume('-');
            }
            requireDigits(start);
        }
    }

    private void requireDigits(int valueStart) {
        int first = pos;
        while (pos < end && isDigit(buf[pos])) {
            pos++;
        }
        if (pos == first) {
            throw malformed("not a JSON value at byte " + valueStart);
        }
    }

    private String tokenText() {
        return tokenTextFrom(pos);
    }

    private String tokenTextFrom(int start) {
        int stop = start;
        while (stop < end && !isDelimiter(buf[stop]) && stop - start < 40) {
            stop++;
        }
        return text(start, Math.max(stop, Math.min(start + 1, end)));
    }

    private String text(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isDelimiter(byte b) {
        return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte b = buf[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private byte peek() {
        if (pos >= end) {
            throw malformed("document ends too early");
        }
        return buf[pos];
    }

    private boolean tryConsume(char c) {
        if (pos < end && buf[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c, String what) {
        if (pos >= end) {
            throw malformed("document ends where " + what + " was expected");
        }
        if (buf[pos] != c) {
            throw malformed("expected " + what + " at byte " + pos);
        }
        pos++;
    }

    private InvalidTelemetry malformed(String reason) {
        return new InvalidTelemetry("record", null, "malformed JSON: " + reason + " in " + TelemetryJson.excerpt(buf, begin, end - begin));
    }
}
