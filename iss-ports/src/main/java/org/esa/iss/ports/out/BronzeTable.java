package org.esa.iss.ports.out;

import java.util.Map;
import java.util.Set;

/** The bronze table: every valid record, as received, with its Kafka lineage. */
public interface BronzeTable extends PositionedTable<BronzeRecord> {

    /**
     * The ids of the topics this table's positions were read from, by topic name (see
     * {@link TelemetryFeed#topicIds()}); empty for a table that does not keep them, which nobody then checks.
     */
    default Map<String, Set<String>> recordedTopicIds() {
        return Map.of();
    }

    /** Records these topic ids with the table's next commit. */
    default void recordTopicIds(Map<String, String> ids) {
    }
}
