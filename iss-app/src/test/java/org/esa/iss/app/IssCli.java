package org.esa.iss.app;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code iss} subcommands as separate processes, as an operator would, so that they can be killed
 * for real. Each stage appends its output to {@code <name>.out} and {@code <name>.err} in the log directory.
 */
public final class IssCli {
    /**
     * A member killed with SIGKILL never leaves its consumer group: a new member would wait until the
     * coordinator gives up on the dead one (the session timeout). A static member id lets the restarted
     * ingester take the dead one's place at once, as a supervisor restarting "bronze-1" would.
     */
    public static final List<String> FAST_GROUP_RECOVERY = List.of("--kafka-property", "group.instance.id=bronze-1",
            "--kafka-property", "session.timeout.ms=6000", "--kafka-property", "heartbeat.interval.ms=1000");

    private final Path logDir;

    public IssCli(Path logDir) {
        this.logDir = logDir;
    }

    public Process start(String name, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), IssCommand.class.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(name + ".out").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(logDir.resolve(name + ".err").toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("ISS_"));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start iss " + arguments, e);
        }
    }

    /** Runs to the end; the exit status. Fails the test if it does not end within {@code timeout}. */
    public int run(String name, List<String> arguments, Duration timeout) throws InterruptedException {
        return awaitExit(start(name, arguments), name, timeout);
    }

    /**
     * The exit status of {@code process}, started as {@code name}, once it ends. Fails the test, killing the process
     * and showing its stderr, if it does not end within {@code timeout}.
     */
    public int awaitExit(Process process, String name, Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("iss " + name + " did not end within " + timeout + "; stderr:\n" + tail(name + ".err"));
        }
        return process.exitValue();
    }

    /** Sends SIGTERM (as Ctrl-C or a supervisor would) and returns the exit status, as {@link #awaitExit}. */
    public int stop(Process process, String name, Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(process, name, timeout);
    }

    /** The last lines of one of the log files. */
    public String tail(String file) {
        try {
            Path path = logDir.resolve(file);
            if (!Files.exists(path)) {
                return "";
            }
            List<String> lines = Files.readAllLines(path);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    public static void kill(Process process) throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no flush, no close
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("process " + process.pid() + " survived SIGKILL");
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
    }
}
