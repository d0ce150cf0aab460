package org.esa.iss.app;

import java.io.PrintWriter;
import java.util.Map;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code iss} command line: one subcommand per pipeline stage, plus tooling. */
@Command(name = "iss", mixinStandardHelpOptions = true, version = "iss 0.1.0",
        description = {"ISS telemetry lakehouse: ground control -> Kafka -> Delta bronze -> gold.",
                "Options also come from ISS_<OPTION> environment variables and a --config properties file (key <option>);",
                "ISS_<COMMAND>_<OPTION> and <command>.<option> set one command's only."},
        subcommands = {
            RunCommand.class,
            CommandLine.HelpCommand.class,
            // stages, each runnable as its own process against a Kafka cluster
            BrokerCommand.class, SimulatorCommand.class, PollCommand.class, BronzeCommand.class, GoldCommand.class, ServeCommand.class,
            // tooling
            ReplayCommand.class, TailCommand.class, QueryCommand.class, CompactCommand.class, VacuumCommand.class, BenchCommand.class
        })
public final class IssCommand implements Runnable {

    @CommandLine.Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "Properties file with option defaults (keys are option names without the leading dashes, e.g. max-rows=100000).")
    String config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
        System.exit(execute(args, System.getenv()));
    }

    /**
     * Runs a command line and returns its exit status: 0 ok, 1 failure, 2 usage error (including an unreadable
     * {@code --config} file), 3 {@code query max-altitude} on a gold table without windows yet.
     */
    static int execute(String[] args, Map<String, String> environment) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        CommandLine commandLine;
        try {
            commandLine = create(args, environment);
        } catch (CommandLine.ParameterException e) {
            System.err.println("iss: " + e.getMessage());
            return 2;
        }
        try {
            return commandLine.execute(args);
        } catch (Error fatal) { // picocli hands only exceptions to the handler below
            System.err.println("iss: " + FailureText.ofFatal(fatal));
            if (debugging(environment)) {
                fatal.printStackTrace();
            }
            Shutdown.failed();
            return 1;
        }
    }

    /** The configured command line: defaults from environment and config file, grouped help, readable errors. */
    static CommandLine create(String[] args, Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new IssCommand());
        IssDefaults defaults = IssDefaults.from(args, environment);
        commandLine.setDefaultValueProvider(defaults);
        GroupedCommandList.install(commandLine);
        defaults.requireKnownKeys(commandLine);
        for (String variable : defaults.unknownVariables(commandLine)) {
            System.err.println("iss: ignoring " + variable + ", which matches no option of any command (ISS_<OPTION>,"
                    + " such as ISS_MAX_ROWS for --max-rows, or ISS_<COMMAND>_<OPTION>, such as ISS_BRONZE_MAX_ROWS)");
        }
        defaults.logLevelProblem().ifPresent(problem -> System.err.println("iss: " + problem));
        // Arguments come from the command line, ISS_* variables and --config only: with @file expansion an
        // option read from a file would look untyped, and its error would blame the environment.
        commandLine.setExpandAtFiles(false);
        // The error, where its value came from, and a pointer to the options, not the whole usage text after it.
        commandLine.setParameterExceptionHandler((error, arguments) -> {
            String origin = defaults.originOf(error.getArgSpec(), arguments);
            CommandLine failing = error.getCommandLine();
            PrintWriter err = failing.getErr();
            err.println(failing.getColorScheme().errorText(failing.getCommandSpec().qualifiedName() + ": " + error.getMessage()
                    + (origin == null ? "" : " (set by " + origin + ")")));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(error, err)) {
                err.println("Run '" + failing.getCommandSpec().qualifiedName() + " --help' for its options.");
            }
            err.flush();
            Shutdown.failed(); // a check inside a command may come after its hook was registered
            return failing.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            Throwable cause = error;
            cmd.getErr().println(cmd.getColorScheme().errorText(cmd.getCommandSpec().qualifiedName() + ": "
                    + FailureText.of(cause)));
            if (debugging(environment)) {
                cause.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(set ISS_DEBUG=1 for the stack trace)");
            }
            cmd.getErr().flush();
            Shutdown.failed(); // last: a signal's hook, once released, ends the process
            return 1;
        });
        return commandLine;
    }

    /** ISS_DEBUG turns stack traces on unless it is empty, 0 or false, as a user who sets it to 0 means. */
    private static boolean debugging(Map<String, String> environment) {
        String value = environment.getOrDefault("ISS_DEBUG", "").strip();
        return !value.isEmpty() && !value.equals("0") && !value.equalsIgnoreCase("false");
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
