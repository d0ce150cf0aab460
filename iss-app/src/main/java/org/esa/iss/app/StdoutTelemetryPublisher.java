package org.esa.iss.app;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.esa.iss.ports.out.Observation;
import org.esa.iss.ports.out.TelemetryPublisher;

/** Prints each observation's JSON on its own line ({@code iss poll --output -}). */
final class StdoutTelemetryPublisher implements TelemetryPublisher {
    private final PrintStream out;
    private final AtomicLong lines = new AtomicLong();

    StdoutTelemetryPublisher(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized CompletableFuture<Delivery> publish(Observation observation) {
        out.println(new String(observation.json(), StandardCharsets.UTF_8));
        return CompletableFuture.completedFuture(new Delivery("stdout", 0, lines.getAndIncrement()));
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
