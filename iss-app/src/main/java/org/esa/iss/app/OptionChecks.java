package org.esa.iss.app;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.esa.iss.adapter.http.TwoLineElements;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Range checks of option values, made by a command before it starts any work. A value out of range is a usage
 * error (exit 2) worded like picocli's own conversion errors, so the user reads which option to change; the
 * domain's own checks stay as the safety net for code that embeds it, but speak of fields, not options.
 */
final class OptionChecks {

    private OptionChecks() {
    }

    static void atLeast(CommandSpec spec, String option, long value, long min) {
        if (value < min) {
            throw invalid(spec, option, "must be at least " + min, value);
        }
    }

    static void atLeast(CommandSpec spec, String option, Duration value, Duration min) {
        atLeast(spec, option, value, min, "");
    }

    /** As {@link #atLeast(CommandSpec, String, Duration, Duration)}, saying after the value why the bound is there. */
    static void atLeast(CommandSpec spec, String option, Duration value, Duration min, String why) {
        if (value.compareTo(min) < 0) {
            String rule = min.isZero() ? "cannot be negative" : "must be at least " + DurationConverter.format(min);
            throw rejected(spec, option, rule + ", got " + DurationConverter.format(value) + why, DurationConverter.format(value));
        }
    }

    /**
     * Reads an element-set file (the simulator reads it again when it starts): a missing or garbled one is refused. A
     * check made by the command, not a converter, so that {@code --help} and a command that does not simulate do not
     * depend on the file.
     */
    static void elementSet(CommandSpec spec, String option, Path file) {
        if (file == null) {
            return;
        }
        try {
            TwoLineElements.load(file);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw rejected(spec, option, FailureText.of(e), file);
        }
    }

    static void port(CommandSpec spec, String option, int value) {
        if (value < 0 || value > 65_535) {
            throw invalid(spec, option, "must be a TCP port from 0 (any free one) to 65535", value);
        }
    }

    static void fraction(CommandSpec spec, String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw invalid(spec, option, "must be a share between 0 and 1", value);
        }
    }

    static ParameterException invalid(CommandSpec spec, String option, String rule, Object value) {
        return rejected(spec, option, rule + ", got " + value, value);
    }

    /** A value refused for a reason that names the value itself, so no ", got …" follows it. */
    static ParameterException rejected(CommandSpec spec, String option, String reason, Object value) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + reason,
                spec.findOption(option), String.valueOf(value));
    }
}
