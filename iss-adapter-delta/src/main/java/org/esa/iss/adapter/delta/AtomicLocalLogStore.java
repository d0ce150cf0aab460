package org.esa.iss.adapter.delta;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.UUID;
import io.delta.storage.HadoopFileSystemLogStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Delta's log store for local tables, safe for concurrent writers in any number of threads and processes.
 *
 * <p>Delta's own local store checks that a version's file is absent and then renames its temporary file over
 * it, holding a lock that covers only its own instance: two writers (an append and a compaction, or two
 * ingesters) can both pass the check and the second rename silently replaces the first commit. Here the
 * version file is published with a hard link, which the file system creates atomically or refuses when the
 * name exists, so exactly one writer wins each version and the other gets the conflict Delta retries on.
 */
public final class AtomicLocalLogStore extends HadoopFileSystemLogStore {

    public AtomicLocalLogStore(Configuration hadoopConf) {
        super(hadoopConf);
    }

    @Override
    public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration hadoopConf) throws IOException {
        java.nio.file.Path target = Paths.get(path.toUri());
        Files.createDirectories(target.getParent());
        java.nio.file.Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
                while (actions.hasNext()) {
                    out.write(actions.next());
                    out.write('\n');
                }
            }
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.createLink(target, temp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(path.toString());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * True: Delta writes checkpoint files straight through the file system, where a half-written file is
     * visible, and asks this to decide whether to write them under a temporary name and rename them.
     */
    @Override
    public Boolean isPartialWriteVisible(Path path, Configuration hadoopConf) {
        return true;
    }
}
