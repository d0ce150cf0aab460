package org.esa.iss.app.gold;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.esa.iss.adapter.delta.DeltaAltitudeHistory;
import org.esa.iss.adapter.delta.DeltaBronzeChangeLog;
import org.esa.iss.adapter.delta.DeltaGoldTable;
import org.esa.iss.adapter.delta.DeltaTableOptions;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.OrbitOptions;
import org.esa.iss.domain.WindowSpec;
import org.esa.iss.ports.RefineOptions;
import org.esa.iss.ports.RefineService;
import org.esa.iss.ports.in.RefineSummary;
import org.esa.iss.ports.out.BronzeChangeLog;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.esa.iss.ports.out.GoldTable;
import org.esa.iss.ports.out.SlotClock;

/**
 * The two gold Delta tables under one directory, refined from a bronze directory the way {@code iss gold}
 * wires it. Every call opens the tables afresh, as a restarted process would.
 */
final class GoldFixture {
    static final Comparator<AltitudeWindow> WINDOW_ORDER =
            Comparator.comparingLong(AltitudeWindow::satelliteId).thenComparing(AltitudeWindow::start);
    static final Comparator<Orbit> ORBIT_ORDER = Comparator.comparingLong(Orbit::satelliteId).thenComparing(Orbit::start);

    private final Path root;

    private GoldFixture(Path root) {
        this.root = root;
    }

    static GoldFixture at(Path root) {
        return new GoldFixture(root);
    }

    /** Gold under {@code root}/gold refined in one go from all {@code batches}, appended to {@code root}/bronze. */
    static GoldFixture refinedAtOnce(Path root, List<List<Telemetry>> batches, RefineOptions options) throws InterruptedException {
        String bronzeDir = root.resolve("bronze").toString();
        BronzeFixture bronze = BronzeFixture.at(bronzeDir);
        batches.forEach(bronze::append);
        GoldFixture gold = at(root.resolve("gold"));
        gold.refine(bronzeDir, options);
        return gold;
    }

    /** The original system's windows, committing gold every {@code versionsPerCommit} bronze versions. */
    static RefineOptions options(int versionsPerCommit) {
        return new RefineOptions(WindowSpec.DEFAULT, OrbitOptions.DEFAULT, 0, Duration.ZERO, versionsPerCommit);
    }

    String windowsDir() {
        return root.resolve("altitude_windows").toString();
    }

    String orbitsDir() {
        return root.resolve("orbits").toString();
    }

    DeltaGoldTable<AltitudeWindow> windowTable() {
        return DeltaGoldTable.altitudeWindows(windowsDir(), DeltaTableOptions.defaults());
    }

    DeltaGoldTable<Orbit> orbitTable() {
        return DeltaGoldTable.orbits(orbitsDir(), DeltaTableOptions.defaults());
    }

    /**
     * Refines bronze until caught up, with freshly opened tables, without registering gold with bronze: bronze's log
     * and vacuum retentions alone decide what it keeps (see {@link #refineRegistered}).
     */
    RefineSummary refine(String bronzeDir, RefineOptions options) throws InterruptedException {
        return refine(new DeltaBronzeChangeLog(bronzeDir), windowTable(), orbitTable(), options);
    }

    /** Refines as {@code iss gold} does: registered with bronze, which keeps what gold has not consumed yet. */
    RefineSummary refineRegistered(String bronzeDir, RefineOptions options) throws InterruptedException {
        return refine(DeltaBronzeChangeLog.readFor(bronzeDir, windowsDir(), orbitsDir()), windowTable(), orbitTable(), options);
    }

    /** Refines through the given (possibly decorated) ports until caught up. */
    static RefineSummary refine(BronzeChangeLog bronze, GoldTable<AltitudeWindow> windows, GoldTable<Orbit> orbits,
                                RefineOptions options) throws InterruptedException {
        return new RefineService(bronze, windows, orbits, SlotClock.SYSTEM, options).run(true);
    }

    /** Same as {@link #refine} but with the gold tables wrapped (to inject crashes). */
    RefineSummary refine(String bronzeDir, RefineOptions options, UnaryOperator<GoldTable<AltitudeWindow>> windows,
                         UnaryOperator<GoldTable<Orbit>> orbits) throws InterruptedException {
        return refine(new DeltaBronzeChangeLog(bronzeDir), windows.apply(windowTable()), orbits.apply(orbitTable()), options);
    }

    /** Every window in gold, by satellite and start. */
    List<AltitudeWindow> windows() {
        return history().allWindows().stream().sorted(WINDOW_ORDER).toList();
    }

    /** Every orbit in gold, by satellite and start. */
    List<Orbit> orbits() {
        return history().orbits(Integer.MAX_VALUE).stream().sorted(ORBIT_ORDER).toList();
    }

    Optional<GoldCheckpoint> windowsCheckpoint() {
        return windowTable().checkpoint();
    }

    Optional<GoldCheckpoint> orbitsCheckpoint() {
        return orbitTable().checkpoint();
    }

    private DeltaAltitudeHistory history() {
        return new DeltaAltitudeHistory(windowsDir(), orbitsDir());
    }
}
