package org.esa.iss.adapter.http;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.PeakAltitude;
import org.esa.iss.ports.in.QueryAltitudes;

/**
 * Gold's queries, a few at a time: each reads Delta files, and a burst of them must not compete with the pipeline
 * for the CPU and the heap. The connections themselves have threads enough, so a request waiting here does not keep
 * {@code /health} or a dashboard's asset waiting.
 */
final class LimitedQueries implements QueryAltitudes {
    private final QueryAltitudes queries;
    private final Semaphore running;

    LimitedQueries(QueryAltitudes queries, int atOnce) {
        this.queries = queries;
        this.running = new Semaphore(atOnce);
    }

    @Override
    public Optional<PeakAltitude> highestAltitude() {
        return limited(queries::highestAltitude);
    }

    @Override
    public List<AltitudeWindow> windows(Instant from, Instant to, int limit) {
        return limited(() -> queries.windows(from, to, limit));
    }

    @Override
    public List<Orbit> orbits(int limit) {
        return limited(() -> queries.orbits(limit));
    }

    private <T> T limited(Supplier<T> query) {
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to query gold (the server is stopping)", e);
        }
        try {
            return query.get();
        } finally {
            running.release();
        }
    }
}
