package org.esa.iss.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.ports.TestTelemetry;
import org.esa.iss.ports.out.Observation;
import org.esa.iss.ports.out.TelemetryPublisher;
import org.esa.iss.ports.out.TelemetryPublisher.Delivery;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TelemetryPublisher} promises the poller and, through the topic, gold (its Javadoc lists the
 * rules). Extend it once per implementation, with a topic of its own for each test.
 */
public abstract class TelemetryPublisherContract {
    /** A satellite other than the ISS (Tiangong's NORAD id), so that two keys share the topic. */
    private static final long TIANGONG = 48_274;

    /** A new publisher to a topic of its own, of {@code partitions} partitions. */
    protected abstract TelemetryPublisher publisherToNewTopic(int partitions) throws Exception;

    @Test
    void eachSatellitesRecordsLandInOnePartitionInTheOrderPublishedOnceEach() throws Exception {
        List<CompletableFuture<Delivery>> iss = new ArrayList<>();
        List<CompletableFuture<Delivery>> tiangong = new ArrayList<>();
        try (TelemetryPublisher publisher = publisherToNewTopic(3)) {
            for (int second = 0; second < 40; second++) {
                iss.add(publisher.publish(observation(TestTelemetry.at(second))));
                tiangong.add(publisher.publish(observation(ofSatellite(TIANGONG, TestTelemetry.at(second)))));
            }
            publisher.flush();
        }

        List<Delivery> issLanded = landed(iss);
        List<Delivery> tiangongLanded = landed(tiangong);
        for (List<Delivery> satellite : List.of(issLanded, tiangongLanded)) {
            assertThat(satellite).extracting(Delivery::partition).as("one partition").containsOnly(satellite.get(0).partition());
            assertThat(satellite).extracting(Delivery::offset).as("in the order published").isSorted().doesNotHaveDuplicates();
        }
        Set<String> places = new HashSet<>();
        for (Delivery d : concat(issLanded, tiangongLanded)) {
            assertThat(places.add(d.topic() + "-" + d.partition() + "@" + d.offset())).as("each record once: %s", d).isTrue();
        }
    }

    @Test
    void flushReturnsOnceEveryQueuedRecordIsDelivered() throws Exception {
        List<CompletableFuture<Delivery>> queued = new ArrayList<>();
        try (TelemetryPublisher publisher = publisherToNewTopic(1)) {
            for (int second = 0; second < 200; second++) {
                queued.add(publisher.publish(observation(TestTelemetry.at(second))));
            }
            publisher.flush();

            assertThat(queued).as("done when flush returned").allSatisfy(f -> assertThat(f).isCompleted());
            assertThat(landed(queued)).extracting(Delivery::offset).isSorted().doesNotHaveDuplicates().hasSize(200);
        }
    }

    private static List<Delivery> landed(List<CompletableFuture<Delivery>> futures) throws Exception {
        List<Delivery> deliveries = new ArrayList<>();
        for (CompletableFuture<Delivery> future : futures) {
            deliveries.add(future.get(30, TimeUnit.SECONDS));
        }
        return deliveries;
    }

    private static List<Delivery> concat(List<Delivery> a, List<Delivery> b) {
        List<Delivery> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Observation observation(Telemetry telemetry) {
        return new Observation(telemetry, TelemetryJson.format(telemetry), "simulator", Instant.ofEpochSecond(telemetry.timestamp()));
    }

    private static Telemetry ofSatellite(long id, Telemetry t) {
        return new Telemetry(id, "tiangong", t.latitude(), t.longitude(), t.altitude(), t.velocity(), t.visibility(),
                t.footprint(), t.timestamp(), t.dayNumber(), t.solarLatitude(), t.solarLongitude(), t.units());
    }
}
