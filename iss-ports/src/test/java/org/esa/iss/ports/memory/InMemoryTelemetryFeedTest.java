package org.esa.iss.ports.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PartitionPositions;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.TelemetryFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The in-memory feed waits on an idle log as a consumer waits on an idle topic, instead of spinning a core. */
@Timeout(30)
class InMemoryTelemetryFeedTest {
    private static final byte[] KEY = "25544".getBytes(StandardCharsets.UTF_8);

    private final InMemoryTelemetryLog log = new InMemoryTelemetryLog("iss", 1);
    private final TelemetryFeed feed = log.feed(10, CrashSwitch.NEVER);

    InMemoryTelemetryFeedTest() {
        feed.start(new PartitionPositions() {
            @Override
            public Map<FeedPartition, Long> nextOffsets(Collection<FeedPartition> assigned) {
                return Map.of();
            }

            @Override
            public void revoked(Collection<FeedPartition> revoked) {
            }
        });
    }

    @Test
    void aPollOnAnIdleLogWaitsItsTimeout() {
        long start = System.nanoTime();
        assertThat(feed.poll(Duration.ofMillis(300))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aWaitingPollReturnsTheRecordAppendedMeanwhile() throws Exception {
        CompletableFuture<List<RawRecord>> polled = CompletableFuture.supplyAsync(() -> feed.poll(Duration.ofMinutes(1)));
        Thread.sleep(100);
        log.append(KEY, "{}".getBytes(StandardCharsets.UTF_8), "simulator", 1_000);

        assertThat(polled.get(10, TimeUnit.SECONDS)).singleElement().satisfies(r -> assertThat(r.offset()).isZero());
    }

    @Test
    void wakeupEndsAWaitingPoll() throws Exception {
        CompletableFuture<List<RawRecord>> polled = CompletableFuture.supplyAsync(() -> feed.poll(Duration.ofMinutes(1)));
        Thread.sleep(100);
        feed.wakeup();

        assertThat(polled.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aWakeupBeforeAPollMakesThatPollReturnAtOnceAndOnlyThatOne() {
        feed.wakeup();
        long start = System.nanoTime();
        assertThat(feed.poll(Duration.ofMinutes(1))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

        log.append(KEY, "{}".getBytes(StandardCharsets.UTF_8), "simulator", 1_000);
        assertThat(feed.poll(Duration.ofMinutes(1))).hasSize(1);
    }

    @Test
    void aTimeoutBeyondWhatNanosecondsHoldIsWaitedAsForever() throws Exception {
        CompletableFuture<List<RawRecord>> polled = CompletableFuture.supplyAsync(() -> feed.poll(Duration.ofSeconds(Long.MAX_VALUE)));
        Thread.sleep(100);
        log.append(KEY, "{}".getBytes(StandardCharsets.UTF_8), "simulator", 1_000);

        assertThat(polled.get(10, TimeUnit.SECONDS)).hasSize(1);
    }

    @Test
    void aStoredPositionBeyondTheLogsEndIsAnErrorNotAJumpToTheEnd() {
        log.append(KEY, "{}".getBytes(StandardCharsets.UTF_8), "simulator", 1_000);
        TelemetryFeed resumed = log.feed(10, CrashSwitch.NEVER);
        resumed.start(new PartitionPositions() {
            @Override
            public Map<FeedPartition, Long> nextOffsets(Collection<FeedPartition> assigned) {
                return Map.of(new FeedPartition("iss", 0), 5L);
            }

            @Override
            public void revoked(Collection<FeedPartition> revoked) {
            }
        });
        assertThatThrownBy(() -> resumed.poll(Duration.ZERO)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("next offset 5, is beyond the end of the log, 1");
    }

    @Test
    void recordsAndStandInsThatCouldNotWorkAreRefusedWhereTheyAreMade() {
        FeedPartition partition = new FeedPartition("iss", 0);
        assertThatThrownBy(() -> new RawRecord(null, 0, 0, KEY, KEY, Map.of())).hasMessageContaining("partition");
        assertThatThrownBy(() -> new RawRecord(partition, -1, 0, KEY, KEY, Map.of())).hasMessageContaining("negative");
        assertThat(new RawRecord(partition, 0, 0, KEY, KEY, null).header("source", "unknown")).isEqualTo("unknown");
        assertThatThrownBy(() -> new InMemoryTelemetryLog("iss", 0)).hasMessageContaining("at least one partition");
        assertThatThrownBy(() -> new CrashSwitch(0)).hasMessageContaining("steps count from 1");
    }
}
