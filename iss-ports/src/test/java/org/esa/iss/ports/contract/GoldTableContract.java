package org.esa.iss.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.esa.iss.domain.AggregationSink;
import org.esa.iss.domain.AltitudeAggregator;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.OrbitOptions;
import org.esa.iss.domain.WindowSpec;
import org.esa.iss.ports.TestTelemetry;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.esa.iss.ports.out.GoldTable;
import org.junit.jupiter.api.Test;

/** What every gold table of altitude windows promises. */
public abstract class GoldTableContract {

    protected abstract GoldTable<AltitudeWindow> createTable() throws Exception;

    protected abstract GoldTable<AltitudeWindow> reopen(GoldTable<AltitudeWindow> table) throws Exception;

    protected abstract List<AltitudeWindow> readAll(GoldTable<AltitudeWindow> table) throws Exception;

    /** Real windows and the state that produced them, from a minute of the test track. */
    protected static GoldCheckpoint checkpointAfter(int seconds, List<AltitudeWindow> windowsOut) {
        AltitudeAggregator aggregator = new AltitudeAggregator(WindowSpec.DEFAULT, OrbitOptions.DEFAULT);
        AggregationSink sink = new AggregationSink() {
            @Override
            public void windowClosed(AltitudeWindow window) {
                windowsOut.add(window);
            }

            @Override
            public void orbitCompleted(Orbit orbit) {
            }
        };
        for (int s = 0; s < seconds; s++) {
            aggregator.accept(TestTelemetry.at(s).toFix(), sink);
        }
        return new GoldCheckpoint(seconds, aggregator.snapshot());
    }

    @Test
    void aNewTableHasNoCheckpoint() throws Exception {
        assertThat(createTable().checkpoint()).isEmpty();
    }

    @Test
    void rowsAndCheckpointAreCommittedTogetherAndSurviveReopening() throws Exception {
        GoldTable<AltitudeWindow> table = createTable();
        List<AltitudeWindow> first = new ArrayList<>();
        GoldCheckpoint one = checkpointAfter(60, first);
        table.commit(first, one);
        List<AltitudeWindow> all = new ArrayList<>();
        GoldCheckpoint after90 = checkpointAfter(90, all);
        GoldCheckpoint two = new GoldCheckpoint(after90.bronzeVersion(), after90.state(), 25544); // one satellite's gold
        table.commit(all.subList(first.size(), all.size()), two);
        GoldTable<AltitudeWindow> reopened = reopen(table);
        assertThat(reopened.checkpoint()).contains(two);
        assertThat(readAll(reopened)).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void aCommitWithoutRowsStillAdvancesTheCheckpoint() throws Exception {
        GoldTable<AltitudeWindow> table = createTable();
        GoldCheckpoint checkpoint = checkpointAfter(3, new ArrayList<>());
        table.commit(List.of(), checkpoint);
        assertThat(reopen(table).checkpoint()).contains(checkpoint);
    }

    @Test
    void aCommitOfABronzeVersionTheTableHoldsAlreadyIsRefusedAndWritesNothing() throws Exception {
        GoldTable<AltitudeWindow> table = createTable();
        List<AltitudeWindow> rows = new ArrayList<>();
        GoldCheckpoint after60 = checkpointAfter(60, rows);
        table.commit(rows, after60);
        GoldCheckpoint older = checkpointAfter(30, new ArrayList<>());

        for (GoldCheckpoint again : List.of(after60, older)) {
            assertThatThrownBy(() -> table.commit(rows.subList(0, 1), again)).isInstanceOf(IllegalStateException.class);
        }
        GoldTable<AltitudeWindow> reopened = reopen(table);
        assertThat(reopened.checkpoint()).contains(after60);
        assertThat(readAll(reopened)).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void stagedRowsAreInvisibleUntilCommittedAndAbandonedOnesNeverAppear() throws Exception {
        GoldTable<AltitudeWindow> table = createTable();
        List<AltitudeWindow> all = new ArrayList<>();
        GoldCheckpoint after90 = checkpointAfter(90, all);
        GoldTable.Staged<AltitudeWindow> abandoned = table.stage();
        abandoned.add(all.subList(0, 3));
        abandoned.abandon();
        assertThat(reopen(table).checkpoint()).isEmpty();

        GoldTable.Staged<AltitudeWindow> staged = table.stage();
        staged.add(all.subList(0, 5));
        staged.add(all.subList(5, all.size()));
        assertThat(readAll(reopen(table))).isEmpty();
        staged.commit(after90);
        GoldTable<AltitudeWindow> reopened = reopen(table);
        assertThat(reopened.checkpoint()).contains(after90);
        assertThat(readAll(reopened)).containsExactlyInAnyOrderElementsOf(all);
    }

    protected static AltitudeWindow window(long startSecond, double max, double min) {
        return new AltitudeWindow(25544, Instant.ofEpochSecond(startSecond), Instant.ofEpochSecond(startSecond).plus(Duration.ofSeconds(5)),
                max, Instant.ofEpochSecond(startSecond + 1), min, Instant.ofEpochSecond(startSecond + 2), 5);
    }
}
