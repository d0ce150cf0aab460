package org.esa.iss.ports;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PartitionPositions;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.TelemetryFeed;

/** A feed that passes every call on to another; a test overrides what its scenario changes. */
abstract class ForwardingTelemetryFeed implements TelemetryFeed {

    /** The feed the calls go to, now. */
    protected abstract TelemetryFeed delegate();

    @Override
    public void start(PartitionPositions positions) {
        delegate().start(positions);
    }

    @Override
    public List<RawRecord> poll(Duration timeout) {
        return delegate().poll(timeout);
    }

    @Override
    public Map<String, String> topicIds() {
        return delegate().topicIds();
    }

    @Override
    public Set<FeedPartition> assignment() {
        return delegate().assignment();
    }

    @Override
    public Map<FeedPartition, Long> endOffsets() {
        return delegate().endOffsets();
    }

    @Override
    public Map<FeedPartition, Long> endOffsets(Collection<FeedPartition> partitions) {
        return delegate().endOffsets(partitions);
    }

    @Override
    public OptionalLong unreadRecords() {
        return delegate().unreadRecords();
    }

    @Override
    public void reportProgress(Map<FeedPartition, Long> nextOffsets) {
        delegate().reportProgress(nextOffsets);
    }

    @Override
    public void wakeup() {
        delegate().wakeup();
    }

    @Override
    public void close() {
        delegate().close();
    }
}
