package org.esa.iss.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.esa.iss.adapter.kafka.KafkaTelemetryFeed;
import org.esa.iss.ports.IngestOptions;
import org.esa.iss.ports.in.IngestSummary;

/** {@code iss bronze --until-caught-up} over the backlog, with the default commit policy. */
final class BronzePhase implements BenchPhase {
    @Override
    public String name() {
        return "bronze";
    }

    @Override
    public String reads() {
        return "publish";
    }

    /** A running cluster has its group coordinator ready; the run's new broker makes it on the first lookup. */
    @Override
    public void prepare(BenchRun run) {
        Stages.awaitBronzeCoordinator(run.bootstrapServers(), run.backlogTopic(), Stages.BRONZE_GROUP);
    }

    @Override
    public List<Metric> run(BenchRun run) throws IOException {
        DataLayout tables = run.backlogTables();
        IngestSummary summary;
        try (KafkaTelemetryFeed feed = Stages.bronzeFeed(run.bootstrapServers(), run.backlogTopic(), Stages.BRONZE_GROUP)) {
            summary = Stages.ingester(feed, tables, IngestOptions.DEFAULT).run(true);
        }
        Path bronze = Path.of(tables.bronze());
        long bytes = 0;
        long files = 0;
        try (Stream<Path> paths = Files.walk(bronze)) {
            for (Path path : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                bytes += Files.size(path);
                if (path.getFileName().toString().endsWith(".parquet")) {
                    files++;
                }
            }
        }
        return List.of(
                new Metric("rows", summary.rows(), ""),
                new Metric("rate", summary.recordsPerSecond(), "rows/s"),
                new Metric("commits", summary.commits(), ""),
                new Metric("data files", files, ""),
                new Metric("on disk", bytes / (1024.0 * 1024.0), "MiB"),
                new Metric("per row", summary.rows() == 0 ? 0 : (double) bytes / summary.rows(), "B"));
    }
}
