package org.esa.iss.ports;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.esa.iss.ports.in.TopicReplaced;
import org.esa.iss.ports.out.BronzeTable;
import org.esa.iss.ports.out.FeedPartition;

/**
 * Bronze keeps its positions by topic name, so a topic deleted and created again under the same name would be
 * read on from them. The feed's topic ids tell the two apart: bronze records the ids of the topics it reads with
 * its commits, and an ingester refuses a topic whose id is not among them before it commits anything.
 */
final class TopicIdentity {
    private TopicIdentity() {
    }

    /**
     * Refuses a topic bronze read under another id; the ids bronze has not recorded yet go with its next commit.
     *
     * @param current the feed's topic ids, by name (empty when the feed cannot tell: nothing is checked)
     * @throws TopicReplaced naming the ids and bronze's positions in the topic
     */
    static void check(Map<String, String> current, BronzeTable bronze) {
        if (current.isEmpty()) {
            return;
        }
        Map<String, Set<String>> recorded = bronze.recordedTopicIds();
        Map<String, String> unrecorded = new HashMap<>();
        current.forEach((topic, id) -> {
            Set<String> ids = recorded.getOrDefault(topic, Set.of());
            if (ids.isEmpty()) {
                unrecorded.put(topic, id);
            } else if (!ids.contains(id)) {
                throw replaced(topic, id, ids, bronze.lastOffsets());
            }
        });
        if (!unrecorded.isEmpty()) {
            bronze.recordTopicIds(unrecorded);
        }
    }

    private static TopicReplaced replaced(String topic, String id, Set<String> recorded, Map<FeedPartition, Long> positions) {
        Map<Integer, Long> held = new TreeMap<>();
        positions.forEach((partition, offset) -> {
            if (partition.topic().equals(topic)) {
                held.put(partition.partition(), offset);
            }
        });
        return new TopicReplaced("topic " + topic + " is not the one bronze read: bronze holds records of a topic " + topic
                + " with id " + String.join(" or ", recorded) + ", and the topic of that name now has id " + id
                + ", so it was deleted and created again. Reading on from bronze's positions (last offset per partition: "
                + held + ") would skip the new topic's first records, and its offsets would repeat ones bronze holds;"
                + " nothing of it was committed. Ingest the new topic into a new data directory (--data-dir), or publish to a"
                + " topic of another name (--topic).");
    }
}
