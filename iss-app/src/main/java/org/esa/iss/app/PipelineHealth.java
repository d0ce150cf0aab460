package org.esa.iss.app;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.esa.iss.adapter.kafka.PublishCounts;
import org.esa.iss.ports.in.CheckHealth;
import org.esa.iss.ports.in.IngestSummary;
import org.esa.iss.ports.in.IngestTelemetry;
import org.esa.iss.ports.in.PollGroundControl;
import org.esa.iss.ports.in.PollStatistics;
import org.esa.iss.ports.in.RefineAltitudes;
import org.esa.iss.ports.in.RefineSummary;

/** Health of {@code iss run}, component by component, from the services' own counters. */
final class PipelineHealth implements CheckHealth {
    /** Records waiting in the producer beyond which the broker counts as unreachable (a minute at 2 Hz). */
    private static final long BROKER_BACKLOG_LIMIT = 120;
    /**
     * What "lately" means for ground control's status: after days of answers, counts over the whole run would hide an
     * outage of hours.
     */
    private static final Duration RECENT = Duration.ofMinutes(1);

    private final String source;
    private final PollGroundControl poller;
    private final Supplier<PublishCounts> publishCounts;
    private final IngestTelemetry ingester;
    private final RefineAltitudes refiner;
    private final StageThreads stages;
    private final RecentCounts<PollStatistics> recentPolls;

    /** @param publishCounts the live publisher's counts, read at every check */
    PipelineHealth(String source, PollGroundControl poller, Supplier<PublishCounts> publishCounts, IngestTelemetry ingester,
                   RefineAltitudes refiner, StageThreads stages) {
        this(source, poller, publishCounts, ingester, refiner, stages, System::nanoTime);
    }

    /** @param nanoTime monotonic nanoseconds, which tell how recent the counts compared are */
    PipelineHealth(String source, PollGroundControl poller, Supplier<PublishCounts> publishCounts, IngestTelemetry ingester,
                   RefineAltitudes refiner, StageThreads stages, LongSupplier nanoTime) {
        this.source = source;
        this.poller = poller;
        this.publishCounts = publishCounts;
        this.ingester = ingester;
        this.refiner = refiner;
        this.stages = stages;
        this.recentPolls = new RecentCounts<>(nanoTime, RECENT, poller.statistics());
    }

    @Override
    public HealthReport health() {
        Map<String, ComponentHealth> components = new LinkedHashMap<>();
        PollStatistics polls = poller.statistics();
        PollStatistics since = recentPolls.since(polls);
        long recentSlots = polls.slots() - since.slots();
        long recentOk = polls.ok() - since.ok();
        // skipped: slots left out under a Retry-After, a doubled stride, or an overrun: no answer either
        long recentTrouble = polls.failed() + polls.throttled() + polls.skipped() - since.failed() - since.throttled() - since.skipped();
        Status sourceStatus = polls.ok() == 0 && polls.slots() > 10 ? Status.DOWN
                : recentTrouble > recentOk ? Status.DEGRADED : Status.UP;
        components.put("source", new ComponentHealth(sourceStatus, String.format("%s, %d ok / %d slots lately, %d ok / %d slots"
                        + " in all, %.2f Hz%s", source, recentOk, recentSlots, polls.ok(), polls.slots(), polls.effectiveHz(),
                polls.secondsToFetch() == 0 ? "" : ", " + polls.secondsToFetch() + " missed second(s) to fetch")));
        PublishCounts counts = publishCounts.get();
        components.put("broker", new ComponentHealth(counts.pending() > BROKER_BACKLOG_LIMIT ? Status.DOWN : Status.UP,
                String.format("%d delivered, %d waiting, %d undeliverable", counts.delivered(), counts.pending(), counts.failed())));
        IngestSummary bronze = ingester.progress();
        long lag = bronzeLag(counts, ingester);
        components.put("bronze", new ComponentHealth(lag > 1_000 ? Status.DEGRADED : Status.UP,
                String.format("lag %d records, %d rows, %d quarantined, %d commits", lag, bronze.rows(), bronze.quarantined(), bronze.commits())));
        RefineSummary gold = refiner.progress();
        components.put("gold", new ComponentHealth(Status.UP, String.format("bronze version %d, %d windows, %d orbits, %d late",
                gold.bronzeVersion(), gold.windows(), gold.orbits(), gold.lateEvents())));
        if (stages.failure() != null) {
            components.put("stages", new ComponentHealth(Status.DOWN, stages.failure().toString()));
        }
        boolean ready = components.values().stream().noneMatch(c -> c.component() == Status.DOWN);
        return new HealthReport(true, ready, components);
    }

    /**
     * Records not in bronze or quarantine yet: the larger of what the ingester's last poll saw left in its partitions
     * (a backlog from before this run too) and what this run delivered to Kafka and has not ingested.
     */
    static long bronzeLag(PublishCounts counts, IngestTelemetry ingester) {
        IngestSummary bronze = ingester.progress();
        long deliveredNotIngested = Math.max(0, counts.delivered() - bronze.rows() - bronze.quarantined());
        return Math.max(deliveredNotIngested, ingester.backlog().orElse(0));
    }
}
