package org.esa.iss.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a stream of fixes into finalized altitude windows and completed orbits, with event-time
 * semantics that match Spark Structured Streaming's append mode, applied one event at a time.
 *
 * <h2>The rules</h2>
 * <ol>
 *   <li><b>Watermark.</b> {@code watermark = max(event time accepted so far) - watermarkDelay}, one for all
 *       satellites, as in Spark. It only moves forward, and it moves after each accepted event (Spark moves it
 *       after each micro-batch; here every event is its own batch, so the result does not depend on how input is
 *       batched). A satellite whose fixes arrive later than another's by more than the delay loses them as late.</li>
 *   <li><b>Late.</b> An event whose time is strictly before the current watermark is late: it is counted in
 *       {@link #lateEvents()} and dropped. Its window may still be open (the window's end can lie after the
 *       watermark); it is then emitted without this event. Spark would still count it there (it drops an event
 *       once its window's end is at or behind the watermark); here it is late, because orbits and the highest
 *       fix take fixes in event-time order.</li>
 *   <li><b>Duplicate.</b> A second fix of the same satellite at the same event time is counted in
 *       {@link #duplicateEvents()} and dropped; the first one received wins.</li>
 *   <li><b>Emission.</b> A window {@code [start, end)} is emitted exactly once, as soon as
 *       {@code end <= watermark}; it is final. Windows still open when input stops stay in the state
 *       and are emitted when later input moves the watermark past them, or by {@link #finish} at the end of a
 *       finite input.</li>
 *   <li><b>Order.</b> Accepted fixes wait until the watermark passes them, then are aggregated in
 *       event-time order; so out-of-order input within the watermark gives exactly the windows and orbits
 *       of sorted input.</li>
 * </ol>
 *
 * <p>Not thread-safe: one aggregator per refinement loop. Its whole state is {@link #snapshot()}.
 */
public final class AltitudeAggregator {
    private final WindowSpec windows;
    private final OrbitOptions orbits;
    private final long delayMicros;
    private final Map<Long, SatelliteTrack> tracks = new LinkedHashMap<>();
    private long watermarkMicros = Long.MIN_VALUE;
    private long maxEventMicros = Long.MIN_VALUE;
    private long lateEvents;
    private long duplicateEvents;
    private SatelliteTrack lastTrack;

    /** A fresh aggregator. */
    public AltitudeAggregator(WindowSpec windows, OrbitOptions orbits) {
        this(AggregatorState.initial(windows, orbits));
    }

    /**
     * An aggregator that continues from a saved state, with the window definition and orbit options saved in it
     * (compare them with your configuration first: a state built with other windows cannot continue them).
     */
    public AltitudeAggregator(AggregatorState state) {
        this.windows = state.windows();
        this.orbits = state.orbits();
        this.delayMicros = windows.delayMicros();
        this.watermarkMicros = state.watermarkMicros();
        this.maxEventMicros = state.maxEventMicros();
        this.lateEvents = state.lateEvents();
        this.duplicateEvents = state.duplicateEvents();
        for (AggregatorState.Track track : state.tracks()) {
            tracks.put(track.satelliteId(), SatelliteTrack.restore(track, windows, orbits));
        }
    }

    /**
     * Feeds one fix; windows and orbits it finalizes go to the sink before this method returns
     * ({@link AggregationSink#NONE} to drop them).
     *
     * <p>If the sink throws, the exception leaves this method with the aggregator part-way through the fix:
     * discard it and continue from the last {@link #snapshot()} whose output was kept, as the refiner does after
     * a failed commit.
     *
     * @return false if the fix was late or a duplicate and was dropped
     */
    public boolean accept(Fix fix, AggregationSink sink) {
        Objects.requireNonNull(sink, "sink"); // refused now, not at the first window closed, half-way through a fix
        long time = fix.eventMicros();
        if (time < watermarkMicros) {
            lateEvents++;
            return false;
        }
        if (!trackOf(fix.satelliteId()).offer(fix)) {
            duplicateEvents++;
            return false;
        }
        if (time > maxEventMicros) {
            maxEventMicros = time;
            long candidate = time - delayMicros;
            if (candidate > watermarkMicros) {
                watermarkMicros = candidate;
                for (SatelliteTrack track : tracks.values()) {
                    track.advance(watermarkMicros, sink);
                }
            }
        }
        return true;
    }

    /**
     * Ends a finite input, as a batch job reading a file needs: aggregates every fix still waiting for the
     * watermark and emits every open window, partial ones included. A revolution in progress has not reached its
     * closing node and is not emitted. Afterwards the watermark lies past every time, so a later fix is late.
     *
     * <p>A stream never calls this: a window emitted early could not take the fixes that arrive later (the
     * refiner keeps open windows in its saved state instead).
     */
    public void finish(AggregationSink sink) {
        Objects.requireNonNull(sink, "sink");
        watermarkMicros = Long.MAX_VALUE;
        for (SatelliteTrack track : tracks.values()) {
            track.advance(Long.MAX_VALUE, sink);
        }
    }

    /** Feeds fixes in order; returns how many were accepted. */
    public long acceptAll(Iterable<Fix> fixes, AggregationSink sink) {
        long accepted = 0;
        for (Fix fix : fixes) {
            if (accept(fix, sink)) {
                accepted++;
            }
        }
        return accepted;
    }

    /** Everything needed to continue later, as an immutable value. */
    public AggregatorState snapshot() {
        List<AggregatorState.Track> saved = new ArrayList<>(tracks.size());
        for (SatelliteTrack track : tracks.values()) {
            saved.add(track.snapshot());
        }
        return new AggregatorState(windows, orbits, watermarkMicros, maxEventMicros, lateEvents, duplicateEvents, saved);
    }

    /** The current watermark, empty before the first event. */
    public Optional<Instant> watermark() {
        return watermarkMicros == Long.MIN_VALUE ? Optional.empty() : Optional.of(Micros.toInstant(watermarkMicros));
    }

    /** Events dropped for being older than the watermark. */
    public long lateEvents() {
        return lateEvents;
    }

    /** Events dropped because their satellite already had a fix at that event time. */
    public long duplicateEvents() {
        return duplicateEvents;
    }

    /**
     * The highest fix of a satellite aggregated so far: fixes still waiting for the watermark are not counted
     * until it passes them (or {@link #finish} is called).
     */
    public Optional<Fix> highest(long satelliteId) {
        SatelliteTrack track = tracks.get(satelliteId);
        return track == null ? Optional.empty() : Optional.ofNullable(track.highest());
    }

    private SatelliteTrack trackOf(long satelliteId) {
        SatelliteTrack track = lastTrack;
        if (track != null && track.satelliteId() == satelliteId) {
            return track;
        }
        track = tracks.computeIfAbsent(satelliteId, id -> new SatelliteTrack(id, windows, orbits));
        lastTrack = track;
        return track;
    }
}
