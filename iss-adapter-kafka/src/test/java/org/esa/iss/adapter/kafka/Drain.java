package org.esa.iss.adapter.kafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.TelemetryFeed;

/** Polls a feed until it has produced a given number of records. */
final class Drain {

    private Drain() {
    }

    static List<RawRecord> records(TelemetryFeed feed, int count) {
        List<RawRecord> out = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            out.addAll(feed.poll(Duration.ofMillis(200)));
            return out.size() >= count;
        });
        return out;
    }
}
