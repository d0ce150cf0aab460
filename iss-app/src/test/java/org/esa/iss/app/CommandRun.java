package org.esa.iss.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** An {@code iss} command line run in-process, configured as {@code main} configures it, and what it wrote on stderr. */
record CommandRun(int status, String err) {

    static CommandRun of(Map<String, String> environment, String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = IssCommand.create(args, environment);
        commandLine.setErr(new PrintWriter(err));
        int status = commandLine.execute(args);
        return new CommandRun(status, err.toString());
    }
}
