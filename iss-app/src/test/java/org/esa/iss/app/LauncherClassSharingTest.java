package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive: which run writes it, which runs map it, and when it is written again. The
 * launcher runs in a copy of the project whose jar is up to date, with a {@code java} on the path that records its
 * arguments and writes an archive of the size a test asks for, as a JVM given {@code -XX:ArchiveClassesAtExit} does.
 */
class LauncherClassSharingTest {
    private static final String WRITE = "-XX:ArchiveClassesAtExit=";
    private static final String MAP = "-XX:SharedArchiveFile=";

    @TempDir
    Path project;
    private Path jar;
    private Path arguments;

    @BeforeEach
    void copyTheLauncherBesideAnUpToDateJar() throws IOException {
        Files.copy(Path.of("..", "iss"), project.resolve("iss"));
        Files.createDirectories(project.resolve("iss-app/src"));
        for (String source : List.of("pom.xml", "iss-app/pom.xml")) {
            Files.writeString(project.resolve(source), "<project/>");
        }
        for (String source : List.of("pom.xml", "iss-app/pom.xml", "iss-app/src")) {
            Files.setLastModifiedTime(project.resolve(source), FileTime.from(Instant.now().minusSeconds(3600)));
        }
        jar = Files.createDirectories(project.resolve("iss-app/target")).resolve("iss.jar");
        Files.writeString(jar, "a jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));

        Path bin = Files.createDirectories(project.resolve("bin"));
        arguments = project.resolve("java-arguments");
        Files.writeString(bin.resolve("java"), """
                #!/bin/sh
                printf '%%s\\n' "$@" > '%s'
                for a in "$@"; do
                  case "$a" in -XX:ArchiveClassesAtExit=*) truncate -s "${ARCHIVE_MB}M" "${a#*=}" ;; esac
                done
                """.formatted(arguments));
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theFirstPipelineRunWritesTheArchiveAndLaterCommandsMapIt() throws Exception {
        List<String> first = launch(Map.of("ARCHIVE_MB", "60"), "run", "--source", "simulator");
        String archive = valueOf(first, WRITE);
        assertThat(archive).startsWith(project.resolve("iss-app/target/cds").toString()).endsWith(".jsa");
        assertThat(first).contains("-Xlog:cds*=off").endsWith("-jar", jar.toString(), "run", "--source", "simulator");

        assertThat(valueOf(launch(Map.of(), "tail", "--limit", "1"), MAP)).isEqualTo(archive);
        assertThat(valueOf(launch(Map.of(), "bronze"), MAP)).isEqualTo(archive);
    }

    @Test
    void commandsThatLoadLittleOfThePipelineDoNotWriteTheArchive() throws Exception {
        for (String command : List.of("query", "tail", "broker", "--help")) {
            assertThat(launch(Map.of("ARCHIVE_MB", "60"), command)).noneMatch(LauncherClassSharingTest::namesAnArchive);
        }
        try (var archives = Files.list(project.resolve("iss-app/target/cds"))) {
            assertThat(archives).isEmpty();
        }
    }

    @Test
    void anArchiveFromARunThatEndedEarlyIsWrittenAgainByTheNextPipelineRun() throws Exception {
        String small = valueOf(launch(Map.of("ARCHIVE_MB", "6"), "bronze", "--bogus"), WRITE);

        assertThat(launch(Map.of(), "tail")).noneMatch(LauncherClassSharingTest::namesAnArchive);
        assertThat(valueOf(launch(Map.of("ARCHIVE_MB", "60"), "gold"), WRITE)).isEqualTo(small);
        assertThat(valueOf(launch(Map.of(), "tail"), MAP)).isEqualTo(small);
    }

    @Test
    void aRebuiltJarMakesTheArchiveStale() throws Exception {
        String archive = valueOf(launch(Map.of("ARCHIVE_MB", "60"), "bench"), WRITE);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(launch(Map.of(), "serve")).noneMatch(LauncherClassSharingTest::namesAnArchive);
        assertThat(valueOf(launch(Map.of("ARCHIVE_MB", "60"), "gold"), WRITE)).isEqualTo(archive);
    }

    @Test
    void theOperatorsJvmOptionsComeAfterTheArchiveSoThatTheyWin() throws Exception {
        String archive = valueOf(launch(Map.of("ARCHIVE_MB", "60"), "run"), WRITE);

        List<String> args = launch(Map.of("ISS_JAVA_OPTS", "-Xmx2g -Xshare:off"), "run");

        assertThat(args).containsSubsequence(MAP + archive, "-Xmx2g", "-Xshare:off", "-jar");
    }

    /** Runs the launcher with {@code environment}; the arguments it gave {@code java}. */
    private List<String> launch(Map<String, String> environment, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(concat(List.of("bash", project.resolve("iss").toString()), command))
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("ISS_"));
        builder.environment().put("PATH", project.resolve("bin") + ":/usr/bin:/bin");
        builder.environment().putAll(environment);
        Files.deleteIfExists(arguments);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return Files.readAllLines(arguments);
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static boolean namesAnArchive(String argument) {
        return argument.startsWith(WRITE) || argument.startsWith(MAP);
    }

    /** The value of the one argument starting with {@code option}, or null. */
    private static String valueOf(List<String> args, String option) {
        return args.stream().filter(a -> a.startsWith(option)).map(a -> a.substring(option.length())).findFirst().orElse(null);
    }
}
