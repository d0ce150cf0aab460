package org.esa.iss.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.esa.iss.adapter.delta.DeltaBronzeChangeLog;
import org.esa.iss.adapter.delta.DeltaBronzeTable;
import org.esa.iss.adapter.delta.DeltaGoldTable;
import org.esa.iss.adapter.delta.DeltaQuarantineTable;
import org.esa.iss.adapter.delta.DeltaTableOptions;
import org.esa.iss.adapter.http.IssSimulator;
import org.esa.iss.adapter.http.TwoLineElements;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.InvalidTelemetry;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.domain.Units;
import org.esa.iss.ports.RefineOptions;
import org.esa.iss.ports.RefineService;
import org.esa.iss.ports.in.RefineSummary;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.QuarantinedRecord;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.SlotClock;

/**
 * Bronze, quarantine and gold tables written by the project's own adapters, and what was written to them.
 *
 * <p>The feed: the simulator's ISS over 3.5 hours from 21:00 UTC on 2024-04-25 (the bundled element set's
 * day), so bronze spans two {@code event_date} partitions and at least one whole orbit. One fix every 2 s;
 * every fifth fix is delivered twice (the 2 Hz poller sees each one-second API value twice), so gold's
 * de-duplication matters. Every 1000th offset carries an invalid payload instead, which goes to quarantine.
 * Bronze is appended in batches of 500 rows: about 15 commits, one file per event date each, so the log has
 * a checkpoint (every 10 commits) that readers must use.
 *
 * @param bronzeDir     the {@code iss_telemetry} table
 * @param quarantineDir the {@code iss_quarantine} table
 * @param windowsDir    the gold {@code altitude_windows} table
 * @param orbitsDir     the gold {@code orbits} table
 * @param bronze        every bronze row, in offset order
 * @param quarantined   every quarantined record, in offset order
 * @param windows       the windows gold committed, in commit order
 * @param refined       the refiner's summary
 */
record WrittenTables(Path bronzeDir, Path quarantineDir, Path windowsDir, Path orbitsDir, List<BronzeRecord> bronze,
                     List<QuarantinedRecord> quarantined, List<AltitudeWindow> windows, RefineSummary refined) {

    static final FeedPartition PARTITION = new FeedPartition("iss", 0);
    static final Instant FIRST_FIX = Instant.parse("2024-04-25T21:00:00Z");
    static final long SECONDS = 3 * 3600 + 1800;
    static final long CADENCE_SECONDS = 2;
    static final int BATCH_ROWS = 500;

    /** Writes all four tables under {@code root} (laid out as under {@code data/delta}). */
    static WrittenTables writeUnder(Path root) throws InterruptedException {
        Path bronzeDir = root.resolve("bronze/iss_telemetry");
        Path quarantineDir = root.resolve("bronze/iss_quarantine");
        Path windowsDir = root.resolve("gold/altitude_windows");
        Path orbitsDir = root.resolve("gold/orbits");
        DeltaTableOptions options = DeltaTableOptions.defaults();

        IssSimulator simulator = new IssSimulator(TwoLineElements.bundledIss(), java.time.Clock.systemUTC());
        List<BronzeRecord> bronze = new ArrayList<>();
        List<QuarantinedRecord> quarantined = new ArrayList<>();
        DeltaBronzeTable bronzeTable = new DeltaBronzeTable(bronzeDir.toString(), options);
        List<BronzeRecord> batch = new ArrayList<>();
        long offset = 0;
        int fixNumber = 0;
        for (long t = FIRST_FIX.getEpochSecond(); t < FIRST_FIX.getEpochSecond() + SECONDS; t += CADENCE_SECONDS) {
            Telemetry fix = simulator.at(t, Units.KILOMETERS);
            int deliveries = fixNumber++ % 5 == 0 ? 2 : 1;
            for (int d = 0; d < deliveries; d++) {
                if (offset > 0 && offset % 1000 == 0) {
                    quarantined.add(invalid(offset, t, quarantined.size()));
                    offset++;
                }
                // the broker stamps a record a little after the fix's second; a repeat half a second later
                batch.add(new BronzeRecord(fix, PARTITION, offset, t * 1000 + 120 + 500L * d, "simulator"));
                offset++;
                if (batch.size() == BATCH_ROWS) {
                    flush(bronzeTable, batch, bronze);
                }
            }
        }
        flush(bronzeTable, batch, bronze);

        // As the ingester does, quarantine records the positions bronze has reached.
        new DeltaQuarantineTable(quarantineDir.toString(), options)
                .append(quarantined, Map.of(PARTITION, bronze.get(bronze.size() - 1).offset()));

        List<AltitudeWindow> windows = Collections.synchronizedList(new ArrayList<>());
        RefineService refiner = new RefineService(new DeltaBronzeChangeLog(bronzeDir.toString()),
                DeltaGoldTable.altitudeWindows(windowsDir.toString(), options),
                DeltaGoldTable.orbits(orbitsDir.toString(), options),
                SlotClock.SYSTEM, RefineOptions.DEFAULT, windows::add);
        RefineSummary refined = refiner.run(true);
        return new WrittenTables(bronzeDir, quarantineDir, windowsDir, orbitsDir, List.copyOf(bronze),
                List.copyOf(quarantined), List.copyOf(windows), refined);
    }

    private static void flush(DeltaBronzeTable table, List<BronzeRecord> batch, List<BronzeRecord> written) {
        if (batch.isEmpty()) {
            return;
        }
        table.append(List.copyOf(batch), Map.of(PARTITION, batch.get(batch.size() - 1).offset()));
        written.addAll(batch);
        batch.clear();
    }

    /** A payload the ingester would reject, in turn: not JSON, latitude out of range, a tombstone, altitude below zero. */
    private static QuarantinedRecord invalid(long offset, long second, int kind) {
        String valid = "{\"name\":\"iss\",\"id\":25544,\"latitude\":12.5,\"longitude\":-45.25,\"altitude\":417.9,"
                + "\"velocity\":27600.1,\"visibility\":\"daylight\",\"footprint\":4520.3,\"timestamp\":" + second
                + ",\"daynum\":2460426.4,\"solar_lat\":13.2,\"solar_lon\":120.5,\"units\":\"kilometers\"}";
        byte[] value = switch (kind % 4) {
            case 0 -> "{\"name\":\"iss\",\"id\":25544,\"latitude\":".getBytes(StandardCharsets.UTF_8);
            case 1 -> valid.replace("\"latitude\":12.5", "\"latitude\":123.5").getBytes(StandardCharsets.UTF_8);
            case 2 -> null;
            default -> valid.replace("\"altitude\":417.9", "\"altitude\":-3.0").getBytes(StandardCharsets.UTF_8);
        };
        String error;
        try {
            TelemetryJson.parse(value);
            throw new IllegalStateException("payload meant to be invalid parsed: " + new String(value, StandardCharsets.UTF_8));
        } catch (InvalidTelemetry e) {
            error = e.getMessage();
        }
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("source", "simulator".getBytes(StandardCharsets.UTF_8));
        headers.put("fetched_at", Long.toString(second * 1000).getBytes(StandardCharsets.UTF_8));
        RawRecord raw = new RawRecord(PARTITION, offset, second * 1000 + 120, "25544".getBytes(StandardCharsets.UTF_8),
                value, headers);
        return new QuarantinedRecord(raw, error);
    }

    /** Bronze rows per UTC event date, as the partition column should show them. */
    Map<LocalDate, Long> bronzeRowsPerDate() {
        Map<LocalDate, Long> perDate = new TreeMap<>();
        for (BronzeRecord row : bronze) {
            LocalDate date = LocalDate.ofInstant(Instant.ofEpochSecond(row.telemetry().timestamp()), ZoneOffset.UTC);
            perDate.merge(date, 1L, Long::sum);
        }
        return perDate;
    }

    /** The highest altitude written to bronze. */
    double maxAltitude() {
        return bronze.stream().mapToDouble(r -> r.telemetry().altitude()).max().orElseThrow();
    }
}
