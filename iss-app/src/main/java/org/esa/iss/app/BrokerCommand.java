package org.esa.iss.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.esa.iss.adapter.kafka.EmbeddedBrokerOptions;
import org.esa.iss.adapter.kafka.EmbeddedKafkaBroker;
import org.esa.iss.adapter.kafka.PortUnavailable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code iss broker}: the embedded single-node Kafka on its own, for running the stages as separate processes. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run the embedded single-node Kafka broker (KRaft) until Ctrl-C; other stages connect with --bootstrap-servers.")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092", description = "Client port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Data root; the broker keeps its log under <data-dir>/kafka, as `iss run` does (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "1", description = "Partitions of topics created without a count (default: ${DEFAULT-VALUE}).")
    int partitions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        OptionChecks.port(spec, "--port", port);
        OptionChecks.atLeast(spec, "--partitions", partitions, 1);
        EmbeddedBrokerOptions options = new EmbeddedBrokerOptions(port, new DataLayout(dataDir).kafka(), partitions);
        CountDownLatch stopped = new CountDownLatch(1);
        Shutdown.Hook hook = Shutdown.onSignal(); // a signal while it starts ends it at once, status 0
        try (EmbeddedKafkaBroker broker = start(options)) {
            hook.stopWith(stopped::countDown);
            System.out.printf("iss broker: Kafka at %s (data in %s, started in %.1f s; Ctrl-C to stop)%n",
                    broker.bootstrapServers(), options.dataDir(), broker.startupTime().toMillis() / 1000.0);
            System.out.flush();
            stopped.await();
            broker.close();
            Shutdown.done(hook);
        }
        return 0;
    }

    private static EmbeddedKafkaBroker start(EmbeddedBrokerOptions options) {
        try {
            return EmbeddedKafkaBroker.start(options);
        } catch (PortUnavailable e) {
            throw new IllegalStateException(e.getMessage() + "; stop what holds it (another broker?), or pass another"
                    + " --port (0 picks a free one)", e);
        }
    }
}
