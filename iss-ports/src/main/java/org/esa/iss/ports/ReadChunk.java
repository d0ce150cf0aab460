package org.esa.iss.ports;

import java.util.ArrayList;
import java.util.List;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.QuarantinedRecord;
import org.esa.iss.ports.out.RawRecord;

/**
 * Records read one after another, handed from the ingesting thread to the writer thread as one task. They are
 * parsed once, by whichever thread gets to them first: the ingesting thread parses a chunk itself while the
 * writer has more than one task (the running one included), and otherwise leaves it to the writer, about to be
 * idle, so that parsing, the heaviest step of ingestion, is spread over both threads. Used by one thread at a time (handing over publishes it).
 */
final class ReadChunk {
    /** What a chunk holds once parsed: rows for bronze, entries for quarantine, and how many a table already had. */
    record Parsed(List<BronzeRecord> valid, List<QuarantinedRecord> invalid, long skipped) {
    }

    private List<RawRecord> records = new ArrayList<>();
    private Parsed parsed;

    void add(RawRecord record) {
        records.add(record);
    }

    /** Records added so far; only asked before the chunk is handed over (and so before it is parsed). */
    int size() {
        return records.size();
    }

    /** Parses on the calling thread, the first time only; the raw records are let go then. */
    Parsed parse(ChunkParser parser) {
        if (parsed == null) {
            parsed = parser.parse(records);
            records = null;
        }
        return parsed;
    }
}
