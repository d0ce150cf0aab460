package org.esa.iss.app.faults;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.esa.iss.adapter.http.IssSimulator;
import org.esa.iss.domain.Units;
import org.esa.iss.ports.out.FeedPartition;

/**
 * Test data: the record with sequence number {@code n} is the simulated ISS position at {@link #START} + n
 * seconds, so a table's {@code timestamp} column tells which records it holds. Invalid payloads come in
 * the kinds a topic shared with careless producers really sees.
 */
final class TelemetryPayloads {
    /** Event time of record 0, near the bundled element set's epoch. */
    static final long START = Instant.parse("2024-04-25T00:00:00Z").getEpochSecond();

    private final IssSimulator simulator = IssSimulator.withBundledTle(Clock.systemUTC());

    /** The API's JSON for record {@code n}. */
    byte[] valid(long n) {
        return IssSimulator.json(simulator.at(START + n, Units.KILOMETERS));
    }

    /** Publishes valid records {@code from..to} (exclusive), record n to partition n mod {@code partitions}, and flushes. */
    void publish(TestBroker.RawProducer producer, int partitions, int from, int to) {
        byte[] key = "25544".getBytes(StandardCharsets.UTF_8);
        for (int n = from; n < to; n++) {
            producer.send(n % partitions, key, valid(n));
        }
        producer.flush();
    }

    /** True once every partition's last offset is {@code perPartition - 1}: all records of a {@link #publish} are in. */
    static boolean allIn(Map<FeedPartition, Long> lastOffsets, int partitions, long perPartition) {
        return lastOffsets.size() == partitions && lastOffsets.values().stream().allMatch(last -> last == perPartition - 1);
    }

    String validText(long n) {
        return new String(valid(n), StandardCharsets.UTF_8);
    }

    /** One kind of broken payload, derived from a valid record and a random source. */
    record Fuzz(String kind, BiFunction<String, Random, byte[]> make) {
        byte[] apply(String validJson, Random random) {
            return make.apply(validJson, random);
        }
    }

    /** Every kind of invalid payload the fuzz case mixes in (1 MB values are added separately, they are big). */
    static final List<Fuzz> INVALID = List.of(
            new Fuzz("random bytes", (json, r) -> {
                byte[] bytes = new byte[1 + r.nextInt(600)];
                r.nextBytes(bytes);
                return bytes;
            }),
            new Fuzz("truncated JSON", (json, r) -> utf8(json.substring(0, 1 + r.nextInt(json.length() - 1)))),
            new Fuzz("latitude is a string", (json, r) -> replaceNumber(json, "latitude", "\"north\"")),
            new Fuzz("timestamp is a fraction", (json, r) -> replaceNumber(json, "timestamp", "1714003200.5")),
            new Fuzz("timestamp after 9999", (json, r) -> replaceNumber(json, "timestamp", "253402300800")),
            new Fuzz("altitude is an object", (json, r) -> replaceNumber(json, "altitude", "{\"km\":420}")),
            new Fuzz("altitude is NaN", (json, r) -> replaceNumber(json, "altitude", "NaN")),
            new Fuzz("velocity is Infinity", (json, r) -> replaceNumber(json, "velocity", "Infinity")),
            new Fuzz("footprint overflows to infinity", (json, r) -> replaceNumber(json, "footprint", "1e999")),
            new Fuzz("latitude above 90", (json, r) -> replaceNumber(json, "latitude", "90.5")),
            new Fuzz("longitude below -180", (json, r) -> replaceNumber(json, "longitude", "-180.25")),
            new Fuzz("negative altitude", (json, r) -> replaceNumber(json, "altitude", "-3.5")),
            new Fuzz("unknown units", (json, r) -> utf8(json.replace("\"kilometers\"", "\"furlongs\""))),
            new Fuzz("altitude in miles overflows in km", (json, r) -> utf8(new String(replaceNumber(json, "altitude", "1.5e308"),
                    StandardCharsets.UTF_8).replace("\"kilometers\"", "\"miles\""))),
            new Fuzz("missing altitude", (json, r) -> utf8(json.replaceFirst(",\"altitude\":[^,]*", ""))),
            new Fuzz("empty value", (json, r) -> new byte[0]),
            new Fuzz("null value", (json, r) -> null),
            new Fuzz("a JSON array", (json, r) -> utf8("[" + json + "]")),
            new Fuzz("JSON null", (json, r) -> utf8("null")));

    /** A 1 MB value: a valid record padded with whitespace far beyond any record size. */
    static byte[] oneMegabyte(String validJson) {
        byte[] value = new byte[1 << 20];
        Arrays.fill(value, (byte) ' ');
        byte[] json = utf8(validJson);
        System.arraycopy(json, 0, value, 0, json.length);
        return value;
    }

    private static byte[] replaceNumber(String json, String field, String replacement) {
        String changed = json.replaceFirst("\"" + field + "\":[-0-9.eE+]+", "\"" + field + "\":" + replacement);
        if (changed.equals(json)) {
            throw new IllegalStateException("no numeric " + field + " in " + json);
        }
        return utf8(changed);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
