package org.esa.iss.adapter.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The broker's data directory: formatted once (what {@code kafka-storage.sh format} does), then reused. */
final class KraftStorage {

    private static final Logger LOG = LoggerFactory.getLogger(KraftStorage.class);

    private KraftStorage() {
    }

    /**
     * Formats {@code dataDir} unless it already holds a formatted log directory. Formatting again would
     * give the node a new cluster id and orphan every record already stored, so an existing directory is
     * never touched.
     *
     * @return true if the directory was formatted now
     */
    static boolean formatIfNeeded(Path dataDir, int nodeId, String controllerListener) {
        Path absolute = dataDir.toAbsolutePath();
        if (Files.exists(absolute.resolve("meta.properties"))) {
            return false;
        }
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker data directory " + absolute, e);
        }
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(transcript, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(out)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(nodeId)
                    .setControllerListenerName(controllerListener)
                    .setMetadataLogDirectory(absolute.toString())
                    .addDirectory(absolute.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the broker data directory " + absolute
                    + " (delete it to start afresh, or point --data-dir elsewhere)", e);
        }
        LOG.debug("formatted {}: {}", absolute, transcript.toString(StandardCharsets.UTF_8).strip());
        return true;
    }
}
