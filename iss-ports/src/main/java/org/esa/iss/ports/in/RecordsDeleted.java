package org.esa.iss.ports.in;

/**
 * Records the tables have not read were deleted from the topic (retention ran out before they were ingested):
 * reading on would leave a gap in bronze. Nothing was committed past the gap; the ingester goes on past it only
 * when told to ({@code IngestOptions.skipDeletedRecords}).
 */
public final class RecordsDeleted extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public RecordsDeleted(String message) {
        super(message);
    }
}
