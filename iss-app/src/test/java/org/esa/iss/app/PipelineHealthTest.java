package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.esa.iss.adapter.kafka.PublishCounts;
import org.esa.iss.ports.in.CheckHealth.ComponentHealth;
import org.esa.iss.ports.in.CheckHealth.HealthReport;
import org.esa.iss.ports.in.CheckHealth.Status;
import org.esa.iss.ports.in.IngestSummary;
import org.esa.iss.ports.in.IngestTelemetry;
import org.esa.iss.ports.in.PollGroundControl;
import org.esa.iss.ports.in.PollStatistics;
import org.esa.iss.ports.in.RefineAltitudes;
import org.esa.iss.ports.in.RefineSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code /health} says about each stage of {@code iss run}, from counters set here: where a component turns
 * degraded or down, and that readiness follows the components.
 */
class PipelineHealthTest {
    private PollStatistics polls = polls(0, 0, 0, 0, 0); // as the poller starts, when the health check is made
    private long nanos;
    private PublishCounts published = new PublishCounts(20, 20, 0);
    private IngestSummary bronze = new IngestSummary(20, 0, 0, 2, Duration.ofSeconds(10));
    private OptionalLong backlog = OptionalLong.empty();
    private final StageThreads stages = new StageThreads();
    private final PipelineHealth checks = new PipelineHealth("simulator", new Poller(), () -> published, new Ingester(),
            new Refiner(), stages, () -> nanos);

    @BeforeEach
    void tenSecondsOfAnswers() {
        polls = polls(20, 20, 0, 0, 0);
        nanos = Duration.ofSeconds(10).toNanos();
    }

    @Test
    void aPipelineThatPollsPublishesAndIngestsIsUpAndReady() {
        HealthReport report = health();

        assertThat(report.live()).isTrue();
        assertThat(report.ready()).isTrue();
        assertThat(report.components()).containsOnlyKeys("source", "broker", "bronze", "gold");
        assertThat(report.components().values()).extracting(ComponentHealth::component).containsOnly(Status.UP);
        assertThat(report.components().get("source").detail()).isEqualTo("simulator, 20 ok / 20 slots lately, 20 ok / 20 slots in all, 2.00 Hz");
        assertThat(report.components().get("broker").detail()).isEqualTo("20 delivered, 0 waiting, 0 undeliverable");
        assertThat(report.components().get("bronze").detail()).isEqualTo("lag 0 records, 20 rows, 0 quarantined, 2 commits");
        assertThat(report.components().get("gold").detail()).isEqualTo("bronze version 7, 3 windows, 1 orbits, 2 late");
    }

    @Test
    void groundControlThatNeverAnsweredIsDownAfterTenSlotsOnly() {
        polls = polls(10, 0, 10, 0, 0);
        assertThat(component("source")).as("still starting").isEqualTo(Status.DEGRADED);
        assertThat(health().ready()).isTrue();

        polls = polls(11, 0, 11, 0, 0);
        assertThat(component("source")).isEqualTo(Status.DOWN);
        assertThat(health().ready()).as("ready with a source that never answered").isFalse();
    }

    @Test
    void groundControlFailingOrThrottlingMoreOftenThanAnsweringIsDegradedButReady() {
        polls = polls(40, 20, 10, 10, 0);
        assertThat(component("source")).as("failures and throttles equal to answers").isEqualTo(Status.UP);

        polls = polls(41, 20, 11, 10, 0);
        assertThat(component("source")).isEqualTo(Status.DEGRADED);
        assertThat(health().ready()).isTrue();
    }

    @Test
    void anOutageAfterDaysOfAnswersIsDegradedWithinAMinuteAndUpAgainOnceAnswersOutnumberFailures() {
        long week = Duration.ofDays(7).toSeconds();
        polls = polls(2 * week, 2 * week, 0, 0, 0);
        nanos = Duration.ofSeconds(week).toNanos();
        assertThat(component("source")).isEqualTo(Status.UP);

        nanos += Duration.ofSeconds(61).toNanos();
        polls = polls(2 * week + 122, 2 * week, 122, 0, 0);
        assertThat(component("source")).as("a minute without answers, after a week of them").isEqualTo(Status.DEGRADED);
        assertThat(health().components().get("source").detail()).startsWith("simulator, 0 ok / 122 slots lately, ");

        nanos += Duration.ofSeconds(30).toNanos();
        polls = polls(2 * week + 182, 2 * week + 50, 122, 10, 0);
        assertThat(component("source")).as("50 answers, 132 failures or throttles in the last ~90 s").isEqualTo(Status.DEGRADED);

        nanos += Duration.ofSeconds(61).toNanos();
        polls = polls(2 * week + 304, 2 * week + 170, 124, 10, 0);
        assertThat(component("source")).as("120 answers, 2 failures since the check a minute ago").isEqualTo(Status.UP);
    }

    @Test
    void groundControlPausingThePollerIsDegraded() {
        nanos += Duration.ofSeconds(61).toNanos();
        polls = polls(20 + 122, 20, 0, 1, 121); // a 429 asked for minutes: every slot since skipped
        assertThat(component("source")).isEqualTo(Status.DEGRADED);
    }

    @Test
    void secondsStillToFetchAreShown() {
        polls = new PollStatistics(30, 20, 10, 0, 0, 0, 20, 20, 0, 0, 7, 1.33);

        assertThat(health().components().get("source").detail())
                .isEqualTo("simulator, 20 ok / 30 slots lately, 20 ok / 30 slots in all, 1.33 Hz, 7 missed second(s) to fetch");
    }

    @Test
    void theBrokerIsDownOnceMoreThanAMinuteOfPollsWaitsForIt() {
        published = new PublishCounts(140, 20, 0);
        assertThat(component("broker")).as("120 waiting").isEqualTo(Status.UP);

        published = new PublishCounts(141, 20, 0);
        assertThat(component("broker")).isEqualTo(Status.DOWN);
        assertThat(health().ready()).isFalse();
        assertThat(health().components().get("broker").detail()).isEqualTo("20 delivered, 121 waiting, 0 undeliverable");
    }

    @Test
    void bronzeMoreThanAThousandRecordsBehindIsDegradedButReady() {
        published = new PublishCounts(2_000, 2_000, 0);
        bronze = new IngestSummary(990, 10, 0, 3, Duration.ofSeconds(10));
        assertThat(component("bronze")).as("lag of exactly 1,000").isEqualTo(Status.UP);

        bronze = new IngestSummary(989, 10, 0, 3, Duration.ofSeconds(10));
        assertThat(component("bronze")).isEqualTo(Status.DEGRADED);
        assertThat(health().ready()).isTrue();
        assertThat(health().components().get("bronze").detail()).startsWith("lag 1001 records,");
    }

    @Test
    void bronzeAheadOfThisProcessesDeliveriesHasNoLag() {
        bronze = new IngestSummary(500, 0, 0, 3, Duration.ofSeconds(10)); // records published by an earlier process

        assertThat(health().components().get("bronze").detail()).startsWith("lag 0 records,");
    }

    /** A restart onto a topic that holds a backlog: this run delivered little, but bronze is far behind the log. */
    @Test
    void aBacklogInTheTopicFromBeforeThisRunIsBronzesLag() {
        backlog = OptionalLong.of(250_000);

        assertThat(component("bronze")).isEqualTo(Status.DEGRADED);
        assertThat(health().components().get("bronze").detail()).startsWith("lag 250000 records,");
        backlog = OptionalLong.of(3);
        assertThat(health().components().get("bronze").detail()).as("the larger of the two").startsWith("lag 3 records,");
        published = new PublishCounts(2_000, 2_000, 0);
        assertThat(health().components().get("bronze").detail()).startsWith("lag 1980 records,");
    }

    @Test
    void aFailedStageIsDownWithItsErrorAndTheProcessIsNotReady() throws InterruptedException {
        stages.start("gold", () -> {
            throw new IllegalStateException("gold is ahead of bronze");
        });
        stages.awaitAnyEnd();
        stages.join("gold", 10);

        HealthReport report = health();

        assertThat(report.live()).isTrue();
        assertThat(report.ready()).isFalse();
        assertThat(report.components().get("stages"))
                .isEqualTo(new ComponentHealth(Status.DOWN, "java.lang.IllegalStateException: gold is ahead of bronze"));
    }

    private Status component(String name) {
        return health().components().get(name).component();
    }

    private HealthReport health() {
        return checks.health();
    }

    private static PollStatistics polls(long slots, long ok, long failed, long throttled, long skipped) {
        return new PollStatistics(slots, ok, failed, throttled, skipped, 0, ok, ok, 0, 0, 0, slots == 0 ? 0 : 2.0 * ok / slots);
    }

    /** Reports the test's poll counters. */
    private final class Poller implements PollGroundControl {
        @Override
        public PollStatistics run(long maxSlots) {
            throw new UnsupportedOperationException("health only reads counters");
        }

        @Override
        public void stop() {
        }

        @Override
        public PollStatistics statistics() {
            return polls;
        }
    }

    /** Reports the test's bronze counters. */
    private final class Ingester implements IngestTelemetry {
        @Override
        public IngestSummary run(boolean untilCaughtUp) {
            throw new UnsupportedOperationException("health only reads counters");
        }

        @Override
        public void stop() {
        }

        @Override
        public void drain() {
        }

        @Override
        public IngestSummary progress() {
            return bronze;
        }

        @Override
        public OptionalLong backlog() {
            return backlog;
        }
    }

    /** Reports fixed gold counters. */
    private static final class Refiner implements RefineAltitudes {
        @Override
        public RefineSummary run(boolean untilCaughtUp) {
            throw new UnsupportedOperationException("health only reads counters");
        }

        @Override
        public void stop() {
        }

        @Override
        public void drain() {
        }

        @Override
        public RefineSummary progress() {
            return new RefineSummary(7, 100, 3, 1, 2, 0, 4, Duration.ofSeconds(10));
        }
    }
}
