package org.esa.iss.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/** Renders {@code iss --help}'s command list in groups: the one-command run, the stages, the tooling. */
final class GroupedCommandList implements CommandLine.IHelpSectionRenderer {
    static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("Everything in one process", List.of("run"));
        GROUPS.put("Stages (each its own process against a Kafka cluster)",
                List.of("broker", "simulator", "poll", "bronze", "gold", "serve"));
        GROUPS.put("Tooling", List.of("replay", "tail", "query", "compact", "vacuum", "bench", "help"));
    }

    /** Installs the renderer on a command line. */
    static void install(CommandLine commandLine) {
        commandLine.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new GroupedCommandList());
    }

    @Override
    public String render(Help help) {
        Map<String, Help> subcommands = help.subcommands();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
            out.append(String.format("%n%s:%n", group.getKey()));
            for (String name : group.getValue()) {
                Help sub = subcommands.get(name);
                if (sub != null) {
                    out.append(String.format("  %-10s %s%n", name, summary(sub.commandSpec())));
                }
            }
        }
        for (String name : subcommands.keySet()) {
            if (GROUPS.values().stream().noneMatch(names -> names.contains(name))) {
                out.append(String.format("  %-10s %s%n", name, summary(subcommands.get(name).commandSpec())));
            }
        }
        return out.toString();
    }

    /**
     * One line per command: its header if it has one (picocli's own help command does), else the first sentence
     * of its description, whose line-break markers ({@code %n}) are format syntax, not text.
     */
    static String summary(CommandLine.Model.CommandSpec command) {
        String[] header = command.usageMessage().header();
        String text = header.length > 0 ? String.join(" ", header) : String.join(" ", command.usageMessage().description());
        text = text.replace("%n", " ").trim().replaceAll("\\s+", " ");
        int sentenceEnd = text.indexOf(". ");
        return sentenceEnd < 0 ? text : text.substring(0, sentenceEnd + 1);
    }
}
