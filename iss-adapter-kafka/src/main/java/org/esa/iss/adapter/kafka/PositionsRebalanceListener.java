package org.esa.iss.adapter.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PartitionPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands partition ownership to the positions store: every assignment seeks where the store says (never
 * where the group last committed); revocations and losses are passed on as such.
 */
final class PositionsRebalanceListener implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(PositionsRebalanceListener.class);

    private final Consumer<?, ?> consumer;
    private final PartitionPositions positions;
    private final FeedOptions.StartPosition absentStart;

    PositionsRebalanceListener(Consumer<?, ?> consumer, PartitionPositions positions,
                               FeedOptions.StartPosition absentStart) {
        this.consumer = consumer;
        this.positions = positions;
        this.absentStart = absentStart;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        seekToStoredPositions(consumer, positions, absentStart, partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            LOG.info("partitions revoked: {}", partitions);
            positions.revoked(RecordConversion.feedPartitions(partitions));
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            LOG.warn("partitions lost (this member was considered dead): {}", partitions);
            positions.lost(RecordConversion.feedPartitions(partitions));
        }
    }

    /** Shared by group subscription (on each assignment) and manual assignment (once, at start). */
    static void seekToStoredPositions(Consumer<?, ?> consumer, PartitionPositions positions,
                                      FeedOptions.StartPosition absentStart, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        List<FeedPartition> assigned = RecordConversion.feedPartitions(partitions);
        Map<FeedPartition, Long> next = positions.nextOffsets(assigned);
        for (TopicPartition tp : partitions) {
            Long offset = next.get(new FeedPartition(tp.topic(), tp.partition()));
            if (offset != null) {
                consumer.seek(tp, offset);
            } else if (absentStart == FeedOptions.StartPosition.EARLIEST) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                consumer.seekToEnd(List.of(tp));
            }
        }
        LOG.info("partitions assigned: {}, stored positions {}", partitions, next);
    }
}
