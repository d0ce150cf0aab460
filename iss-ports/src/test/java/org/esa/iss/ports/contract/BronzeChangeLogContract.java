package org.esa.iss.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.TestTelemetry;
import org.esa.iss.ports.out.BronzeChangeLog;
import org.esa.iss.ports.out.BronzeChangeLog.BronzeHistoryMissing;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.BronzeSnapshot;
import org.esa.iss.ports.out.BronzeTable;
import org.esa.iss.ports.out.FeedPartition;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BronzeChangeLog} promises the refiner, which replays bronze version by version and starts from a
 * snapshot once the first versions have left the log. Extend it once per implementation.
 */
public abstract class BronzeChangeLogContract {
    private static final FeedPartition P0 = new FeedPartition("iss", 0);
    private static final FeedPartition P1 = new FeedPartition("iss", 1);
    private static final long ISS = 25544;
    private static final long HUBBLE = 20580;
    /** 2024-04-26T00:00:00Z, in seconds after {@link TestTelemetry#START}. */
    private static final long MIDNIGHT = 1_714_089_600L - TestTelemetry.START;

    /** A new, empty bronze table. */
    protected abstract BronzeTable createTable() throws Exception;

    /** The table read as the refiner reads it, by a reader opened now (as after a restart). */
    protected abstract BronzeChangeLog changeLogOf(BronzeTable table) throws Exception;

    /**
     * Does what log clean-up does to the versions before {@code version}: their log entries go, their rows stay in
     * the later snapshots. The tests call it with a version that a table keeping a checkpoint every ten versions has
     * one at.
     */
    protected abstract void expireVersionsBefore(BronzeTable table, long version) throws Exception;

    @Test
    void aTableNotWrittenYetHasNoVersionAndNoId() throws Exception {
        BronzeChangeLog log = changeLogOf(createTable());
        assertThat(log.latestVersion()).isEqualTo(-1);
        assertThat(log.firstVersion()).isEqualTo(-1);
        assertThat(log.tableId()).isEmpty();
    }

    @Test
    void eachAppendIsTheNextVersionAndOneThatOnlyMovesPositionsAddsNoFixes() throws Exception {
        BronzeTable table = createTable();
        table.append(List.of(row(P0, 0, ISS, 0), row(P0, 1, ISS, 1)), Map.of(P0, 1L));
        table.append(List.of(), Map.of(P1, 7L));
        table.append(List.of(row(P0, 2, ISS, 2)), Map.of(P0, 2L));

        BronzeChangeLog log = changeLogOf(table);
        assertThat(log.firstVersion()).isZero();
        assertThat(log.latestVersion()).isEqualTo(2);
        assertThat(log.fixesAddedIn(0)).containsExactly(fix(ISS, 0), fix(ISS, 1));
        assertThat(log.fixesAddedIn(1)).isEmpty();
        assertThat(log.fixesAddedIn(2)).containsExactly(fix(ISS, 2));
    }

    /** The refiner reads the next version ahead on another thread and, after a failed commit, reads one again. */
    @Test
    void aVersionReadAgainOutOfOrderOrByAnotherReaderGivesTheSameFixes() throws Exception {
        BronzeTable table = createTable();
        for (int v = 0; v < 4; v++) {
            table.append(List.of(row(P0, 2L * v, ISS, 2L * v), row(P0, 2L * v + 1, ISS, 2L * v + 1)), Map.of(P0, 2L * v + 1));
        }
        BronzeChangeLog log = changeLogOf(table);
        List<List<Fix>> inOrder = new ArrayList<>();
        for (int v = 0; v < 4; v++) {
            inOrder.add(log.fixesAddedIn(v));
        }

        assertThat(log.fixesAddedIn(2)).isEqualTo(inOrder.get(2));
        assertThat(log.fixesAddedIn(0)).isEqualTo(inOrder.get(0));
        assertThat(log.fixesAddedIn(3)).isEqualTo(inOrder.get(3));
        BronzeChangeLog another = changeLogOf(table);
        assertThat(another.fixesAddedIn(1)).isEqualTo(inOrder.get(1)).containsExactly(fix(ISS, 2), fix(ISS, 3));
    }

    /** Asked for a version not written yet, a log says so, rather than that its history is missing (gold's rebuild). */
    @Test
    void aVersionNotWrittenYetIsRefusedAsSuchNotAsMissingHistory() throws Exception {
        BronzeTable table = createTable();
        table.append(List.of(row(P0, 0, ISS, 0)), Map.of(P0, 0L));
        BronzeChangeLog log = changeLogOf(table);

        assertThatThrownBy(() -> log.fixesAddedIn(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 1");
        assertThat(log.receivedBy(1)).isEmpty();
    }

    @Test
    void theTableIdStaysTheSameAcrossVersionsAndReaders() throws Exception {
        BronzeTable table = createTable();
        table.append(List.of(row(P0, 0, ISS, 0)), Map.of(P0, 0L));
        String id = changeLogOf(table).tableId();
        table.append(List.of(row(P0, 1, ISS, 1)), Map.of(P0, 1L));

        assertThat(changeLogOf(table).tableId()).isEqualTo(id);
    }

    /**
     * A snapshot is bronze as of its version, filed by UTC event date: the fixes of every version up to it, each under
     * its own date, and none of a later version.
     */
    @Test
    void aSnapshotHoldsEveryFixUpToItsVersionUnderItsEventDate() throws Exception {
        BronzeTable table = createTable();
        table.append(List.of(row(P0, 0, ISS, MIDNIGHT - 2), row(P1, 0, HUBBLE, MIDNIGHT + 1)), Map.of(P0, 0L, P1, 0L));
        table.append(List.of(row(P0, 1, ISS, MIDNIGHT + 2), row(P0, 2, ISS, MIDNIGHT - 1)), Map.of(P0, 2L));
        table.append(List.of(row(P0, 3, ISS, MIDNIGHT + 86_400)), Map.of(P0, 3L));

        BronzeSnapshot snapshot = changeLogOf(table).snapshotAt(1);
        LocalDate before = LocalDate.of(2024, 4, 25);
        LocalDate after = before.plusDays(1);
        assertThat(snapshot.version()).isEqualTo(1);
        assertThat(snapshot.eventDates()).containsExactly(before, after);
        assertThat(snapshot.fixesOn(before)).containsExactlyInAnyOrder(fix(ISS, MIDNIGHT - 2), fix(ISS, MIDNIGHT - 1));
        assertThat(snapshot.fixesOn(after)).containsExactlyInAnyOrder(fix(HUBBLE, MIDNIGHT + 1), fix(ISS, MIDNIGHT + 2));
        for (LocalDate date : snapshot.eventDates()) {
            assertThat(snapshot.fixesOn(date)).allSatisfy(fix -> assertThat(fix.eventTime().atZone(ZoneOffset.UTC)
                    .toLocalDate()).isEqualTo(date));
        }
    }

    /**
     * When a log can tell by when a version was received, that time covers its records and every earlier version's:
     * gold judges a fix far ahead of it as garbled, so a time that went back would leave good fixes out.
     */
    @Test
    void receivedByCoversTheRecordsUpToItsVersionAndNeverGoesBack() throws Exception {
        BronzeTable table = createTable();
        long newestTimestamp = Long.MIN_VALUE;
        List<Long> newestUpTo = new ArrayList<>();
        for (int v = 0; v < 5; v++) {
            List<BronzeRecord> rows = List.of(row(P0, 2L * v, ISS, 10L * v), row(P0, 2L * v + 1, ISS, 10L * v + 5));
            table.append(rows, Map.of(P0, 2L * v + 1));
            for (BronzeRecord row : rows) {
                newestTimestamp = Math.max(newestTimestamp, row.timestampMs());
            }
            newestUpTo.add(newestTimestamp);
        }

        BronzeChangeLog log = changeLogOf(table);
        Instant previous = Instant.MIN;
        for (int v = 0; v < 5; v++) {
            log.fixesAddedIn(v);
            Optional<Instant> received = log.receivedBy(v);
            if (received.isPresent()) {
                assertThat(received.get()).as("version %d", v).isAfterOrEqualTo(Instant.ofEpochMilli(newestUpTo.get(v)))
                        .isAfterOrEqualTo(previous);
                assertThat(changeLogOf(table).receivedBy(v)).as("version %d, another reader", v).isEqualTo(received);
                previous = received.get();
            }
        }
    }

    /**
     * Once clean-up has expired the first versions, the log starts later: the versions before cannot be replayed (gold
     * then starts from the first one's snapshot), while that snapshot still holds their rows.
     */
    @Test
    void expiredVersionsCannotBeReadButTheFirstKeptOneAndItsSnapshotCan() throws Exception {
        BronzeTable table = createTable();
        for (int v = 0; v < 11; v++) {
            table.append(List.of(row(P0, v, ISS, v)), Map.of(P0, (long) v));
        }
        expireVersionsBefore(table, 10);

        BronzeChangeLog log = changeLogOf(table);
        assertThat(log.firstVersion()).isEqualTo(10);
        assertThat(log.latestVersion()).isEqualTo(10);
        assertThatThrownBy(() -> log.fixesAddedIn(9)).isInstanceOf(BronzeHistoryMissing.class);
        assertThatThrownBy(() -> log.snapshotAt(9)).isInstanceOf(BronzeHistoryMissing.class);
        assertThat(log.fixesAddedIn(10)).containsExactly(fix(ISS, 10));
        BronzeSnapshot snapshot = log.snapshotAt(10);
        assertThat(snapshot.eventDates()).containsExactly(LocalDate.of(2024, 4, 25));
        assertThat(snapshot.fixesOn(LocalDate.of(2024, 4, 25))).hasSize(11).contains(fix(ISS, 0), fix(ISS, 10));
    }

    /**
     * Each satellite's fixes come back in the order they were written, even when their event dates go back and forth (a
     * poller's backfill between live polls around midnight): gold's late-event decisions follow that order, so it must
     * not depend on how a table files the rows.
     */
    @Test
    void eachSatelliteKeepsItsWrittenOrderAcrossDates() throws Exception {
        BronzeTable table = createTable();
        table.append(List.of(row(P0, 0, ISS, 0)), Map.of(P0, 0L));
        List<BronzeRecord> rows = List.of(
                row(P0, 1, ISS, MIDNIGHT - 2), row(P0, 2, ISS, MIDNIGHT + 1), row(P1, 0, HUBBLE, MIDNIGHT + 3),
                row(P0, 3, ISS, MIDNIGHT - 1), row(P1, 1, HUBBLE, MIDNIGHT - 5), row(P0, 4, ISS, MIDNIGHT + 2),
                row(P1, 2, HUBBLE, MIDNIGHT + 4));
        table.append(rows, Map.of(P0, 4L, P1, 2L));

        BronzeChangeLog log = changeLogOf(table);
        assertThat(log.fixesAddedIn(0)).containsExactly(fix(ISS, 0));
        List<Fix> added = log.fixesAddedIn(1);
        assertThat(added).hasSameSizeAs(rows);
        for (long satellite : List.of(ISS, HUBBLE)) {
            assertThat(added.stream().filter(fix -> fix.satelliteId() == satellite).toList()).as("satellite %d", satellite)
                    .containsExactlyElementsOf(rows.stream().map(row -> row.telemetry().toFix())
                            .filter(fix -> fix.satelliteId() == satellite).toList());
        }
    }

    /** A row of {@code satellite} at {@code second} after {@link TestTelemetry#START}, received as it was made. */
    private static BronzeRecord row(FeedPartition partition, long offset, long satellite, long second) {
        return new BronzeRecord(telemetry(satellite, second), partition, offset, (TestTelemetry.START + second) * 1_000,
                "simulator");
    }

    private static Fix fix(long satellite, long second) {
        return telemetry(satellite, second).toFix();
    }

    private static Telemetry telemetry(long satellite, long second) {
        Telemetry iss = TestTelemetry.at(second);
        return new Telemetry(satellite, iss.name(), iss.latitude(), iss.longitude(), iss.altitude(), iss.velocity(),
                iss.visibility(), iss.footprint(), iss.timestamp(), iss.dayNumber(), iss.solarLatitude(),
                iss.solarLongitude(), iss.units());
    }
}
