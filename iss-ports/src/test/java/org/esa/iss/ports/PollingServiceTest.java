package org.esa.iss.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.ports.in.PollStatistics;
import org.esa.iss.ports.memory.InMemoryTelemetryLog;
import org.esa.iss.ports.out.GroundControl;
import org.esa.iss.ports.out.GroundControlFailure;
import org.esa.iss.ports.out.Observation;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.SlotClock;
import org.esa.iss.ports.out.TelemetryPublisher;
import org.junit.jupiter.api.Test;

class PollingServiceTest {
    private static final Instant ORIGIN = Instant.ofEpochSecond(TestTelemetry.START);
    private static final long TEN_YEARS = 10L * 365 * 86_400;
    private final FakeTime time = new FakeTime(ORIGIN);
    private final InMemoryTelemetryLog log = new InMemoryTelemetryLog("iss", 1);
    private final List<Long> slotStarts = new ArrayList<>();

    /**
     * A ground control whose behaviour per call is scripted ("ok", "slow", "overrun", "fail", "invalid",
     * "throttle", "throttle-for-years", "ten-years-ahead"); after the script ends, the last step repeats.
     */
    private GroundControl scripted(String... script) {
        return new GroundControl() {
            int call;

            @Override
            public Observation currentPosition(Instant deadline) throws GroundControlFailure {
                slotStarts.add(time.nanoTime());
                String step = script[Math.min(call++, script.length - 1)];
                switch (step) {
                    case "slow" -> time.advance(Duration.ofMillis(300).toNanos());
                    case "overrun" -> time.advance(Duration.ofMillis(1_200).toNanos());
                    case "fail" -> throw new GroundControlFailure.Unavailable("connection refused", null);
                    case "invalid" -> throw new GroundControlFailure.InvalidResponse("garbage", null);
                    case "throttle" -> throw new GroundControlFailure.RateLimited(Duration.ofSeconds(1));
                    case "throttle-for-years" -> throw new GroundControlFailure.RateLimited(Duration.ofSeconds(Long.MAX_VALUE));
                    case "ten-years-ahead" -> {
                        return TestTelemetry.observation(TestTelemetry.at(time.wallClock().instant().getEpochSecond()
                                - TestTelemetry.START + TEN_YEARS), "api");
                    }
                    default -> time.advance(Duration.ofMillis(40).toNanos());
                }
                return TestTelemetry.observation(now(), "api");
            }

            @Override
            public List<Observation> positionsAt(List<Long> timestamps, Instant deadline) {
                List<Observation> result = new ArrayList<>();
                for (long t : timestamps) {
                    result.add(TestTelemetry.observation(TestTelemetry.at(t - TestTelemetry.START), "api"));
                }
                return result;
            }

            @Override
            public String source() {
                return "api";
            }
        };
    }

    private Telemetry now() {
        return TestTelemetry.at(time.wallClock().instant().getEpochSecond() - TestTelemetry.START);
    }

    private PollingService poller(GroundControl groundControl) {
        return new PollingService(groundControl, log.publisher(), time, time.wallClock(), PollOptions.DEFAULT, o -> { });
    }

    /** A poller with the default options that adds its seconds still to fetch to {@code seen} at each publish. */
    private PollingService recordingSecondsToFetch(GroundControl groundControl, List<Long> seen) {
        AtomicReference<PollingService> poller = new AtomicReference<>();
        poller.set(new PollingService(groundControl, log.publisher(), time, time.wallClock(), PollOptions.DEFAULT,
                o -> seen.add(poller.get().statistics().secondsToFetch())));
        return poller.get();
    }

    /** The default options, remembering only the last {@code seconds} missed. */
    private static PollOptions reachingBack(int seconds) {
        return new PollOptions(PollOptions.DEFAULT.interval(), PollOptions.DEFAULT.retryBackoff(),
                PollOptions.DEFAULT.deadlineMargin(), PollOptions.DEFAULT.maxStride(), PollOptions.DEFAULT.recoverAfter(),
                PollOptions.DEFAULT.backfillEvery(), seconds);
    }

    private List<Long> publishedSeconds() {
        return log.all().stream().map(r -> TelemetryJson.parse(r.value()).timestamp()).toList();
    }

    /**
     * A publisher whose broker is away: nothing is delivered until it is closed, and each flush is noted; {@link
     * #duringBoundedFlush} runs inside each bounded flush, as a broker coming back or a signal would.
     */
    private static final class BrokerAwayPublisher implements TelemetryPublisher {
        final List<String> flushes = new ArrayList<>();
        private final List<CompletableFuture<Delivery>> pending = new ArrayList<>();
        Runnable duringBoundedFlush = () -> { };
        boolean brokerBack;

        @Override
        public CompletableFuture<Delivery> publish(Observation observation) {
            CompletableFuture<Delivery> delivery = new CompletableFuture<>();
            pending.add(delivery);
            return delivery;
        }

        @Override
        public void flush() {
            flushes.add("until delivered");
        }

        @Override
        public boolean flush(Duration timeout) {
            flushes.add("at most " + timeout);
            duringBoundedFlush.run();
            if (brokerBack) {
                pending.forEach(d -> d.complete(new Delivery("iss", 0, 0)));
            }
            return brokerBack;
        }

        @Override
        public void close() {
            pending.forEach(d -> d.completeExceptionally(new IllegalStateException("broker away")));
        }
    }

    @Test
    void afterAStopTheWaitForTheBrokerIsBoundedAndClosingThePublisherSettlesTheRest() throws Exception {
        BrokerAwayPublisher publisher = new BrokerAwayPublisher();
        AtomicReference<PollingService> poller = new AtomicReference<>();
        poller.set(new PollingService(scripted("ok"), publisher, time, time.wallClock(), PollOptions.DEFAULT, observation -> {
            if (poller.get().statistics().published() == 3) {
                poller.get().stop();
            }
        }));

        PollStatistics stats = poller.get().run(0);

        assertThat(publisher.flushes).containsExactly("at most " + PollingService.STOP_FLUSH_LIMIT);
        assertThat(stats.published()).isEqualTo(3);
        assertThat(stats.delivered() + stats.undeliverable()).isZero();
        publisher.close();
        assertThat(poller.get().statistics().undeliverable()).isEqualTo(3);
    }

    @Test
    void withoutAStopRunWaitsUntilEveryRecordIsSettled() throws Exception {
        BrokerAwayPublisher publisher = new BrokerAwayPublisher();
        publisher.duringBoundedFlush = () -> publisher.brokerBack = publisher.flushes.size() == 3;

        PollStatistics stats = new PollingService(scripted("ok"), publisher, time, time.wallClock(), PollOptions.DEFAULT,
                o -> { }).run(4);

        String slice = "at most " + PollingService.FLUSH_SLICE;
        assertThat(publisher.flushes).containsExactly(slice, slice, slice);
        assertThat(stats.delivered()).isEqualTo(4);
    }

    /** {@code iss poll --count N} done while the broker is away, then Ctrl-C: the stop's bound holds. */
    @Test
    void aStopWhileARunThatEndedWaitsForTheBrokerBoundsTheWait() throws Exception {
        BrokerAwayPublisher publisher = new BrokerAwayPublisher();
        PollingService poller = new PollingService(scripted("ok"), publisher, time, time.wallClock(), PollOptions.DEFAULT,
                o -> { });
        publisher.duringBoundedFlush = () -> {
            if (publisher.flushes.size() == 2) {
                poller.stop();
            }
        };

        PollStatistics stats = poller.run(4);

        String slice = "at most " + PollingService.FLUSH_SLICE;
        assertThat(publisher.flushes).containsExactly(slice, slice, "at most " + PollingService.STOP_FLUSH_LIMIT);
        assertThat(stats.published()).isEqualTo(4);
        assertThat(stats.delivered()).isZero();
    }

    /** An embedder's live view that throws must not cost a position, nor stop the poller. */
    @Test
    void anObserverThatThrowsLosesNoPositionAndStopsNothing() throws Exception {
        List<Long> observed = new ArrayList<>();
        PollStatistics stats = new PollingService(scripted("ok"), log.publisher(), time, time.wallClock(), PollOptions.DEFAULT,
                observation -> {
                    observed.add(observation.telemetry().timestamp());
                    throw new IllegalStateException("the live view is gone");
                }).run(6);

        assertThat(stats.published()).isEqualTo(6);
        assertThat(publishedSeconds()).hasSize(6).isEqualTo(observed);
    }

    @Test
    void aNegativeSlotCountIsRefusedRatherThanPollingNothing() {
        assertThatThrownBy(() -> poller(scripted("ok")).run(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxSlots must be 0 (no limit) or positive, got -1");
    }

    @Test
    void sixtySecondsAtTwoHertzAreExactly120SlotsWhateverEachRequestTakes() throws Exception {
        List<String> script = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            script.addAll(List.of("ok", "slow", "fail", "ok", "invalid", "ok", "slow"));
        }
        PollStatistics stats = poller(scripted(script.toArray(String[]::new))).run(120);
        assertThat(stats.slots()).isEqualTo(120);
        assertThat(stats.ok() + stats.failed() + stats.throttled() + stats.skipped()).isEqualTo(120);
        assertThat(stats.skipped()).isZero();
        assertThat(stats.retries()).isPositive();
        long slot = Duration.ofMillis(500).toNanos();
        long retryStep = Duration.ofMillis(50).toNanos();
        // first attempts fall exactly on the grid, retries on the backoff steps after it: no drift
        assertThat(slotStarts).allSatisfy(t -> assertThat((t % slot) % retryStep).isZero());
        assertThat(slotStarts).contains(119 * slot);
        assertThat(slotStarts).allSatisfy(t -> assertThat(t).isLessThan(120 * slot));
    }

    @Test
    void aFailedRequestIsRetriedWithinItsSlot() throws Exception {
        PollStatistics stats = poller(scripted("fail", "ok")).run(1);
        assertThat(stats.ok()).isEqualTo(1);
        assertThat(stats.retries()).isEqualTo(1);
        assertThat(stats.failed()).isZero();
        assertThat(log.all()).hasSize(1);
    }

    @Test
    void anOverrunningRequestSkipsSlotsButKeepsTheGrid() throws Exception {
        PollingService poller = poller(scripted("overrun", "ok"));
        PollStatistics stats = poller.run(10);
        assertThat(stats.ok()).isEqualTo(8);
        assertThat(stats.slots()).isEqualTo(10);
        assertThat(stats.skipped()).isEqualTo(2);
        assertThat(slotStarts.get(1)).isEqualTo(Duration.ofMillis(1_500).toNanos());
    }

    /** A process paused while it slept (a long collection, a suspended machine) wakes up after its slots' ends. */
    @Test
    void slotsSleptThroughAreSkippedNotFailedAsAnOutage() throws Exception {
        SlotClock pausedOnce = new SlotClock() {
            int sleeps;

            @Override
            public long nanoTime() {
                return time.nanoTime();
            }

            @Override
            public void sleepUntil(long targetNanos) {
                time.sleepUntil(targetNanos);
                if (++sleeps == 5) {
                    time.advance(Duration.ofMillis(3_200).toNanos());
                }
            }
        };
        GroundControl keepingDeadlines = new ForwardingGroundControl(scripted("ok")) {
            @Override
            public Observation currentPosition(Instant deadline) throws GroundControlFailure {
                if (time.wallClock().instant().isAfter(deadline)) { // as the HTTP adapter refuses to start a request
                    throw new GroundControlFailure.Unavailable("deadline passed before the request was sent", null);
                }
                return super.currentPosition(deadline);
            }
        };

        PollStatistics stats = new PollingService(keepingDeadlines, log.publisher(), pausedOnce, time.wallClock(),
                PollOptions.DEFAULT, o -> { }).run(20);

        assertThat(stats.slots()).isEqualTo(20);
        assertThat(stats.failed()).isZero();
        assertThat(stats.skipped()).as("the 3.2 s slept through").isEqualTo(6);
        assertThat(stats.ok()).isEqualTo(14);
    }

    @Test
    void throttlingDoublesTheStrideAndHonoursRetryAfter() throws Exception {
        PollingService poller = poller(scripted("throttle", "ok"));
        PollStatistics stats = poller.run(20);
        assertThat(stats.throttled()).isEqualTo(1);
        assertThat(stats.slots()).isEqualTo(20);
        // after the 429 at t=0 nothing is sent for a second, then every second slot
        assertThat(slotStarts.get(1)).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(slotStarts.get(2) - slotStarts.get(1)).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(stats.ok() + stats.failed() + stats.throttled() + stats.skipped()).isEqualTo(20);
    }

    @Test
    void aRetryAfterOfYearsPausesPollingForTenMinutesAtMost() throws Exception {
        PollingService poller = poller(scripted("throttle-for-years", "ok"));
        List<String> logged = new ArrayList<>();

        PollStatistics stats = withLogCaptured(logged, () -> poller.run(1_300)); // 650 s

        assertThat(stats.throttled()).isEqualTo(1);
        assertThat(slotStarts.get(1)).as("the first request after the 429").isEqualTo(Duration.ofMinutes(10).toNanos());
        assertThat(stats.ok()).as("polls after the pause").isPositive();
        assertThat(logged).anySatisfy(line -> assertThat(line).startsWith("INFO ground control is throttling; polling every 2"
                + " slot(s), pausing 600000 ms (it asked for 9223372036854775807 s; 10 minutes at most"));
    }

    /** Taken as the newest second, it would have the poller fetch the hour of seconds before it, all in the future. */
    @Test
    void aPositionDatedYearsAheadIsPublishedButFetchesNothingAndMissedSecondsAreStillFetched() throws Exception {
        List<String> script = new ArrayList<>(List.of("ok", "ten-years-ahead", "ten-years-ahead", "ok"));
        script.addAll(Collections.nCopies(20, "fail")); // ten seconds without a position
        script.add("ok");
        List<String> logged = new ArrayList<>();
        withLogCaptured(logged, () -> poller(scripted(script.toArray(String[]::new))).run(60));

        long ahead = ORIGIN.getEpochSecond() + TEN_YEARS;
        List<Long> published = publishedSeconds();
        assertThat(published.stream().filter(s -> s > ahead - 3_600)).as("the two answers, and nothing before them")
                .hasSize(2);
        List<Long> present = published.stream().filter(s -> s < ahead - 3_600).distinct().sorted().toList();
        assertThat(present).as("the seconds of the outage fetched, as ever")
                .containsExactlyElementsOf(LongStream.rangeClosed(present.get(0), present.get(present.size() - 1)).boxed().toList());
        assertThat(logged).filteredOn(w -> w.startsWith("WARNING") && w.contains("ahead of this host's clock"))
                .as("said once for the two").hasSize(1);
    }

    /** One second whose answer is always refused held every missed second behind it, for ever. */
    @Test
    void aSecondWhoseAnswerIsAlwaysRefusedGoesBehindTheOthersWhichAreFetched() throws Exception {
        List<String> script = new ArrayList<>(List.of("ok"));
        script.addAll(Collections.nCopies(500, "fail")); // an outage of a few dozen seconds (a slot tries more than once)
        script.add("ok");
        long refused = ORIGIN.getEpochSecond() + 14; // in the second request of ten
        List<Integer> requestSizes = new ArrayList<>();
        GroundControl refusingOneSecond = refusingBackfillOf(refused, scripted(script.toArray(String[]::new)),
                timestamps -> requestSizes.add(timestamps.size()));
        List<String> logged = new ArrayList<>();
        PollStatistics stats = withLogCaptured(logged, () -> poller(refusingOneSecond).run(300));

        List<Long> published = publishedSeconds().stream().distinct().sorted().toList();
        long last = published.get(published.size() - 1);
        assertThat(last).as("an outage longer than two requests' worth").isGreaterThan(refused + 10);
        assertThat(published).as("every second but the refused one")
                .containsExactlyElementsOf(LongStream.rangeClosed(published.get(0), last).filter(s -> s != refused).boxed().toList());
        assertThat(stats.secondsToFetch()).as("the refused one, still asked for").isEqualTo(1);
        assertThat(logged).filteredOn(w -> w.startsWith("WARNING") && w.contains("answer for second " + Instant.ofEpochSecond(refused)))
                .as("named once, however often it is set aside").hasSize(1);
        assertThat(requestSizes).as("halved down to the refused second").containsSubsequence(10, 5, 2, 1, 1, 1, 10);
    }

    /** Asked for every few slots for ever, a second refused for good would cost a live poll in four. */
    @Test
    void aRefusedSecondIsGivenUpOnceItIsBeyondTheBackfillsReach() throws Exception {
        List<String> script = new ArrayList<>(List.of("ok"));
        script.addAll(Collections.nCopies(60, "fail"));
        script.add("ok");
        long refused = ORIGIN.getEpochSecond() + 2;
        List<Long> askedForItAt = new ArrayList<>();
        GroundControl refusingOneSecond = refusingBackfillOf(refused, scripted(script.toArray(String[]::new)), timestamps -> {
            if (timestamps.contains(refused)) {
                askedForItAt.add(time.wallClock().instant().getEpochSecond());
            }
        });
        List<String> logged = new ArrayList<>();
        PollStatistics stats = withLogCaptured(logged, () -> new PollingService(refusingOneSecond, log.publisher(), time,
                time.wallClock(), reachingBack(30), o -> { }).run(200));

        assertThat(stats.secondsToFetch()).isZero();
        assertThat(logged).filteredOn(w -> w.startsWith("WARNING") && w.contains("gave up second " + Instant.ofEpochSecond(refused))
                && w.contains("beyond the backfill's reach")).hasSize(1);
        // the run lasts 100 s; the second leaves the 30 s reach at 32 s, and is given up at its next refusals
        assertThat(askedForItAt).isNotEmpty().allSatisfy(at -> assertThat(at).isLessThan(refused + 30 + 20));
        assertThat(publishedSeconds()).doesNotContain(refused);
    }

    /**
     * {@code base}, but a backfill request that asks for {@code refused} is answered with something other than
     * positions; {@code eachRequest} sees the seconds of every backfill request first.
     */
    private static GroundControl refusingBackfillOf(long refused, GroundControl base, Consumer<List<Long>> eachRequest) {
        return new ForwardingGroundControl(base) {
            @Override
            public List<Observation> positionsAt(List<Long> timestamps, Instant deadline) throws GroundControlFailure {
                eachRequest.accept(timestamps);
                if (timestamps.contains(refused)) {
                    throw new GroundControlFailure.InvalidResponse("latitude 123.4 is outside [-90, 90]", null);
                }
                return super.positionsAt(timestamps, deadline);
            }
        };
    }

    /** Passes every call on to {@code delegate}; a test overrides the one it changes. */
    private static class ForwardingGroundControl implements GroundControl {
        private final GroundControl delegate;

        ForwardingGroundControl(GroundControl delegate) {
            this.delegate = delegate;
        }

        @Override
        public Observation currentPosition(Instant deadline) throws GroundControlFailure {
            return delegate.currentPosition(deadline);
        }

        @Override
        public List<Observation> positionsAt(List<Long> timestamps, Instant deadline) throws GroundControlFailure {
            return delegate.positionsAt(timestamps, deadline);
        }

        @Override
        public String source() {
            return delegate.source();
        }
    }

    @Test
    void secondsMissedDuringAnOutageAreBackfilledAndMarked() throws Exception {
        List<String> script = new ArrayList<>();
        script.add("ok");
        for (int i = 0; i < 200; i++) {
            script.add("fail");
        }
        script.add("ok");
        PollStatistics stats = poller(scripted(script.toArray(String[]::new))).run(120);
        assertThat(stats.backfilled()).isGreaterThan(0);
        List<Long> timestamps = new ArrayList<>();
        for (RawRecord r : log.all()) {
            timestamps.add(TelemetryJson.parse(r.value()).timestamp());
        }
        long first = timestamps.stream().min(Long::compare).orElseThrow();
        long last = timestamps.stream().max(Long::compare).orElseThrow();
        assertThat(timestamps.stream().distinct().count()).isEqualTo(last - first + 1);
        assertThat(log.all()).anySatisfy(r -> assertThat(r.header("source", "")).isEqualTo("api-backfill"));
    }

    @Test
    void theSecondsStillToFetchGrowWhileAnOutageLastsAndAreFetchedOnceItEnds() throws Exception {
        List<String> script = new ArrayList<>(List.of("ok"));
        script.addAll(Collections.nCopies(1_000, "fail")); // each slot retries ~9 times: an outage of ~110 slots
        script.add("ok");
        List<Long> seen = new ArrayList<>();
        PollingService poller = recordingSecondsToFetch(scripted(script.toArray(String[]::new)), seen);

        PollStatistics during = poller.run(20);
        long lastSecondBeforeNow = time.wallClock().instant().getEpochSecond() - 1;
        assertThat(during.secondsToFetch()).as("the seconds since the last position, by this host's clock")
                .isEqualTo(lastSecondBeforeNow - ORIGIN.getEpochSecond()).isPositive();

        poller.run(200);
        assertThat(seen.get(1)).as("when the first position after it is published").isGreaterThan(during.secondsToFetch());
        assertThat(poller.statistics().secondsToFetch()).as("all fetched").isZero();
    }

    @Test
    void anOutageIsLoggedWhereItBeginsAndWhereItEndsNotAtEverySlot() throws Exception {
        // an invalid answer starts the outage; the failures that follow are part of it
        List<String> script = new ArrayList<>(List.of("ok", "invalid"));
        script.addAll(Collections.nCopies(30, "fail"));
        script.add("ok");
        List<String> logged = new ArrayList<>();
        PollStatistics stats = withLogCaptured(logged, () -> poller(scripted(script.toArray(String[]::new))).run(60));

        assertThat(stats.failed()).isGreaterThan(1);
        assertThat(logged).hasSize(2);
        assertThat(logged.get(0)).startsWith("WARNING no position from ground control: invalid answer: garbage; polling goes on");
        assertThat(logged.get(1)).matches("INFO ground control answers again after " + stats.failed()
                + " slot\\(s\\) without a position; fetching the [1-9]\\d* second\\(s\\) missed");
    }

    @Test
    void anOutageLongerThanTheBackfillReachSaysHowManySecondsAreGivenUp() throws Exception {
        List<String> script = new ArrayList<>(List.of("ok"));
        script.addAll(Collections.nCopies(1_000, "fail")); // retried within each slot: about 110 slots, 55 s
        script.add("ok");
        PollOptions fiveSeconds = reachingBack(5);
        List<String> logged = new ArrayList<>();
        PollStatistics stats = withLogCaptured(logged, () -> new PollingService(scripted(script.toArray(String[]::new)),
                log.publisher(), time, time.wallClock(), fiveSeconds, o -> { }).run(200));

        assertThat(logged.get(0)).startsWith("WARNING no position from ground control: connection refused;")
                .endsWith("the seconds missed (the last 5 at most) are fetched once it answers again");
        Matcher recovered = Pattern.compile("INFO ground control answers again after (\\d+) slot\\(s\\) without a position;"
                + " fetching the 5 second\\(s\\) missed; (\\d+) earlier second\\(s\\) are beyond the backfill's reach")
                .matcher(logged.get(1));
        assertThat(recovered.matches()).as(logged.get(1)).isTrue();
        assertThat(Long.parseLong(recovered.group(1))).isEqualTo(stats.failed());
        assertThat(Long.parseLong(recovered.group(2))).isPositive();
    }

    @Test
    void theSecondsSinceAnEarlierRunsNewestPositionAreFetchedInOrderBeforeTheFirstLivePoll() throws Exception {
        long newestPublished = ORIGIN.getEpochSecond() - 30; // the poller was stopped for half a minute
        PollingService poller = poller(scripted("ok"));
        List<String> logged = new ArrayList<>();

        PollStatistics stats = withLogCaptured(logged, () -> {
            poller.resumeAfter(newestPublished);
            return poller.run(40);
        });

        int fetched = (int) stats.backfilled();
        assertThat(logged).containsExactly("INFO the topic's newest position is from " + Instant.ofEpochSecond(newestPublished)
                + ", before this run; fetching the 30 second(s) missed since, then polling live",
                "INFO caught up with the clock: " + fetched + " second(s) from before this run fetched; polling live");
        assertThat(fetched).as("30, and the seconds that passed while fetching them").isBetween(30, 32);
        assertFetchedFirstInOrder(newestPublished, fetched);
        assertThat(stats.secondsToFetch()).isZero();
    }

    @Test
    void theSecondsStillToFetchGoDownSlotBySlotWhileCatchingUp() throws Exception {
        List<Long> seenWhilePublishing = new ArrayList<>();
        PollingService poller = recordingSecondsToFetch(scripted("ok"), seenWhilePublishing);

        poller.resumeAfter(ORIGIN.getEpochSecond() - 30);
        poller.run(10);

        // each slot's publishes see what the slot before left: fetches of 10 at 0, 0.5 and 1 s; the second that
        // began at 1 s is then missed too, and fetched at 1.5 s; then live polls
        assertThat(seenWhilePublishing.stream().distinct().toList()).containsExactly(30L, 20L, 10L, 1L, 0L);
        assertThat(poller.statistics().secondsToFetch()).isZero();
    }

    @Test
    void theSecondsMissingBetweenAnEarlierRunsPositionsAreFetchedFirstOldestFirst() throws Exception {
        long now = ORIGIN.getEpochSecond();
        NavigableSet<Long> published = LongStream.rangeClosed(now - 40, now - 30).boxed().collect(Collectors.toCollection(TreeSet::new));
        published.removeAll(List.of(now - 37, now - 33, now - 32)); // still to fetch when that run stopped
        PollingService poller = poller(scripted("ok"));
        List<String> logged = new ArrayList<>();

        PollStatistics stats = withLogCaptured(logged, () -> {
            poller.resumeAfter(published);
            assertThat(poller.statistics().secondsToFetch()).as("before the first slot").isEqualTo(33);
            return poller.run(40);
        });

        assertThat(logged.get(0)).isEqualTo("INFO the topic's newest position is from " + Instant.ofEpochSecond(now - 30)
                + ", before this run; fetching the 30 second(s) missed since and the 3 missing before it, then polling live");
        List<Long> timestamps = publishedSeconds();
        int fetched = (int) stats.backfilled();
        assertThat(timestamps.subList(0, 4)).as("the holes first, oldest first").containsExactly(now - 37, now - 33, now - 32, now - 29);
        assertThat(timestamps.subList(3, fetched)).as("then the seconds since, in order")
                .isEqualTo(LongStream.range(now - 29, now - 29 + fetched - 3).boxed().toList());
        published.addAll(timestamps);
        assertThat(published.last() - published.first() + 1).as("every second from the earlier run's first on").isEqualTo(published.size());
    }

    @Test
    void holesOlderThanTheBackfillReachAreNotLookedFor() throws Exception {
        long now = ORIGIN.getEpochSecond();
        PollOptions fiveSeconds = reachingBack(5);
        PollingService poller = new PollingService(scripted("ok"), log.publisher(), time, time.wallClock(), fiveSeconds, o -> { });
        List<String> logged = new ArrayList<>();

        withLogCaptured(logged, () -> {
            // the reach begins at now - 4: the hole at now - 9 is older, the one at now - 3 within it
            poller.resumeAfter(new TreeSet<>(List.of(now - 10, now - 8, now - 4, now - 2)));
            return poller.run(10);
        });

        assertThat(logged.get(0)).endsWith("fetching the 2 second(s) missed since and the 1 missing before it, then polling live");
        assertThat(publishedSeconds()).startsWith(now - 3, now - 1, now).doesNotContain(now - 9);
        assertThat(poller.secondsGivenUp()).as("given up when it was missed, not now").isZero();
    }

    @Test
    void aPositionBeforeTheBackfillReachBoundsTheHolesWithinIt() throws Exception {
        long now = ORIGIN.getEpochSecond();
        PollingService poller = new PollingService(scripted("ok"), log.publisher(), time, time.wallClock(), reachingBack(5), o -> { });

        poller.resumeAfter(new TreeSet<>(List.of(now - 8, now - 2))); // nothing between: now - 4 and now - 3 are within reach

        poller.run(10);
        assertThat(publishedSeconds()).startsWith(now - 4, now - 3, now - 1, now).doesNotContain(now - 5);
        assertThat(poller.secondsGivenUp()).isZero();
    }

    @Test
    void onlyHolesLeftToFetchAreNamedSo() throws Exception {
        long now = ORIGIN.getEpochSecond();
        PollingService poller = poller(scripted("ok"));
        List<String> logged = new ArrayList<>();

        withLogCaptured(logged, () -> {
            poller.resumeAfter(new TreeSet<>(List.of(now - 5, now - 1, now))); // the newest is the current second
            return poller.run(4);
        });

        assertThat(logged.get(0)).endsWith("fetching the 3 second(s) missing before it, then polling live");
        assertThat(publishedSeconds()).startsWith(now - 4, now - 3, now - 2);
    }

    @Test
    void aPollerStoppedWithSecondsStillToFetchSaysSo() throws Exception {
        PollingService poller = poller(scripted("ok"));
        List<String> logged = new ArrayList<>();

        PollStatistics stats = withLogCaptured(logged, () -> {
            poller.resumeAfter(ORIGIN.getEpochSecond() - 30);
            return poller.run(1); // one fetch of at most 10
        });

        assertThat(stats.backfilled()).isEqualTo(10);
        assertThat(stats.secondsToFetch()).isEqualTo(20);
        assertThat(logged).last().isEqualTo("INFO 20 second(s) missed are not fetched yet; a poller started before they are"
                + " 3600 s old fetches them from ground control's history");
    }

    @Test
    void atOneSlotASecondCatchingUpStillEnds() throws Exception {
        long newestPublished = ORIGIN.getEpochSecond() - 100;
        PollingService poller = new PollingService(scripted("ok"), log.publisher(), time, time.wallClock(),
                PollOptions.atInterval(Duration.ofSeconds(1)), o -> { });
        poller.resumeAfter(newestPublished);

        PollStatistics stats = poller.run(30);

        assertThat(stats.backfilled()).as("100, and one more per slot spent fetching").isBetween(100L, 115L);
        assertFetchedFirstInOrder(newestPublished, (int) stats.backfilled());
    }

    /**
     * The first {@code fetched} records are the seconds after {@code newestPublished}, in order; live polls follow,
     * from that second or the next: every second is there, none out of order.
     */
    private void assertFetchedFirstInOrder(long newestPublished, int fetched) {
        List<RawRecord> published = log.all();
        List<Long> timestamps = published.stream().map(r -> TelemetryJson.parse(r.value()).timestamp()).toList();
        assertThat(published).as("live polls after the fetched seconds").hasSizeGreaterThan(fetched + 5);
        assertThat(published.subList(0, fetched)).allSatisfy(r -> assertThat(r.header("source", "")).isEqualTo("api-backfill"));
        assertThat(published.subList(fetched, published.size())).allSatisfy(r -> assertThat(r.header("source", "")).isEqualTo("api"));
        assertThat(timestamps.subList(0, fetched)).as("in order, without a gap")
                .isEqualTo(java.util.stream.LongStream.rangeClosed(newestPublished + 1, newestPublished + fetched).boxed().toList());
        assertThat(timestamps.get(fetched)).as("the first live position").isBetween(newestPublished + fetched, newestPublished + fetched + 1);
        assertThat(timestamps.stream().distinct().count()).as("every second").isEqualTo(timestamps.get(timestamps.size() - 1) - newestPublished);
    }

    @Test
    void anEarlierRunLongerAgoThanTheBackfillReachSaysHowManySecondsAreGivenUp() throws Exception {
        PollOptions fiveSeconds = reachingBack(5);
        PollingService poller = new PollingService(scripted("ok"), log.publisher(), time, time.wallClock(), fiveSeconds, o -> { });
        List<String> logged = new ArrayList<>();

        PollStatistics stats = withLogCaptured(logged, () -> {
            poller.resumeAfter(ORIGIN.getEpochSecond() - 100);
            return poller.run(40);
        });

        assertThat(stats.backfilled()).isEqualTo(5);
        assertThat(poller.secondsGivenUp()).isEqualTo(95);
        assertThat(logged.get(0)).endsWith("fetching the 5 second(s) missed since, then polling live;"
                + " 95 earlier second(s) are beyond the backfill's reach");
    }

    @Test
    void aFailedFetchOfTheSecondsBeforeARunIsTriedAgainBeforePollingLive() throws Exception {
        PollingService poller = poller(historyFailing(scripted("ok"), 1, new GroundControlFailure.Unavailable("timeout", null)));
        poller.resumeAfter(ORIGIN.getEpochSecond() - 30);

        PollStatistics stats = poller.run(40);

        assertThat(stats.failed()).isEqualTo(1);
        assertFetchedFirstInOrder(ORIGIN.getEpochSecond() - 30, (int) stats.backfilled());
    }

    @Test
    void whenGroundControlsHistoryKeepsFailingLivePollingBeginsAndTheSecondsAreFetchedBetweenPolls() throws Exception {
        PollingService poller = poller(historyFailing(scripted("ok"), 3,
                new GroundControlFailure.Unavailable("positions endpoint down", null)));
        List<String> logged = new ArrayList<>();

        PollStatistics stats = withLogCaptured(logged, () -> {
            poller.resumeAfter(ORIGIN.getEpochSecond() - 30);
            return poller.run(40);
        });

        assertThat(logged.get(1)).matches("INFO polling live after fetching 0 second\\(s\\) from before this run: ground"
                + " control's history failed 3 times in a row \\(positions endpoint down\\); the 3\\d left are fetched between polls");
        assertThat(stats.backfilled()).as("fetched between polls").isBetween(30L, 32L);
        assertThat(log.all()).as("live polls").anySatisfy(r -> assertThat(r.header("source", "")).isEqualTo("api"));
    }

    @Test
    void throttlingWhileFetchingTheSecondsBeforeARunOnlySlowsItDown() throws Exception {
        PollingService poller = poller(historyFailing(scripted("ok"), 1, new GroundControlFailure.RateLimited(Duration.ofSeconds(1))));
        poller.resumeAfter(ORIGIN.getEpochSecond() - 30);

        PollStatistics stats = poller.run(40);

        assertThat(stats.throttled()).isEqualTo(1);
        assertFetchedFirstInOrder(ORIGIN.getEpochSecond() - 30, (int) stats.backfilled());
    }

    @Test
    void aHistoryThrottledForGoodGivesWayToLivePolling() throws Exception {
        PollingService poller = poller(historyFailing(scripted("ok"), Integer.MAX_VALUE,
                new GroundControlFailure.RateLimited(Duration.ofSeconds(1))));
        List<String> logged = new ArrayList<>();

        withLogCaptured(logged, () -> {
            poller.resumeAfter(ORIGIN.getEpochSecond() - 30);
            return poller.run(200);
        });

        assertThat(logged).anySatisfy(line -> assertThat(line).startsWith("INFO polling live after fetching 0 second(s) from"
                + " before this run: fetching at the pace ground control allows gains nothing on the clock"));
        assertThat(log.all()).as("live polls").isNotEmpty()
                .allSatisfy(r -> assertThat(r.header("source", "")).isEqualTo("api"));
    }

    /** {@code groundControl}, whose positions endpoint fails {@code times} times with {@code failure}, then answers. */
    private static GroundControl historyFailing(GroundControl groundControl, int times, GroundControlFailure failure) {
        return new GroundControl() {
            private int failed;

            @Override
            public Observation currentPosition(Instant deadline) throws GroundControlFailure {
                return groundControl.currentPosition(deadline);
            }

            @Override
            public List<Observation> positionsAt(List<Long> timestamps, Instant deadline) throws GroundControlFailure {
                if (failed < times) {
                    failed++;
                    throw failure;
                }
                return groundControl.positionsAt(timestamps, deadline);
            }

            @Override
            public String source() {
                return groundControl.source();
            }
        };
    }

    @Test
    void aNewestPositionAFewSecondsAheadOfThisHostsClockLeavesNothingToFetch() throws Exception {
        PollingService poller = poller(scripted("ok"));
        List<String> logged = new ArrayList<>();

        PollStatistics stats = withLogCaptured(logged, () -> {
            poller.resumeAfter(ORIGIN.getEpochSecond() + 2); // ground control's clock is ahead of this host's
            return poller.run(20);
        });

        assertThat(logged).isEmpty();
        assertThat(stats.backfilled()).isZero();
        assertThat(stats.ok()).isEqualTo(20);
    }

    @Test
    void aNewestPositionLaterThanNowIsIgnoredSoThatGapsStillCount() throws Exception {
        List<String> script = new ArrayList<>(List.of("ok"));
        script.addAll(Collections.nCopies(30, "fail"));
        script.add("ok");
        PollingService poller = poller(scripted(script.toArray(String[]::new)));
        List<String> logged = new ArrayList<>();
        withLogCaptured(logged, () -> {
            poller.resumeAfter(ORIGIN.getEpochSecond() + 3_600);
            return null;
        });

        PollStatistics stats = poller.run(60);

        assertThat(logged).singleElement().asString().startsWith("WARNING the newest position in the topic is from")
                .endsWith("more than a minute ahead of this host's clock; the seconds missed before this run are not backfilled");
        assertThat(stats.backfilled()).as("an outage's seconds").isPositive();
    }

    /** What {@code run} logs at INFO and above, as "LEVEL message" lines, while it runs. */
    private static PollStatistics withLogCaptured(List<String> logged, PollRun run) throws InterruptedException {
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    logged.add(record.getLevel() + " " + new SimpleFormatter().formatMessage(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(PollingService.class.getName());
        logger.addHandler(capture);
        try {
            return run.run();
        } finally {
            logger.removeHandler(capture);
        }
    }

    private interface PollRun {
        PollStatistics run() throws InterruptedException;
    }
}
