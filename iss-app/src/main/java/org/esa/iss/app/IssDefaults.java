package org.esa.iss.app;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where an option not given on the command line gets its value: first the environment variable
 * {@code ISS_<OPTION>} (for {@code --max-rows}: {@code ISS_MAX_ROWS}), then the properties file named by
 * {@code --config} or {@code ISS_CONFIG} (key {@code max-rows}), then the option's documented default. A variable or
 * key with an empty (or blank) value counts as not set.
 *
 * <p>A plain key serves every command that has the option. Some names mean different things in different
 * commands ({@code --port} is Kafka's for {@code broker} and HTTP's for {@code simulator}; {@code --json} a flag
 * for {@code query} and a file for {@code bench}), so a key may also name its command: {@code simulator.port}
 * in the file, {@code ISS_SIMULATOR_PORT} in the environment. Within each source the command's own key wins.
 */
final class IssDefaults implements CommandLine.IDefaultValueProvider {
    /** Variables read by the launcher script, by {@link IssCommand} itself and by the logging set-up, not by an option. */
    private static final Set<String> LAUNCHER_VARIABLES =
            Set.of("ISS_CONFIG", "ISS_DEBUG", "ISS_JAVA_OPTS", "ISS_LOG_LEVEL");
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private final Map<String, String> environment;
    private final Properties file;
    /** How the user would recognise the file in a message: its path and what named it. */
    private final String fileDescription;

    IssDefaults(Map<String, String> environment, Properties file) {
        this(environment, file, "the --config file");
    }

    private IssDefaults(Map<String, String> environment, Properties file, String fileDescription) {
        this.environment = environment;
        this.file = file;
        this.fileDescription = fileDescription;
    }

    /**
     * Reads the properties file named by {@code --config FILE} / {@code --config=FILE} or {@code ISS_CONFIG}.
     *
     * @throws CommandLine.ParameterException if the file cannot be read, naming it and where it was named
     */
    static IssDefaults from(String[] args, Map<String, String> environment) {
        String config = isSet(environment.get("ISS_CONFIG")) ? environment.get("ISS_CONFIG") : null;
        String namedBy = "ISS_CONFIG";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                config = args[i + 1];
                namedBy = "--config";
            } else if (args[i].startsWith("--config=")) {
                config = args[i].substring("--config=".length());
                namedBy = "--config";
            }
        }
        if (config == null) {
            return new IssDefaults(environment, new Properties(), "the config file");
        }
        return new IssDefaults(environment, readConfig(config, namedBy), "the config file " + config + " (named by " + namedBy + ")");
    }

    private static Properties readConfig(String config, String namedBy) {
        return PropertiesFiles.read(Path.of(config), reason -> new CommandLine.ParameterException(new CommandLine(new IssCommand()),
                namedBy + " names a properties file that cannot be read: " + config + " (" + reason + ")"));
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        for (String name : keys(option)) {
            String fromEnvironment = environment.get(variable(name));
            if (isSet(fromEnvironment)) {
                return fromEnvironment;
            }
        }
        for (String name : keys(option)) {
            String fromFile = file.getProperty(name);
            if (isSet(fromFile)) {
                return fromFile;
            }
        }
        return null;
    }

    /**
     * An empty value ({@code ISS_DATA_DIR=}, {@code data-dir=}) is no value: taken as one it would put the data in the
     * working directory, or take an empty {@code ISS_BOOTSTRAP_SERVERS} for an external cluster named by nothing.
     */
    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * Where a rejected option value came from when it was not typed on the command line: "the environment
     * variable ISS_…" or "the config file FILE (named by …)", else null. Without it, a user who never typed the
     * option cannot tell what to fix.
     */
    String originOf(ArgSpec argSpec, String[] args) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        for (String arg : args) {
            for (String optionName : option.names()) {
                if (arg.equals(optionName) || arg.startsWith(optionName + "=")) {
                    return null;
                }
            }
        }
        for (String name : keys(option)) {
            if (isSet(environment.get(variable(name)))) {
                return "the environment variable " + variable(name);
            }
        }
        for (String name : keys(option)) {
            if (isSet(file.getProperty(name))) {
                return fileDescription + ", key " + name;
            }
        }
        return null;
    }

    /**
     * Fails unless every key of the config file is an option of some command: a mistyped key would otherwise be
     * ignored without a word. One file may serve several commands, so a key another command takes is fine.
     *
     * @throws CommandLine.ParameterException naming the keys no command takes
     */
    void requireKnownKeys(CommandLine root) {
        Set<String> known = optionKeys(root);
        List<String> unknown = file.stringPropertyNames().stream().filter(key -> !known.contains(key)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new CommandLine.ParameterException(root, fileDescription + " has " + (unknown.size() == 1 ? "a key" : "keys")
                    + " that no command takes: " + String.join(", ", unknown) + "; a key is an option's name without"
                    + " its dashes, such as max-rows, or bronze.max-rows for one command (`iss <command> --help` lists them)");
        }
    }

    /**
     * {@code ISS_…} variables that match no option of any command, nor the launcher's own ({@code ISS_CONFIG},
     * {@code ISS_DEBUG}, {@code ISS_JAVA_OPTS}, {@code ISS_LOG_LEVEL}): most likely mistyped. Warned about rather than
     * refused, since the environment is shared with whatever else runs there.
     */
    List<String> unknownVariables(CommandLine root) {
        Set<String> known = new HashSet<>(LAUNCHER_VARIABLES);
        optionKeys(root).forEach(key -> known.add(variable(key)));
        return environment.keySet().stream().filter(name -> name.startsWith("ISS_") && !known.contains(name)).sorted().toList();
    }

    /** Every config-file key of every option of {@code root} and its subcommands, plain and command-scoped. */
    static Set<String> optionKeys(CommandLine root) {
        Set<String> keys = new HashSet<>();
        collectKeys(root, keys);
        return keys;
    }

    private static void collectKeys(CommandLine command, Set<String> keys) {
        for (OptionSpec option : command.getCommandSpec().options()) {
            keys.addAll(keys(option));
        }
        command.getSubcommands().values().forEach(sub -> collectKeys(sub, keys));
    }

    /**
     * The option's names in the config file, the one that wins first: {@code bronze.max-rows}, then
     * {@code max-rows}. Options of {@code iss} itself have only the plain name.
     */
    private static List<String> keys(OptionSpec option) {
        String plain = option.longestName().replaceFirst("^-+", "");
        String command = topLevelCommand(option.command());
        // --config is read before any command is known (ISS_CONFIG alone names it), and --help and --version
        // mean the same everywhere: none of them has a command's own key
        boolean sameForEveryCommand = option.usageHelp() || option.versionHelp() || plain.equals("config");
        return command == null || sameForEveryCommand ? List.of(plain) : List.of(command + "." + plain, plain);
    }

    /** The name of the {@code iss} subcommand that {@code spec} is or belongs to ({@code query windows} → query). */
    private static String topLevelCommand(CommandLine.Model.CommandSpec spec) {
        if (spec == null || spec.parent() == null) {
            return null;
        }
        while (spec.parent().parent() != null) {
            spec = spec.parent();
        }
        return spec.name();
    }

    /**
     * What is wrong with {@code ISS_LOG_LEVEL}, if anything: logback takes a value that names no level for DEBUG,
     * which floods the log of someone who meant {@code WARNING}.
     */
    Optional<String> logLevelProblem() {
        String level = environment.get("ISS_LOG_LEVEL");
        if (level == null || LOG_LEVELS.contains(level.trim().toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of("ISS_LOG_LEVEL=" + level + " names no level (TRACE, DEBUG, INFO, WARN, ERROR or OFF); logging at"
                + " DEBUG");
    }

    /** The variable for a key: {@code max-rows} → {@code ISS_MAX_ROWS}, {@code bronze.max-rows} → {@code ISS_BRONZE_MAX_ROWS}. */
    static String variable(String key) {
        return "ISS_" + key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}
