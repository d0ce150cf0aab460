package org.esa.iss.adapter.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.RawRecord;

/** Kafka's types to the port's, without looking inside keys or values. Hot path: one pass, no copies. */
final class RecordConversion {

    private RecordConversion() {
    }

    static List<RawRecord> toRaw(ConsumerRecords<byte[], byte[]> records) {
        List<RawRecord> out = new ArrayList<>(records.count());
        for (TopicPartition tp : records.partitions()) {
            FeedPartition partition = new FeedPartition(tp.topic(), tp.partition());
            for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                out.add(new RawRecord(partition, r.offset(), r.timestamp(), r.key(), r.value(), headers(r)));
            }
        }
        return out;
    }

    private static Map<String, byte[]> headers(ConsumerRecord<byte[], byte[]> record) {
        return record.headers().iterator().hasNext() ? new HeaderMap(record.headers()) : Map.of();
    }

    static List<FeedPartition> feedPartitions(Collection<TopicPartition> partitions) {
        List<FeedPartition> out = new ArrayList<>(partitions.size());
        for (TopicPartition tp : partitions) {
            out.add(new FeedPartition(tp.topic(), tp.partition()));
        }
        return out;
    }

    static TopicPartition topicPartition(FeedPartition partition) {
        return new TopicPartition(partition.topic(), partition.partition());
    }
}
