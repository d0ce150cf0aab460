package org.esa.iss.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.ToDoubleFunction;
import org.esa.iss.adapter.kafka.KafkaTelemetryPublisher;
import org.esa.iss.ports.in.IngestTelemetry;
import org.esa.iss.ports.in.PollGroundControl;
import org.esa.iss.ports.in.RefineAltitudes;

/** Exposes the services' counters as Prometheus metrics (read on scrape, nothing on the hot paths). */
final class PipelineMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    PipelineMetrics(PollGroundControl poller, KafkaTelemetryPublisher publisher, IngestTelemetry ingester, RefineAltitudes refiner) {
        for (String outcome : new String[] {"ok", "failed", "throttled", "skipped"}) {
            counter("iss_polls", "Poll slots by outcome", poller, p -> switch (outcome) {
                case "ok" -> p.statistics().ok();
                case "failed" -> p.statistics().failed();
                case "throttled" -> p.statistics().throttled();
                default -> p.statistics().skipped();
            }, "outcome", outcome);
        }
        counter("iss_poll_retries", "Requests retried inside their slot", poller, p -> p.statistics().retries());
        counter("iss_backfilled_records", "Missed seconds recovered from the positions endpoint", poller, p -> p.statistics().backfilled());
        gauge("iss_poll_seconds_to_fetch", "Missed seconds still to fetch from the positions endpoint", poller,
                p -> p.statistics().secondsToFetch());
        gauge("iss_poll_effective_hz", "Polls attempted per second over the last minute", poller, p -> p.statistics().effectiveHz());
        counter("iss_records_published", "Records handed to the Kafka producer", publisher, p -> p.counts().published());
        counter("iss_records_delivered", "Records acknowledged by Kafka", publisher, p -> p.counts().delivered());
        counter("iss_records_undeliverable", "Records Kafka finally refused", publisher, p -> p.counts().failed());
        gauge("iss_records_pending_delivery", "Records waiting in the producer", publisher, p -> p.counts().pending());
        counter("iss_bronze_rows", "Valid records committed to bronze", ingester, i -> i.progress().rows());
        counter("iss_quarantined_records", "Invalid records committed to quarantine", ingester, i -> i.progress().quarantined());
        counter("iss_bronze_commits", "Bronze and quarantine commits", ingester, i -> i.progress().commits());
        gauge("iss_bronze_lag_records", "Records in Kafka not yet in bronze or quarantine", this,
                m -> PipelineHealth.bronzeLag(publisher.counts(), ingester));
        counter("iss_gold_windows", "Altitude windows committed to gold", refiner, r -> r.progress().windows());
        counter("iss_gold_orbits", "Orbits committed to gold", refiner, r -> r.progress().orbits());
        counter("iss_gold_fixes", "Bronze rows refined", refiner, r -> r.progress().fixes());
        gauge("iss_late_events", "Fixes dropped as later than the watermark", refiner, r -> r.progress().lateEvents());
        counter("iss_gold_fixes_ahead", "Fixes left out of gold for lying beyond --max-event-lead", refiner,
                r -> r.progress().aheadEvents());
        gauge("iss_gold_bronze_version", "Last bronze version consumed by gold", refiner, r -> r.progress().bronzeVersion());
    }

    private <T> void counter(String name, String help, T source, ToDoubleFunction<T> value, String... tags) {
        FunctionCounter.builder(name, source, value).description(help).tags(tags).register(registry);
    }

    private <T> void gauge(String name, String help, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(help).register(registry);
    }

    /** The Prometheus text exposition. */
    String scrape() {
        return registry.scrape();
    }
}
