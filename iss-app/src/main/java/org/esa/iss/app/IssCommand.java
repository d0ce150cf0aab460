package org.esa.iss.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code iss} command line: one subcommand per pipeline stage, plus tooling. */
@Command(name = "iss", mixinStandardHelpOptions = true, version = "iss 0.1.0",
        description = "ISS telemetry lakehouse: ground control -> Kafka -> Delta bronze -> gold.",
        subcommands = {CommandLine.HelpCommand.class})
public final class IssCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IssCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
