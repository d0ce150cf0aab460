package org.esa.iss.adapter.delta;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Where a table's files live: its Hadoop file system and root. Data files on the local file system are
 * written and read with java.nio rather than through Hadoop: Hadoop's checksummed local file system writes a
 * {@code .crc} beside every file, and without its native library it sets permissions by running
 * {@code chmod} in a child process for every file it creates. Other file systems go through Hadoop. Delta's
 * own log keeps using the file system it chooses.
 */
final class TableStorage {
    /**
     * Hadoop's default resources, parsed once. A new {@code Configuration} parses its XML files again the first
     * time it is read (~3 ms warm, more in a young JVM); a copy of a loaded one only clones its properties.
     */
    private static final Configuration DEFAULTS = loadedDefaults();

    private final Configuration conf;
    private final Path root;
    private final FileSystem dataFs;
    private final ParquetReadOptions readOptions;

    private TableStorage(Configuration conf, Path root, FileSystem dataFs) {
        this.conf = conf;
        this.root = root;
        this.dataFs = dataFs;
        this.readOptions = ParquetReadOptions.builder(new HadoopParquetConfiguration(conf)).build();
    }

    /** Storage for the table at {@code tableDir} (a local path or any Hadoop URI). */
    static TableStorage at(String tableDir) {
        Configuration conf = new Configuration(DEFAULTS);
        // Local tables without Hadoop's checksum layer, for Delta's log too. Its .crc sidecars are renamed
        // separately from the files they describe, so two writers racing for the same log version can leave
        // the winner's entry with the loser's checksum, which every later read rejects. Uncached, so that a
        // checksummed instance someone else created for file:// in this JVM is not handed back instead.
        conf.set("fs.file.impl", org.apache.hadoop.fs.RawLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        conf.set("fs.AbstractFileSystem.file.impl", org.apache.hadoop.fs.local.RawLocalFs.class.getName());
        // Delta's own local log store lets two racing writers both "win" a version; this one cannot.
        conf.set("delta.logStore.file.impl", AtomicLocalLogStore.class.getName());
        try {
            Path path = new Path(tableDir);
            FileSystem fs = path.getFileSystem(conf);
            Path root = fs.makeQualified(path);
            FileSystem dataFs = fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
            return new TableStorage(conf, root, dataFs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of table " + tableDir, e);
        }
    }

    private static Configuration loadedDefaults() {
        Configuration defaults = new Configuration();
        defaults.size(); // reads the resources now, so that copies start from parsed properties
        return defaults;
    }

    Configuration conf() {
        return conf;
    }

    /**
     * Options for reading this table's Parquet files. Shared: Parquet's default builder creates a fresh Hadoop
     * configuration, which parses its XML resources again, for every file opened.
     */
    ParquetReadOptions readOptions() {
        return readOptions;
    }

    Path root() {
        return root;
    }

    FileSystem fs() {
        return dataFs;
    }

    /** The absolute path of a table-relative data file path as Delta stores it (URL-encoded). */
    Path resolve(String relativePath) {
        return new Path(root, new Path(java.net.URI.create(relativePath)));
    }

    private boolean local() {
        return "file".equals(root.toUri().getScheme());
    }

    /** Size of a data file. */
    long length(Path path) throws IOException {
        return local() ? java.nio.file.Files.size(java.nio.file.Path.of(path.toUri())) : dataFs.getFileStatus(path).getLen();
    }

    OutputFile outputFile(Path path) throws IOException {
        if (local()) {
            java.nio.file.Path file = java.nio.file.Path.of(path.toUri());
            java.nio.file.Files.createDirectories(file.getParent());
            return new org.apache.parquet.io.LocalOutputFile(file);
        }
        return new OutputFile() {
            @Override
            public PositionOutputStream create(long blockSizeHint) throws IOException {
                return HadoopStreams.wrap(dataFs.create(path, false));
            }

            @Override
            public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
                return HadoopStreams.wrap(dataFs.create(path, true));
            }

            @Override
            public boolean supportsBlockSize() {
                return false;
            }

            @Override
            public long defaultBlockSize() {
                return 0;
            }

            @Override
            public String getPath() {
                return path.toString();
            }
        };
    }

    InputFile inputFile(Path path) throws IOException {
        if (local()) {
            java.nio.file.Path file = java.nio.file.Path.of(path.toUri());
            if (!java.nio.file.Files.exists(file)) {
                throw new java.io.FileNotFoundException(file.toString());
            }
            return new org.apache.parquet.io.LocalInputFile(file);
        }
        FileStatus status = dataFs.getFileStatus(path);
        return new InputFile() {
            @Override
            public long getLength() {
                return status.getLen();
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
                return HadoopStreams.wrap(dataFs.open(path));
            }

            @Override
            public String toString() {
                return path.toString();
            }
        };
    }
}
