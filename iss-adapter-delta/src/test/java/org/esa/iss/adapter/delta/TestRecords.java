package org.esa.iss.adapter.delta;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.Units;
import org.esa.iss.domain.Visibility;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.QuarantinedRecord;
import org.esa.iss.ports.out.RawRecord;

/** Small factories of valid telemetry, bronze rows and rejected records. */
final class TestRecords {
    static final FeedPartition P0 = new FeedPartition("iss", 0);
    static final FeedPartition P1 = new FeedPartition("iss", 1);
    /** 2024-05-01T00:00:00Z. */
    static final long START_SECONDS = 1_714_521_600L;

    private TestRecords() {
    }

    static Telemetry telemetry(Random random, long timestamp) {
        Units units = random.nextInt(10) == 0 ? Units.MILES : Units.KILOMETERS;
        return new Telemetry(25544, "iss", random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180,
                400 + random.nextDouble() * 30, 27_500 + random.nextDouble() * 100,
                random.nextBoolean() ? Visibility.DAYLIGHT : Visibility.ECLIPSED, 4_500 + random.nextDouble() * 50,
                timestamp, 2_460_000 + random.nextDouble(), random.nextDouble() * 46 - 23, random.nextDouble() * 360,
                units);
    }

    static Telemetry inMiles(Telemetry t) {
        return new Telemetry(t.satelliteId(), t.name(), t.latitude(), t.longitude(), t.altitude(), t.velocity(),
                t.visibility(), t.footprint(), t.timestamp(), t.dayNumber(), t.solarLatitude(), t.solarLongitude(), Units.MILES);
    }

    /** {@code count} rows of one partition, one per second from {@code firstSecond}, offsets from {@code firstOffset}. */
    static List<BronzeRecord> bronze(Random random, FeedPartition partition, long firstOffset, long firstSecond, int count) {
        List<BronzeRecord> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long ts = firstSecond + i;
            rows.add(new BronzeRecord(telemetry(random, ts), partition, firstOffset + i, ts * 1000 + 250, "simulator"));
        }
        return rows;
    }

    static Map<FeedPartition, Long> lastOffsets(List<BronzeRecord> rows) {
        Map<FeedPartition, Long> last = new LinkedHashMap<>();
        rows.forEach(r -> last.merge(r.partition(), r.offset(), Math::max));
        return last;
    }

    static QuarantinedRecord rejected(FeedPartition partition, long offset, String value, String error) {
        byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        RawRecord raw = new RawRecord(partition, offset, 1_714_521_600_000L + offset, "25544".getBytes(StandardCharsets.UTF_8),
                bytes, Map.of("source", "api".getBytes(StandardCharsets.UTF_8)));
        return new QuarantinedRecord(raw, error);
    }
}
