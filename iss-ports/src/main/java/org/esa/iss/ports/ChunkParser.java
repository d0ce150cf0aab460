package org.esa.iss.ports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.esa.iss.domain.InvalidTelemetry;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.QuarantinedRecord;
import org.esa.iss.ports.out.RawRecord;

/**
 * Turns raw records into bronze rows and quarantine entries, leaving out each record the table it belongs in
 * already holds (records read again after a crash between the two tables' commits). One per thread: it
 * remembers the last header value it decoded.
 */
final class ChunkParser {
    private final Map<FeedPartition, Long> bronzeHolds;
    private final Map<FeedPartition, Long> quarantineHolds;
    private final HeaderText sources = new HeaderText();

    /**
     * @param bronzeHolds     the last offset bronze holds per partition (read, never written, here)
     * @param quarantineHolds the same for quarantine
     */
    ChunkParser(Map<FeedPartition, Long> bronzeHolds, Map<FeedPartition, Long> quarantineHolds) {
        this.bronzeHolds = bronzeHolds;
        this.quarantineHolds = quarantineHolds;
    }

    ReadChunk.Parsed parse(List<RawRecord> records) {
        List<BronzeRecord> valid = new ArrayList<>(records.size());
        List<QuarantinedRecord> invalid = new ArrayList<>(0);
        long skipped = 0;
        FeedPartition partition = null;
        long bronzeHas = -1;
        long quarantineHas = -1;
        for (RawRecord record : records) {
            if (!record.partition().equals(partition)) { // records come in runs of one partition
                partition = record.partition();
                bronzeHas = bronzeHolds.getOrDefault(partition, -1L);
                quarantineHas = quarantineHolds.getOrDefault(partition, -1L);
            }
            try {
                Telemetry telemetry = TelemetryJson.parse(record.value());
                if (record.offset() <= bronzeHas) {
                    skipped++;
                } else {
                    valid.add(new BronzeRecord(telemetry, partition, record.offset(), record.timestampMs(),
                            sources.of(record.headers().get("source"), "unknown")));
                }
            } catch (InvalidTelemetry e) {
                if (record.offset() <= quarantineHas) {
                    skipped++;
                } else {
                    invalid.add(new QuarantinedRecord(record, e.getMessage()));
                }
            }
        }
        return new ReadChunk.Parsed(valid, invalid, skipped);
    }
}
