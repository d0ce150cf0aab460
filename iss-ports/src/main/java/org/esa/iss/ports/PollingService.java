package org.esa.iss.ports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.esa.iss.ports.in.PollGroundControl;
import org.esa.iss.ports.in.PollStatistics;
import org.esa.iss.ports.out.GroundControl;
import org.esa.iss.ports.out.GroundControlFailure;
import org.esa.iss.ports.out.Observation;
import org.esa.iss.ports.out.SlotClock;
import org.esa.iss.ports.out.TelemetryPublisher;

/**
 * Polls ground control on a fixed-rate schedule and publishes every position.
 *
 * <p>Slot {@code k} starts at {@code start + k × interval}, whatever earlier slots took, so the schedule
 * never drifts. A request must finish before its slot ends (the deadline passed to the port); a failure
 * is retried inside the slot while time remains. If a request still overruns, the slots it covered are
 * counted as skipped and polling resumes on the grid. On HTTP 429 it uses fewer slots, and none before
 * {@code Retry-After} has passed ({@link Throttling}). Seconds without a position are fetched later from the
 * positions endpoint, sharing the slots the rate limit allows.
 */
public final class PollingService implements PollGroundControl {
    private static final Logger LOG = Logger.getLogger(PollingService.class.getName());
    /**
     * After {@link #stop}, the longest {@link #run} waits for the publisher: a broker that is away must not hold
     * a shutdown until a supervisor kills the process, which would lose the queued records without a word.
     * What is still queued then is the publisher's to deliver or fail, each logged, when it is closed.
     */
    static final Duration STOP_FLUSH_LIMIT = Duration.ofSeconds(10);
    /** How often a wait for the broker without a bound looks whether a stop came. */
    static final Duration FLUSH_SLICE = Duration.ofSeconds(1);
    /** A topic's newest position may be this far ahead of this host's clock (ground control's is another). */
    private static final long CLOCK_TOLERANCE_SECONDS = 60;
    /** Refused answers in a row for one missed second before it goes behind the others (a garbled body passes). */
    static final int REFUSALS_BEFORE_SETTING_ASIDE = 3;
    /** Seconds set aside as refused that are named in the log; later ones are not. */
    private static final int REFUSED_NAMED = 10;

    private final GroundControl groundControl;
    private final TelemetryPublisher publisher;
    private final SlotClock slotClock;
    private final Clock wallClock;
    private final PollOptions options;
    private final Consumer<Observation> observer;
    private final PollCounters counters = new PollCounters();
    private final MissedSeconds missed;
    private volatile boolean stopping;

    private final Throttling throttling;
    /**
     * Polled slots in a row that got no position. An outage is logged when it begins and when it ends, not at
     * every one of its slots, which at 2 Hz would bury everything else in the log.
     */
    private long failedInARow;
    /** {@link MissedSeconds#givenUp()} when the current outage began. */
    private long givenUpBeforeOutage;
    /** After {@link #resumeAfter}: the seconds from before the run are fetched before the first live poll. */
    private final CatchUp catchUp;
    private String lastBackfillFailure;
    /** Live positions in a row dated far ahead: the first is logged. */
    private int aheadInARow;
    /** How many missed seconds the next backfill asks for: halved after a refused request, whole after a success. */
    private int perRequest;
    private long refusedSecond = Long.MIN_VALUE;
    private int refusedInARow;
    /** The seconds named in the log as refused, the first {@value #REFUSED_NAMED} of them, each once. */
    private final Set<Long> namedAsRefused = new HashSet<>();

    /**
     * @param observer sees every observation published (for the live view), on the polling thread, so it must be
     *                 quick; may be a no-op. If it throws, the failure is logged and polling goes on
     */
    public PollingService(GroundControl groundControl, TelemetryPublisher publisher, SlotClock slotClock,
                          Clock wallClock, PollOptions options, Consumer<Observation> observer) {
        this.groundControl = Objects.requireNonNull(groundControl, "groundControl");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.slotClock = Objects.requireNonNull(slotClock, "slotClock");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.options = Objects.requireNonNull(options, "options");
        this.observer = new GuardedListener<>(observer, "the observer of published positions");
        this.missed = new MissedSeconds(options.maxMissedSeconds());
        this.catchUp = new CatchUp(missed);
        this.throttling = new Throttling(options);
    }

    /**
     * Continues after an earlier run whose newest published position is from {@code newestPublished} (unix
     * seconds); the same as {@link #resumeAfter(NavigableSet)} with only that second known.
     */
    public void resumeAfter(long newestPublished) {
        resumeAfter(new TreeSet<>(List.of(newestPublished)));
    }

    /**
     * Continues after earlier runs that published positions for {@code publishedSeconds} (unix seconds; the newest
     * at least, and those since {@link #backfillReachStart()} the topic holds): the seconds since the newest, while
     * no poller ran, and the seconds missing between them (an earlier run had still to fetch them when it stopped)
     * are fetched from ground control's history first, oldest first, up to the clock; then live polling begins. If
     * that fetch keeps failing or gains nothing on the clock, live polling begins and the rest is fetched between
     * polls, like an outage's seconds. A newest time more than a minute later than now (a topic filled ahead of the
     * clock) is ignored: it would hide every gap until the clock reached it. Call it before {@link #run}.
     */
    public void resumeAfter(NavigableSet<Long> publishedSeconds) {
        if (publishedSeconds.isEmpty()) {
            return;
        }
        long now = wallClock.instant().getEpochSecond();
        long newestPublished = publishedSeconds.last();
        if (newestPublished > now + CLOCK_TOLERANCE_SECONDS) {
            LOG.warning(() -> "the newest position in the topic is from " + Instant.ofEpochSecond(newestPublished)
                    + ", more than a minute ahead of this host's clock; the seconds missed before this run are not"
                    + " backfilled");
            return;
        }
        long holesToFetch = missed.missingAfter(publishedSeconds, now);
        int toFetch = missed.size();
        counters.toFetch.set(toFetch);
        long missedSinceNewest = toFetch - holesToFetch;
        long givenUp = missed.givenUp();
        catchUp.begin(groundControl.maxPositionsPerCall());
        if (catchUp.active()) {
            String what = missedSinceNewest == 0 ? holesToFetch + " second(s) missing before it"
                    : missedSinceNewest + " second(s) missed since" + (holesToFetch == 0 ? "" : " and the " + holesToFetch + " missing before it");
            LOG.info(() -> "the topic's newest position is from " + Instant.ofEpochSecond(newestPublished)
                    + ", before this run; fetching the " + what + ", then polling live"
                    + (givenUp == 0 ? "" : "; " + givenUp + " earlier second(s) are beyond the backfill's reach"));
        }
    }

    /**
     * The oldest time whose seconds missed are still fetched, by this poller's clock: holes in the topic before it
     * are not looked for.
     */
    public Instant backfillReachStart() {
        return wallClock.instant().minusSeconds(options.maxMissedSeconds());
    }

    @Override
    public PollStatistics run(long maxSlots) throws InterruptedException {
        if (maxSlots < 0) {
            throw new IllegalArgumentException("maxSlots must be 0 (no limit) or positive, got " + maxSlots);
        }
        long interval = options.interval().toNanos();
        long start = slotClock.nanoTime();
        long k = 0;
        try {
            while (!stopping && (maxSlots == 0 || k < maxSlots)) {
                long slotStart = start + k * interval;
                slotClock.sleepUntil(slotStart);
                if (stopping) {
                    break;
                }
                // Woken after the slot's deadline (the process was paused: a long collection, a suspended machine):
                // the slots it slept through are skipped, as an overrun's are, not failed as an outage.
                long firstInTime = (slotClock.nanoTime() - start + options.deadlineMargin().toNanos()) / interval;
                long late = maxSlots == 0 ? firstInTime - k : Math.min(firstInTime, maxSlots) - k;
                if (late > 0) {
                    counters.slots.addAndGet(late);
                    counters.skipped.addAndGet(late);
                    k += late;
                    continue;
                }
                counters.slots.incrementAndGet();
                if (!throttling.allows(k, slotClock.nanoTime())) {
                    counters.skipped.incrementAndGet();
                    k++;
                    continue;
                }
                long deadline = slotStart + interval - options.deadlineMargin().toNanos();
                throttling.slotUsed();
                try {
                    useSlot(deadline);
                } finally {
                    counters.toFetch.set(failedInARow == 0 ? missed.size()
                            : missed.sizeIfMissingBefore(wallClock.instant().getEpochSecond()));
                }
                // A request that overran its slot skips the slots that started meanwhile; the grid stays.
                long due = (slotClock.nanoTime() - start) / interval;
                long next = Math.max(k + 1, due + 1);
                if (maxSlots != 0) {
                    next = Math.min(next, maxSlots);
                }
                long overrun = next - (k + 1);
                counters.slots.addAndGet(overrun);
                counters.skipped.addAndGet(overrun);
                k = next;
            }
        } finally {
            flushPublisher();
            if (!missed.isEmpty()) {
                int left = missed.size();
                LOG.info(() -> left + " second(s) missed are not fetched yet; a poller started before they are "
                        + options.maxMissedSeconds() + " s old fetches them from ground control's history");
            }
        }
        return statistics();
    }

    /** A polled slot: catches up with history after an earlier run, fetches missed seconds, or polls live. */
    private void useSlot(long deadlineNanos) throws InterruptedException {
        if (catchUp.active()) {
            boolean fetched = catchUp.useSlot(wallClock.instant().getEpochSecond(), () -> backfill(deadlineNanos),
                    () -> lastBackfillFailure);
            if (!catchUp.active()) {
                caughtUp(catchUp.endReason());
            }
            if (fetched) {
                return;
            }
        }
        if (!missed.isEmpty() && throttling.slotsUsedAtStride() % options.backfillEvery() == 0) {
            backfill(deadlineNanos);
        } else {
            poll(deadlineNanos);
        }
    }

    private void poll(long deadlineNanos) throws InterruptedException {
        while (true) {
            counters.attempted(slotClock.nanoTime());
            try {
                Observation observation = groundControl.currentPosition(toInstant(deadlineNanos));
                counters.ok.incrementAndGet();
                noteTimestamp(observation.telemetry().timestamp());
                answeredAgain();
                publish(observation);
                succeeded();
                return;
            } catch (GroundControlFailure.RateLimited e) {
                counters.throttled.incrementAndGet();
                throttled(e.retryAfter().orElse(Duration.ZERO));
                return;
            } catch (GroundControlFailure.Unavailable e) {
                long retryAt = slotClock.nanoTime() + options.retryBackoff().toNanos();
                if (retryAt + options.retryBackoff().toNanos() >= deadlineNanos) {
                    slotWithoutPosition(e.getMessage());
                    return;
                }
                counters.retries.incrementAndGet();
                slotClock.sleepUntil(retryAt);
            } catch (GroundControlFailure e) {
                // InvalidResponse: the server answered with something that is not a position; retrying will not help
                slotWithoutPosition("invalid answer: " + e.getMessage());
                return;
            }
        }
    }

    /**
     * A live position's second: the seconds skipped since the previous one become missing. One dated far ahead (more
     * than the backfill's reach beyond this host's clock and the newest second) is published as it is, since bronze
     * keeps what ground control said and gold leaves such a fix out, but it is not taken as the newest second.
     */
    private void noteTimestamp(long timestamp) {
        if (missed.receivedUnlessFarAhead(timestamp, wallClock.instant().getEpochSecond())) {
            aheadInARow = 0;
        } else if (aheadInARow++ == 0) {
            LOG.warning(() -> "ground control answered with a position dated " + Instant.ofEpochSecond(timestamp)
                    + ", more than " + options.maxMissedSeconds() + " s ahead of this host's clock (" + wallClock.instant()
                    + "): published as it is, but no second before it is fetched for it (a garbled timestamp, or a clock"
                    + " far off on one side)");
        }
    }

    /** Catching up is over; {@code reason} is null when nothing is left to fetch. */
    private void caughtUp(String reason) {
        long fetched = counters.backfilled.get(); // catching up is what a run does first: all fetched so far
        int left = missed.size();
        if (reason == null) {
            LOG.info(() -> "caught up with the clock: " + fetched + " second(s) from before this run fetched; polling live");
        } else {
            LOG.info(() -> "polling live after fetching " + fetched + " second(s) from before this run: " + reason
                    + "; the " + left + " left are fetched between polls");
        }
    }

    /**
     * Fetches the oldest missing seconds; false if ground control failed to give them. Throttling is no failure:
     * they wait for the next slot the rate limit allows.
     */
    private boolean backfill(long deadlineNanos) {
        if (perRequest == 0) {
            perRequest = groundControl.maxPositionsPerCall();
        }
        List<Long> batch = missed.take(perRequest);
        counters.attempted(slotClock.nanoTime());
        try {
            for (Observation observation : groundControl.positionsAt(batch, toInstant(deadlineNanos))) {
                publish(observation.withSource(observation.source().endsWith("-backfill")
                        ? observation.source() : observation.source() + "-backfill"));
                counters.backfilled.incrementAndGet();
            }
            counters.ok.incrementAndGet();
            perRequest = groundControl.maxPositionsPerCall();
            succeeded();
            return true;
        } catch (GroundControlFailure.RateLimited e) {
            missed.putBack(batch);
            counters.throttled.incrementAndGet();
            throttled(e.retryAfter().orElse(Duration.ZERO));
            return true;
        } catch (GroundControlFailure e) {
            counters.failed.incrementAndGet();
            lastBackfillFailure = e.getMessage();
            LOG.log(Level.FINE, "backfill failed: {0}", e.getMessage());
            missed.putBack(batch);
            if (e instanceof GroundControlFailure.InvalidResponse) {
                refused(batch, e.getMessage());
            }
            return false;
        }
    }

    /**
     * Ground control answered a backfill with something other than a position for each second asked for. Asked
     * again, the same seconds would get the same answer for ever, and every second missed behind them would wait: the
     * next request asks for half as many, down to one, and a second refused {@value #REFUSALS_BEFORE_SETTING_ASIDE}
     * times in a row on its own goes behind the others, to be asked for again after them, until it is older than the
     * backfill's reach: then it is given up, as an outage's seconds beyond the reach are. An endpoint that refuses
     * everything (a proxy's 403, say) holds the seconds back as an outage does, and loses only what an outage would.
     */
    private void refused(List<Long> batch, String reason) {
        if (batch.size() > 1) {
            perRequest = Math.max(1, batch.size() / 2);
            return;
        }
        long second = batch.get(0);
        refusedInARow = second == refusedSecond ? refusedInARow + 1 : 1;
        refusedSecond = second;
        if (refusedInARow < REFUSALS_BEFORE_SETTING_ASIDE) {
            return;
        }
        refusedInARow = 0;
        perRequest = groundControl.maxPositionsPerCall();
        if (second < backfillReachStart().getEpochSecond()) {
            missed.giveUpFirst();
            LOG.warning(() -> "gave up second " + Instant.ofEpochSecond(second) + ": ground control's answer for it is"
                    + " still refused (" + reason + "), and it is now beyond the backfill's reach");
            return;
        }
        missed.moveFirstToBack();
        if (namedAsRefused.size() < REFUSED_NAMED && namedAsRefused.add(second)) {
            boolean last = namedAsRefused.size() == REFUSED_NAMED;
            LOG.warning(() -> "ground control's answer for second " + Instant.ofEpochSecond(second) + " was refused "
                    + REFUSALS_BEFORE_SETTING_ASIDE + " times in a row (" + reason + "); asking for the other missed"
                    + " seconds first, and for this one again after them, until it is beyond the backfill's reach"
                    + (last ? "; further ones are not named" : ""));
        }
    }

    /**
     * Waits for the broker to take every record published. A run that ended by itself (its slot count) waits however
     * long that takes, but in slices, so that a stop during the wait still gets a stop's bound.
     */
    private void flushPublisher() {
        boolean saidWaiting = false;
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            if (publisher.flush(FLUSH_SLICE)) {
                return;
            }
            if (!saidWaiting) {
                saidWaiting = true;
                long waiting = statistics().awaitingDelivery();
                LOG.warning(() -> "waiting for the broker to take " + waiting + " record(s) published; a stop waits at most "
                        + STOP_FLUSH_LIMIT.toSeconds() + " s more");
            }
        }
        if (!publisher.flush(STOP_FLUSH_LIMIT)) {
            long waiting = statistics().awaitingDelivery();
            LOG.warning(() -> "stopping with " + waiting + " record(s) still waiting for the broker after " + STOP_FLUSH_LIMIT.toSeconds()
                    + " s; closing the publisher delivers them or fails them, each logged");
        }
    }

    private void publish(Observation observation) {
        counters.published.incrementAndGet();
        observer.accept(observation);
        publisher.publish(observation).whenComplete((delivery, error) -> {
            if (error == null) {
                counters.delivered.incrementAndGet();
            } else {
                counters.undeliverable.incrementAndGet();
            }
        });
    }

    /** A polled slot ended without a position: the first of a run is logged as an outage beginning. */
    private void slotWithoutPosition(String reason) {
        counters.failed.incrementAndGet();
        throttling.unanswered();
        if (failedInARow++ == 0) {
            givenUpBeforeOutage = missed.givenUp();
            LOG.warning(() -> "no position from ground control: " + reason + "; polling goes on in every slot, and"
                    + " the seconds missed (the last " + options.maxMissedSeconds() + " at most) are fetched once it"
                    + " answers again");
        } else {
            LOG.log(Level.FINE, "no position from ground control: {0}", reason);
        }
    }

    /** A position arrived: if it ends an outage, say so, and what the backfill has to do. */
    private void answeredAgain() {
        if (failedInARow > 0) {
            long failedSlots = failedInARow;
            int toFetch = missed.size();
            long givenUp = missed.givenUp() - givenUpBeforeOutage;
            LOG.info(() -> "ground control answers again after " + failedSlots + " slot(s) without a position"
                    + (toFetch == 0 ? "" : "; fetching the " + toFetch + " second(s) missed")
                    + (givenUp == 0 ? "" : "; " + givenUp + " earlier second(s) are beyond the backfill's reach"));
            failedInARow = 0;
        }
    }

    private void succeeded() {
        if (throttling.answered()) {
            LOG.info(() -> "ground control recovered; polling every " + throttling.stride() + " slot(s)");
        }
    }

    private void throttled(Duration retryAfter) {
        Duration pause = throttling.throttled(retryAfter, slotClock.nanoTime());
        LOG.info(() -> "ground control is throttling; polling every " + throttling.stride() + " slot(s)"
                + (pause.isZero() ? "" : ", pausing " + pause.toMillis() + " ms")
                + (pause.equals(retryAfter) ? "" : " (it asked for " + retryAfter.getSeconds() + " s; "
                        + Throttling.LONGEST_PAUSE.toMinutes() + " minutes at most, so that the backfill reaches what is missed)"));
    }

    private Instant toInstant(long deadlineNanos) {
        return wallClock.instant().plusNanos(deadlineNanos - slotClock.nanoTime());
    }

    @Override
    public void stop() {
        stopping = true;
    }

    @Override
    public PollStatistics statistics() {
        return counters.snapshot(slotClock.nanoTime());
    }

    /** Seconds that could not be backfilled because too many were missing at once. */
    public long secondsGivenUp() {
        return missed.givenUp();
    }
}
