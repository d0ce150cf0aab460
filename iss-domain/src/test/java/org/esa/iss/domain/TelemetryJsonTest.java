package org.esa.iss.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

class TelemetryJsonTest {

    static List<String> realRecords() throws IOException {
        try (InputStream in = TelemetryJsonTest.class.getResourceAsStream("/api-sample-2024-04-25.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    @Test
    void theThreeRealApiRecordsAreValidTelemetry() throws IOException {
        List<String> lines = realRecords();
        assertThat(lines).hasSize(3);
        Telemetry first = TelemetryJson.parse(lines.get(0).getBytes(StandardCharsets.UTF_8));
        assertThat(first.satelliteId()).isEqualTo(25544);
        assertThat(first.name()).isEqualTo("iss");
        assertThat(first.latitude()).isEqualTo(-48.947826322504);
        assertThat(first.longitude()).isEqualTo(125.29514904266);
        assertThat(first.altitudeKm()).isEqualTo(433.83561822897);
        assertThat(first.velocityKmh()).isEqualTo(27538.217323796);
        assertThat(first.visibility()).isEqualTo(Visibility.DAYLIGHT);
        assertThat(first.footprintKm()).isEqualTo(4577.1935346024);
        assertThat(first.timestamp()).isEqualTo(1714032708L);
        assertThat(first.dayNumber()).isEqualTo(2460425.8415278);
        assertThat(first.solarLatitude()).isEqualTo(13.394772525764);
        assertThat(first.solarLongitude()).isEqualTo(56.529414593886);
        assertThat(first.units()).isEqualTo(Units.KILOMETERS);
        for (String line : lines) {
            Telemetry t = TelemetryJson.parse(line.getBytes(StandardCharsets.UTF_8));
            assertThat(TelemetryJson.parse(TelemetryJson.format(t))).isEqualTo(t);
        }
    }

    @Test
    void missingFieldIsNamed() {
        String json = "{\"name\":\"iss\",\"id\":25544,\"latitude\":1.0}";
        assertThatThrownBy(() -> TelemetryJson.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidTelemetry.class)
                .hasMessageContaining("longitude")
                .hasMessageContaining("missing");
    }

    @Test
    void wrongTypeNanAndTruncationAreDescriptiveErrorsQuotingTheBody() throws IOException {
        String good = realRecords().get(0);
        String stringAltitude = good.replace("\"altitude\": 433.83561822897", "\"altitude\": \"high\"");
        assertThatThrownBy(() -> TelemetryJson.parse(stringAltitude.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidTelemetry.class).hasMessageContaining("altitude").hasMessageContaining("{\"name\"");
        String nan = good.replace("433.83561822897", "NaN");
        assertThatThrownBy(() -> TelemetryJson.parse(nan.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidTelemetry.class).hasMessageContaining("altitude").hasMessageContaining("NaN");
        String truncated = good.substring(0, good.length() / 2);
        assertThatThrownBy(() -> TelemetryJson.parse(truncated.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidTelemetry.class).hasMessageContaining("malformed");
        String fractionalId = good.replace("25544", "25544.5");
        assertThatThrownBy(() -> TelemetryJson.parse(fractionalId.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("id").hasMessageContaining("whole number");
        String unknownUnits = good.replace("kilometers", "parsecs");
        assertThatThrownBy(() -> TelemetryJson.parse(unknownUnits.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("units").hasMessageContaining("parsecs");
        assertThatThrownBy(() -> TelemetryJson.parse(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> TelemetryJson.parse(null)).hasMessageContaining("null");
    }

    @Test
    void duplicateFieldsAreRejectedAndUnknownFieldsSkipped() throws IOException {
        String good = realRecords().get(0);
        String extra = good.replace("{", "{\"extra\": {\"nested\": [1, \"}\"]}, ");
        assertThat(TelemetryJson.parse(extra.getBytes(StandardCharsets.UTF_8)).altitudeKm()).isEqualTo(433.83561822897);
        String twice = good.replace("{", "{\"altitude\": 400.0, ");
        assertThatThrownBy(() -> TelemetryJson.parse(twice.getBytes(StandardCharsets.UTF_8))).hasMessageContaining("twice");
    }

    @Property(tries = 3000)
    void anUnknownFieldIsSkippedExactlyWhenItsValueIsJson(@ForAll("jsonish") String value) throws IOException {
        String good = realRecords().get(0);
        byte[] withExtra = good.replace(", \"units\"", ", \"extra\": " + value + ", \"units\"").getBytes(StandardCharsets.UTF_8);
        boolean json = isJsonValue(value);
        Statistics.label("value is JSON").collect(json);
        if (json) {
            assertThat(TelemetryJson.parse(withExtra)).isEqualTo(TelemetryJson.parse(good.getBytes(StandardCharsets.UTF_8)));
        } else {
            assertThatThrownBy(() -> TelemetryJson.parse(withExtra)).isInstanceOf(InvalidTelemetry.class)
                    .hasMessageContaining("malformed JSON");
        }
        Statistics.label("value is JSON").coverage(c -> {
            c.check(true).percentage(p -> p > 10);
            c.check(false).percentage(p -> p > 10);
        });
    }

    /** Values of every shape: pieces of JSON, valid and broken, joined at random, and valid nested values. */
    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.oneOf(jsonPieces(), jsonValue(3));
    }

    private static Arbitrary<String> jsonValue(int depth) {
        Arbitrary<String> scalar = Arbitraries.of("0", "-1.5e-3", "12", "true", "false", "null", "\"\"", "\"a\\\"b\"",
                "\"\\u00e9\"");
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<List<String>> members = jsonValue(depth - 1).list().ofMaxSize(3);
        return Arbitraries.oneOf(scalar,
                members.map(values -> "[" + String.join(", ", values) + "]"),
                members.map(values -> {
                    StringBuilder object = new StringBuilder("{");
                    for (int i = 0; i < values.size(); i++) {
                        object.append(i == 0 ? "" : ", ").append("\"k").append(i).append("\": ").append(values.get(i));
                    }
                    return object.append('}').toString();
                }));
    }

    private static Arbitrary<String> jsonPieces() {
        return Arbitraries.of("{", "}", "[", "]", ",", ":", " ", "\"a\"", "\"b\\n\"", "\"\\x\"", "\"", "1", "-0.5", "2E+3",
                        "01", "1.", ".5", "-", "1.2.3", "true", "tru", "null", "nul", "false", "{\"k\":", "[1,")
                .list().ofMinSize(1).ofMaxSize(8).map(pieces -> String.join("", pieces));
    }

    private static boolean isJsonValue(String text) {
        try {
            JsonNode node = STRICT_JSON.readTree(text);
            return node != null && !node.isMissingNode();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static final ObjectMapper STRICT_JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Test
    void nameSpelledWithEscapesIsTheSameFieldAndDeepNestingIsRefused() throws IOException {
        String good = realRecords().get(0);
        String escaped = good.replace("\"altitude\"", "\"\\u0061ltitude\"");
        assertThat(TelemetryJson.parse(escaped.getBytes(StandardCharsets.UTF_8))).isEqualTo(TelemetryJson.parse(good.getBytes(StandardCharsets.UTF_8)));
        String twice = good.replace("{", "{\"\\u0061ltitude\": 400.0, ");
        assertThatThrownBy(() -> TelemetryJson.parse(twice.getBytes(StandardCharsets.UTF_8))).hasMessageContaining("twice");
        String deep = good.replace(", \"units\"", ", \"extra\": " + "[".repeat(40) + "]".repeat(40) + ", \"units\"");
        assertThatThrownBy(() -> TelemetryJson.parse(deep.getBytes(StandardCharsets.UTF_8))).hasMessageContaining("nested deeper than 32");
    }

    @Test
    void bytesThatAreNotUtf8AndControlCharactersInNamesAreRefused() throws IOException {
        String good = realRecords().get(0);
        byte[] notUtf8Value = withFirstField(good, new byte[] {'"', 'x', '"', ':', '"', 'a', (byte) 0xFF, '"'});
        byte[] notUtf8Name = withFirstField(good, new byte[] {'"', (byte) 0xC3, 'x', '"', ':', '1'});
        byte[] controlInName = withFirstField(good, new byte[] {'"', 'a', 1, 'b', '"', ':', '1'});
        byte[] notUtf8Satellite = good.replace("\"iss\"", "\"is\u00ff\"").getBytes(StandardCharsets.ISO_8859_1);
        for (byte[] record : List.of(notUtf8Value, notUtf8Name, notUtf8Satellite)) {
            assertThatThrownBy(() -> TelemetryJson.parse(record)).isInstanceOf(InvalidTelemetry.class)
                    .hasMessageContaining("a string that is not UTF-8");
        }
        assertThatThrownBy(() -> TelemetryJson.parse(controlInName)).hasMessageContaining("control character inside a string");
        assertThat(TelemetryJson.parse(withFirstField(good, "\"é\":\"ü\"".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(TelemetryJson.parse(good.getBytes(StandardCharsets.UTF_8)));
    }

    /** The record with {@code field} (raw bytes, a name and its value) put before its first field. */
    private static byte[] withFirstField(String record, byte[] field) {
        byte[] rest = record.substring(1).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[1 + field.length + 1 + rest.length];
        out[0] = '{';
        System.arraycopy(field, 0, out, 1, field.length);
        out[1 + field.length] = ',';
        System.arraycopy(rest, 0, out, 2 + field.length, rest.length);
        return out;
    }

    @Test
    void anErrorQuotesTheRejectedValueOnce() throws IOException {
        String high = realRecords().get(0).replace("\"altitude\": 433.83561822897", "\"altitude\": \"high\"");
        assertThatThrownBy(() -> TelemetryJson.parse(high.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidTelemetry.class)
                .satisfies(e -> assertThat(e.getMessage().split("\\(got ", -1)).hasSize(2))
                .hasMessageStartingWith("altitude: must be a JSON number in '{");
    }

    /** The message says where in the document; field, value and reason stay apart for code that reads them. */
    @Test
    void aParseErrorKeepsItsFieldValueAndReasonApartFromTheExcerpt() throws IOException {
        String high = realRecords().get(0).replace("\"altitude\": 433.83561822897", "\"altitude\": \"high\"");
        InvalidTelemetry error = catchThrowableOfType(() -> TelemetryJson.parse(high.getBytes(StandardCharsets.UTF_8)),
                InvalidTelemetry.class);

        assertThat(error.field()).isEqualTo("altitude");
        assertThat(error.reason()).isEqualTo("must be a JSON number");
        assertThat(error.rejectedValue()).contains("high");
        assertThat(error.getMessage()).contains(" in '{").contains("(got ");
        assertThat(error.getCause()).isInstanceOf(InvalidTelemetry.class).hasMessageNotContaining(" in '{");
    }

    @Property(tries = 1000)
    void formatThenParseIsIdentity(@ForAll("telemetry") Telemetry telemetry) {
        assertThat(TelemetryJson.parse(TelemetryJson.format(telemetry))).isEqualTo(telemetry);
    }

    @Property(tries = 2000)
    void wholeNumbersReadExactlyUpToTwoToTheFiftyThreeAndAreRefusedBeyondOrWithLeadingZeros(
            @ForAll("wholeNumbers") long magnitude, @ForAll boolean negative, @ForAll boolean leadingZero) {
        long value = negative ? -magnitude : magnitude;
        String literal = (negative ? "-" : "") + (leadingZero ? "0" : "") + magnitude;
        String json = new String(TelemetryJson.format(TelemetryTest.valid(420, Units.KILOMETERS)), StandardCharsets.UTF_8)
                .replaceFirst("\"timestamp\":[0-9]+", "\"timestamp\":" + literal);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (leadingZero) {
            assertThatThrownBy(() -> TelemetryJson.parse(bytes)).isInstanceOf(InvalidTelemetry.class)
                    .hasMessageContaining("timestamp");
        } else if (magnitude > 9_007_199_254_740_992L) {
            assertThatThrownBy(() -> TelemetryJson.parse(bytes)).hasMessageContaining("whole number");
        } else if (negative || value > Telemetry.LAST_STORABLE_SECOND) {
            assertThatThrownBy(() -> TelemetryJson.parse(bytes)).isInstanceOf(InvalidTelemetry.class)
                    .hasMessageContaining("unix seconds from 1970 to the end of 9999");
        } else {
            assertThat(TelemetryJson.parse(bytes).timestamp()).isEqualTo(value);
        }
    }

    @Provide
    Arbitrary<Long> wholeNumbers() {
        // every length from 1 to 19 digits, so that reading eight digits at a time meets each remainder
        return Arbitraries.integers().between(0, 18)
                .flatMap(digits -> Arbitraries.longs().between(digits == 0 ? 1 : (long) Math.pow(10, digits),
                        digits == 18 ? Long.MAX_VALUE : (long) Math.pow(10, digits + 1) - 1));
    }

    @Property(tries = 1000)
    void theApiLayoutShortcutAgreesWithTheGeneralReaderEvenOnDamagedDocuments(
            @ForAll("telemetry") Telemetry telemetry, @ForAll("fraction") double where, @ForAll byte replacement) {
        byte[] damaged = TelemetryJson.format(telemetry);
        damaged[(int) (where * (damaged.length - 1))] = replacement;
        // a newline after '{' is valid JSON the shortcut never takes: this copy goes to the general reader
        byte[] general = new byte[damaged.length + 1];
        general[0] = '{';
        general[1] = '\n';
        System.arraycopy(damaged, 1, general, 2, damaged.length - 1);
        assertThat(outcome(damaged)).isEqualTo(damaged[0] == '{' ? outcome(general) : outcome(damaged));
    }

    /** The parsed record, or the field an error names. */
    private static Object outcome(byte[] json) {
        try {
            return TelemetryJson.parse(json);
        } catch (InvalidTelemetry e) {
            return "invalid " + e.field();
        }
    }

    @Property(tries = 500)
    void aRecordInsideALargerBufferIsReadFromItsSliceOnly(@ForAll("telemetry") Telemetry telemetry,
                                                         @ForAll("fraction") double cut) {
        byte[] json = TelemetryJson.format(telemetry);
        // digits on both sides: a reader that looked past either end of the slice would take them for the record's
        byte[] buffer = new byte[json.length + 24];
        java.util.Arrays.fill(buffer, (byte) '7');
        System.arraycopy(json, 0, buffer, 12, json.length);
        assertThat(TelemetryJson.parse(buffer, 12, json.length)).isEqualTo(telemetry);
        int length = (int) (cut * (json.length - 1));
        assertThatThrownBy(() -> TelemetryJson.parse(buffer, 12, length)).isInstanceOf(InvalidTelemetry.class);
    }

    @Property(tries = 1000)
    void numbersParseExactlyLikeTheJdk(@ForAll("decimals") String literal) {
        String json = new String(TelemetryJson.format(TelemetryTest.valid(420, Units.KILOMETERS)), StandardCharsets.UTF_8)
                .replace("\"altitude\":420.0", "\"altitude\":" + literal);
        assertThat(TelemetryJson.parse(json.getBytes(StandardCharsets.UTF_8)).altitude()).isEqualTo(Double.parseDouble(literal));
    }

    @Property(tries = 2000)
    void everyFiniteNumberIsWrittenSoThatItReadsBackExactly(@ForAll double value) {
        String text = written(value);
        assertThat(Double.parseDouble(text)).isEqualTo(value);
        assertThat(text).matches("-?[0-9]+\\.[0-9]+|-?[0-9]\\.[0-9]+E-?[0-9]+|-?Infinity|NaN");
    }

    @Property(tries = 2000)
    void numbersAsTheApiPrintsThemAreWrittenWithTheirOwnDigits(@ForAll("apiLiterals") String literal) {
        assertThat(written(Double.parseDouble(literal))).isEqualTo(literal);
    }

    @Test
    void wholeSmallAndLargeNumbersAreValidJson() {
        assertThat(written(408)).isEqualTo("408.0");
        assertThat(written(-0.00123)).isEqualTo("-0.00123");
        assertThat(written(123456789012345.0)).isEqualTo("123456789012345.0");
        assertThat(written(1e15)).isEqualTo("1.0E15");
        assertThat(written(99999999999999.0)).isEqualTo("99999999999999.0");
        assertThat(written(0.1 + 0.2)).isEqualTo(String.valueOf(0.1 + 0.2));
    }

    private static String written(double value) {
        StringBuilder out = new StringBuilder();
        TelemetryJson.appendNumber(out, value);
        return out.toString();
    }

    @Provide
    Arbitrary<String> apiLiterals() {
        // 1 to 14 significant digits, trailing zeros trimmed, as the API prints latitudes, altitudes, daynums
        return Combinators.combine(Arbitraries.longs().between(1, 99_999_999_999_999L), Arbitraries.integers().between(1, 13),
                        Arbitraries.of("", "-"))
                .as((digits, decimals, sign) -> {
                    String text = Long.toString(digits);
                    while (text.length() <= decimals) {
                        text = "0" + text;
                    }
                    String literal = text.substring(0, text.length() - decimals) + "." + text.substring(text.length() - decimals);
                    literal = literal.replaceAll("0+$", "");
                    return sign + (literal.endsWith(".") ? literal + "0" : literal);
                })
                .filter(l -> Math.abs(Double.parseDouble(l)) >= 1e-6);
    }

    @Property(tries = 1000)
    void arbitraryBytesEitherParseOrFailWithInvalidTelemetry(@ForAll byte[] bytes) {
        try {
            TelemetryJson.parse(bytes);
        } catch (InvalidTelemetry expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void everyTruncationOfAValidRecordIsRejected(@ForAll("telemetry") Telemetry telemetry, @ForAll("fraction") double cut) {
        byte[] full = TelemetryJson.format(telemetry);
        int length = (int) (cut * (full.length - 1));
        assertThatThrownBy(() -> TelemetryJson.parse(full, 0, length)).isInstanceOf(InvalidTelemetry.class);
    }

    @Provide
    Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> plain = Combinators.combine(
                        Arbitraries.longs().between(1, 999_999), Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(17))
                .as((whole, fraction) -> whole + "." + fraction);
        Arbitrary<String> exponent = Combinators.combine(Arbitraries.longs().between(1, 9_999), Arbitraries.integers().between(-5, 5))
                .as((m, e) -> m + "e" + e);
        return Arbitraries.oneOf(plain, exponent, Arbitraries.doubles().between(1e-6, 1e7).ofScale(12).map(String::valueOf));
    }

    @Provide
    Arbitrary<Telemetry> telemetry() {
        Arbitrary<Double> lat = Arbitraries.doubles().between(-90, 90).ofScale(12);
        Arbitrary<Double> lon = Arbitraries.doubles().between(-180, 180).ofScale(12);
        Arbitrary<Double> alt = Arbitraries.doubles().between(0.001, 1e6).ofScale(11);
        Arbitrary<Long> time = Arbitraries.longs().between(0, 4_000_000_000L);
        Arbitrary<String> name = Arbitraries.strings().ofMinLength(1).ofMaxLength(12).filter(s -> !s.isBlank());
        Arbitrary<Long> id = Arbitraries.longs().between(1, 99_999);
        Arbitrary<Double> speed = Arbitraries.doubles().between(0, 40_000).ofScale(9);
        Arbitrary<Double> footprint = Arbitraries.doubles().between(0, 20_000).ofScale(9);
        Arbitrary<Double> solarLat = Arbitraries.doubles().between(-90, 90).ofScale(12);
        Arbitrary<Double> solarLon = Arbitraries.doubles().between(-180, 360).ofScale(12);
        Arbitrary<double[]> rest = Combinators.combine(speed, footprint, solarLat, solarLon).as((sp, fp, sla, slo) -> new double[] {sp, fp, sla, slo});
        Arbitrary<java.util.Map.Entry<Long, String>> satellite = Combinators.combine(id, name).as(java.util.Map::entry);
        return Combinators.combine(satellite, lat, lon, alt, time, Arbitraries.of(Units.class), Arbitraries.of(Visibility.class), rest)
                .as((who, la, lo, al, ti, u, v, r) -> new Telemetry(who.getKey(), who.getValue(), la, lo, al, r[0], v, r[1], ti,
                        ti / 86400.0 + 2440587.5, r[2], r[3], u));
    }

    /**
     * A valid record with a few bytes changed, dropped or repeated (a byte from JSON's own alphabet, mostly): it
     * parses into a valid fix or fails with {@link InvalidTelemetry}, never with another exception. Random bytes alone
     * rarely get past the opening brace.
     */
    @Property(tries = 3000)
    void aDamagedValidRecordParsesOrFailsWithInvalidTelemetry(@ForAll("telemetry") Telemetry telemetry, @ForAll long seed) {
        Random random = new Random(seed);
        byte[] json = TelemetryJson.format(telemetry);
        java.io.ByteArrayOutputStream damaged = new java.io.ByteArrayOutputStream();
        byte[] alphabet = "{}[]\":,.-+eE0123456789 tfnul\\u".getBytes(StandardCharsets.UTF_8);
        for (byte b : json) {
            int roll = random.nextInt(60);
            if (roll == 0) {
                continue; // dropped
            }
            damaged.write(roll == 1 ? alphabet[random.nextInt(alphabet.length)] : roll == 2 ? (byte) random.nextInt(256) : b);
            if (roll == 3) {
                damaged.write(b); // repeated
            }
        }
        byte[] bytes = damaged.toByteArray();
        try {
            Telemetry parsed = TelemetryJson.parse(bytes);
            assertThat(parsed.satelliteId()).isPositive();
        } catch (InvalidTelemetry expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
