package org.esa.iss.app.faults;

import java.util.Comparator;
import java.util.List;
import org.esa.iss.adapter.delta.DeltaAltitudeHistory;
import org.esa.iss.adapter.delta.DeltaBronzeChangeLog;
import org.esa.iss.adapter.delta.DeltaBronzeTable;
import org.esa.iss.adapter.delta.DeltaGoldTable;
import org.esa.iss.adapter.delta.DeltaQuarantineTable;
import org.esa.iss.adapter.delta.DeltaTableOptions;
import org.esa.iss.adapter.kafka.FeedOptions;
import org.esa.iss.adapter.kafka.KafkaTelemetryFeed;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.ports.IngestOptions;
import org.esa.iss.ports.IngestService;
import org.esa.iss.ports.RefineOptions;
import org.esa.iss.ports.RefineService;
import org.esa.iss.ports.in.RefineSummary;
import org.esa.iss.ports.out.SlotClock;

/** Gold as a value: every window and orbit, in a fixed order, so that two runs compare with equals. */
record GoldTables(List<AltitudeWindow> windows, List<Orbit> orbits) {

    static GoldTables read(DataDir dir) {
        DeltaAltitudeHistory history = new DeltaAltitudeHistory(dir.windows().toString(), dir.orbits().toString());
        List<AltitudeWindow> windows = history.allWindows().stream()
                .sorted(Comparator.comparingLong(AltitudeWindow::satelliteId).thenComparing(AltitudeWindow::start))
                .toList();
        List<Orbit> orbits = history.orbits(Integer.MAX_VALUE).stream()
                .sorted(Comparator.comparing(Orbit::start))
                .toList();
        return new GoldTables(windows, orbits);
    }

    /**
     * The reference a live run is compared with: the whole topic ingested into the bronze table of {@code dir} in
     * one run until caught up, then refined in one uninterrupted run.
     */
    static GoldTables ingestedAndRefinedInOneRun(TestBroker broker, DataDir dir) throws InterruptedException {
        try (KafkaTelemetryFeed feed = new KafkaTelemetryFeed(FeedOptions.allPartitions(broker.bootstrapServers(), TestBroker.TOPIC))) {
            new IngestService(feed, new DeltaBronzeTable(dir.bronze().toString()),
                    new DeltaQuarantineTable(dir.quarantine().toString()), SlotClock.SYSTEM, IngestOptions.DEFAULT).run(true);
        }
        refineUninterrupted(dir);
        return read(dir);
    }

    /** Refines the bronze table of {@code dir} into its gold tables in one uninterrupted run, with the default options. */
    static RefineSummary refineUninterrupted(DataDir dir) throws InterruptedException {
        DeltaTableOptions tables = DeltaTableOptions.defaults();
        RefineService refiner = new RefineService(new DeltaBronzeChangeLog(dir.bronze().toString()),
                DeltaGoldTable.altitudeWindows(dir.windows().toString(), tables),
                DeltaGoldTable.orbits(dir.orbits().toString(), tables), SlotClock.SYSTEM, RefineOptions.DEFAULT);
        return refiner.run(true);
    }
}
