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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher: which {@code java} it runs, the JVM options each command gets, and its class-data archive (which
 * run writes it, which runs map it, and when it is written again). The launcher runs in a copy of the project whose jar is up to date, with a JDK on the path (both paths have a space) whose
 * {@code java} records its arguments and, given {@code -XX:ArchiveClassesAtExit}, writes an archive of the size a
 * test asks for, with the header a JVM writes last (or, for a writer killed before that, a zeroed one).
 */
@Timeout(120)
class LauncherTest {
    private static final String WRITE = "-XX:ArchiveClassesAtExit=";
    private static final String MAP = "-XX:SharedArchiveFile=";
    private static final Map<String, String> WRITES_60_MB = Map.of("ARCHIVE_MB", "60");

    @TempDir
    Path temp;
    private Path project;
    private Path jdk;
    private Path jar;
    private Path arguments;

    @BeforeEach
    void copyTheLauncherBesideAnUpToDateJar() throws IOException {
        project = Files.createDirectories(temp.resolve("my project"));
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

        jdk = temp.resolve("the jdk");
        Files.createDirectories(jdk.resolve("lib/server"));
        Files.writeString(jdk.resolve("lib/server/classes.jsa"), "the JDK's base archive");
        Files.writeString(jdk.resolve("lib/modules"), "the JDK's modules");
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        arguments = temp.resolve("java-arguments");
        Files.writeString(java, """
                #!/bin/sh
                printf '%%s\\n' "$@" > '%s'
                for a in "$@"; do
                  case "$a" in -XX:ArchiveClassesAtExit=*)
                    f="${a#*=}"
                    if [ "${ARCHIVE_HEADER:-}" = zeroed ]; then printf '\\000\\000\\000\\000' > "$f"; else printf '\\250\\253\\013\\360' > "$f"; fi
                    dd if=/dev/null of="$f" bs=1048576 seek="$ARCHIVE_MB" 2>/dev/null ;;
                  esac
                done
                exit "${JAVA_EXIT:-0}"
                """.formatted(arguments));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theFirstPipelineRunWritesTheArchiveAndLaterCommandsMapIt() throws Exception {
        List<String> first = launch(WRITES_60_MB, "run", "--source", "simulator");
        String archive = valueOf(first, WRITE);
        assertThat(archive).startsWith(project.resolve("iss-app/target/cds").toString()).endsWith(".jsa");
        assertThat(first).contains("-Xlog:cds*=off").endsWith("-jar", jar.toString(), "run", "--source", "simulator");

        assertThat(valueOf(launch(Map.of(), "tail", "--limit", "1"), MAP)).isEqualTo(archive);
        assertThat(valueOf(launch(Map.of(), "bronze"), MAP)).isEqualTo(archive);
    }

    @Test
    void commandsThatLoadLittleOfThePipelineDoNotWriteTheArchive() throws Exception {
        for (String command : List.of("query", "tail", "broker", "--help")) {
            assertThat(launch(WRITES_60_MB, command)).noneMatch(LauncherTest::namesAnArchive);
        }
        assertThat(archives()).isEmpty();
    }

    @Test
    void anArchiveFromARunThatEndedEarlyIsWrittenAgainByTheNextPipelineRun() throws Exception {
        launch(Map.of("ARCHIVE_MB", "6"), "bronze", "--bogus");

        assertThat(launch(Map.of(), "tail")).noneMatch(LauncherTest::namesAnArchive);
        String written = valueOf(launch(WRITES_60_MB, "gold"), WRITE);
        assertThat(valueOf(launch(Map.of(), "tail"), MAP)).isEqualTo(written);
    }

    @Test
    void anArchiveWhoseWriterWasKilledBeforeItsHeaderIsNeitherMappedNorInTheWay() throws Exception {
        launch(Map.of("ARCHIVE_MB", "60", "ARCHIVE_HEADER", "zeroed"), "run");

        assertThat(launch(Map.of(), "tail")).noneMatch(LauncherTest::namesAnArchive);
        String written = valueOf(launch(WRITES_60_MB, "run"), WRITE);
        assertThat(valueOf(launch(Map.of(), "tail"), MAP)).isEqualTo(written);
    }

    @Test
    void anOlderSoundArchiveIsMappedWhenTheNewestHasNoHeader() throws Exception {
        String sound = valueOf(launch(WRITES_60_MB, "run"), WRITE);
        Path unfinished = Path.of(sound.replace(".jsa", "0.jsa"));
        Files.write(unfinished, new byte[64]);
        Files.setLastModifiedTime(unfinished, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(valueOf(launch(Map.of(), "tail"), MAP)).isEqualTo(sound);
    }

    @Test
    void anArchiveOfAnotherJarIsDeletedHoweverNewItIs() throws Exception {
        String old = valueOf(launch(WRITES_60_MB, "bench"), WRITE);
        Files.writeString(jar, "a rebuilt jar"); // the run of the old jar writes its archive after the rebuild
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(30)));

        assertThat(launch(Map.of(), "serve")).noneMatch(LauncherTest::namesAnArchive);
        assertThat(Path.of(old)).doesNotExist();
        String written = valueOf(launch(WRITES_60_MB, "gold"), WRITE);
        assertThat(written).isNotEqualTo(old);
        assertThat(valueOf(launch(Map.of(), "tail"), MAP)).isEqualTo(written);
    }

    @Test
    void operatorsWhoSayHowToShareClassesGetOnlyTheirOwnOptions() throws Exception {
        for (String options : List.of("-Xmx2g -Xshare:off", "-XX:SharedArchiveFile=/elsewhere.jsa",
                "-XX:ArchiveClassesAtExit=/elsewhere.jsa", "-XX:-UseSharedSpaces")) {
            List<String> args = launch(Map.of("ARCHIVE_MB", "60", "ISS_JAVA_OPTS", options), "run");
            assertThat(args.subList(0, args.indexOf("-jar"))).isEqualTo(List.of(options.split(" ")));
        }
        // the JVM reads these variables itself
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            assertThat(launch(Map.of("ARCHIVE_MB", "60", variable, "-Xshare:off"), "run"))
                    .noneMatch(LauncherTest::namesAnArchive);
        }
        String archive = valueOf(launch(WRITES_60_MB, "run"), WRITE);
        assertThat(launch(Map.of("ISS_JAVA_OPTS", "-Xmx2g"), "run")).containsSubsequence(MAP + archive, "-Xmx2g", "-jar");
    }

    /** Without a base archive Java 17 would not start if asked to write one; without modules the JDK is unknown. */
    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"lib/server/classes.jsa", "lib/modules"})
    void aJdkWithoutABaseArchiveOrModulesGetsNoArchiveAndStillRuns(String missing) throws Exception {
        Files.delete(jdk.resolve(missing));

        assertThat(launch(WRITES_60_MB, "run")).noneMatch(LauncherTest::namesAnArchive);
    }

    @Test
    void theCommandIsTheFirstWordAfterIssOwnOptions() throws Exception {
        List<String> bronze = launch(WRITES_60_MB, "--config", "my settings.properties", "bronze", "--until-caught-up");
        assertThat(bronze).contains("-Xmx1g", "-XX:+UseParallelGC").anyMatch(a -> a.startsWith(WRITE))
                .endsWith("-jar", jar.toString(), "--config", "my settings.properties", "bronze", "--until-caught-up");
        assertThat(launch(Map.of(), "--config=my.properties", "gold")).contains("-Xmx1g").doesNotContain("-Xmx512m");
        assertThat(launch(Map.of(), "--config", "my.properties", "serve")).contains("-Xmx512m").doesNotContain("-Xmx1g");
    }

    @Test
    void javaHomeNamesTheJdkThatRuns() throws Exception {
        // the real java on /usr/bin would fail on the stub jar: the recorded arguments show the stub ran
        List<String> args = launch(Map.of("JAVA_HOME", jdk.toString(), "PATH", "/usr/bin:/bin"), "tail");
        assertThat(args).endsWith("-jar", jar.toString(), "tail");
    }

    @Test
    void aJavaHomeWithoutJavaIsNamedWithWhatToDo() throws Exception {
        Process process = run(Map.of("JAVA_HOME", temp.resolve("no jdk here").toString()), "tail");
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(Files.readString(temp.resolve("launcher-output")))
                .contains("JAVA_HOME is " + temp.resolve("no jdk here"), "point it at a JDK 17 or later, or unset it");
    }

    @Test
    void noJavaAtAllIsNamedWithWhatToDo() throws Exception {
        // a PATH with what the launcher needs before it looks for java, and no java
        Path bin = Files.createDirectories(temp.resolve("bin without java"));
        Files.createSymbolicLink(bin.resolve("dirname"), Path.of("/usr/bin/dirname"));
        Process process = run(Map.of("PATH", bin.toString()), "tail");
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(Files.readString(temp.resolve("launcher-output")))
                .contains("iss: no java on the PATH; install a JDK 17 or later, or set JAVA_HOME to one");
    }

    @ParameterizedTest(name = "Java {0}")
    @ValueSource(strings = {"1.8.0_392", "11.0.21", "16"})
    void aJdkBefore17IsNamedWithWhatToDoBeforeItRuns(String version) throws Exception {
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"Someone\"\nJAVA_VERSION=\"" + version + "\"\n");

        Process process = run(Map.of(), "tail");

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(Files.readString(temp.resolve("launcher-output"))).contains("iss: " + jdk.resolve("bin/java")
                + " is Java " + version + ", and iss needs a JDK 17 or later: install one, or set JAVA_HOME to one");
        assertThat(arguments).as("java never ran").doesNotExist();
    }

    @ParameterizedTest(name = "Java {0}")
    @ValueSource(strings = {"17.0.15", "21", "25.0.1"})
    void aJdk17OrLaterRuns(String version) throws Exception {
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");

        assertThat(launch(Map.of(), "tail")).endsWith("-jar", jar.toString(), "tail");
    }

    @Test
    void javasExitStatusIsTheLaunchers() throws Exception {
        assertThat(run(Map.of("JAVA_EXIT", "3"), "query", "max-altitude").exitValue()).isEqualTo(3);
    }

    /** Runs the launcher with {@code environment}, expecting success and no word from it; the arguments it gave {@code java}. */
    private List<String> launch(Map<String, String> environment, String... command) throws Exception {
        Process process = run(environment, command);
        String output = Files.readString(temp.resolve("launcher-output"));
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as("the launcher's own output").isEmpty();
        return Files.readAllLines(arguments);
    }

    private Process run(Map<String, String> environment, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("bash", project.resolve("iss").toString()));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(temp.resolve("launcher-output").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("ISS_") || key.equals("JAVA_HOME"));
        builder.environment().put("PATH", jdk.resolve("bin") + ":/usr/bin:/bin");
        builder.environment().putAll(environment);
        Files.deleteIfExists(arguments);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        return process;
    }

    private List<Path> archives() throws IOException {
        try (var files = Files.list(project.resolve("iss-app/target/cds"))) {
            return files.toList();
        }
    }

    private static boolean namesAnArchive(String argument) {
        return argument.startsWith(WRITE) || argument.startsWith(MAP);
    }

    /** The value of the one argument starting with {@code option}, or null. */
    private static String valueOf(List<String> args, String option) {
        return args.stream().filter(a -> a.startsWith(option)).map(a -> a.substring(option.length())).findFirst().orElse(null);
    }
}
