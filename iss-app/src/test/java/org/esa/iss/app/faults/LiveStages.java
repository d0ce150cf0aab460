package org.esa.iss.app.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.esa.iss.adapter.delta.DeltaBronzeTable;
import org.esa.iss.ports.IngestService;
import org.esa.iss.ports.RefineService;
import org.esa.iss.ports.in.IngestSummary;
import org.esa.iss.ports.in.RefineSummary;
import org.esa.iss.ports.out.FeedPartition;

/** Ends stages that follow live once they have caught up, so that a case's verdict reads finished tables. */
final class LiveStages {
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final Duration CHECK_EVERY = Duration.ofMillis(300);

    private LiveStages() {
    }

    /** Waits until bronze holds offsets 0..records-1 of the topic's partition 0 (or the ingester failed), then stops it. */
    static IngestSummary stopWhenIngested(IngestService ingester, StageThread<IngestSummary> ingesting, DataDir data, long records)
            throws InterruptedException {
        DeltaBronzeTable bronzeReader = new DeltaBronzeTable(data.bronze().toString());
        FeedPartition partition = new FeedPartition(TestBroker.TOPIC, 0);
        await().atMost(CATCH_UP).pollInterval(CHECK_EVERY).until(
                () -> bronzeReader.lastOffsets().getOrDefault(partition, -1L) >= records - 1 || ingesting.failure() != null);
        ingester.stop();
        return ingesting.join(60);
    }

    /** Waits until gold has consumed bronze's newest version (or the refiner failed), then stops it. */
    static RefineSummary stopWhenRefined(RefineService refiner, StageThread<RefineSummary> refining, DataDir data)
            throws InterruptedException {
        long bronzeVersion = TableRows.latestVersion(data.bronze());
        await().atMost(CATCH_UP).pollInterval(CHECK_EVERY).until(
                () -> refiner.progress().bronzeVersion() >= bronzeVersion || refining.failure() != null);
        refiner.stop();
        return refining.join(60);
    }
}
