package org.esa.iss.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.esa.iss.adapter.http.InstantText;
import org.esa.iss.adapter.http.QueryApiJson;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.PeakAltitude;
import org.esa.iss.ports.in.QueryAltitudes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code iss query}: read gold from the command line. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Query gold: the highest altitude, altitude windows, orbits. Tables by default, --json for scripts.",
        subcommands = {QueryCommand.MaxAltitude.class, QueryCommand.Windows.class, QueryCommand.Orbits.class})
final class QueryCommand {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", scope = ScopeType.INHERIT,
            description = "Root of the tables (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print JSON instead of a table: the body the query API serves for the same question.")
    boolean json;

    QueryAltitudes queries() {
        return Stages.queries(layout());
    }

    /**
     * On stderr, when a question finds nothing: the table read, or that there is none there, since an empty gold
     * and a wrong --data-dir give the same empty answer.
     */
    void sayNothingFound(CommandSpec spec, String table, String nothing) {
        Path dir = Path.of(table).toAbsolutePath();
        spec.commandLine().getErr().println(DataLayout.holdsTable(dir)
                ? nothing + " in " + dir
                : "no gold table at " + dir + ": `iss gold` (or `iss run`) writes it; or check --data-dir");
    }

    DataLayout layout() {
        return new DataLayout(dataDir);
    }

    @Command(name = "max-altitude", mixinStandardHelpOptions = true, description = "The highest altitude ever recorded, and when.")
    static final class MaxAltitude implements Callable<Integer> {
        @ParentCommand
        QueryCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Optional<PeakAltitude> peak = parent.queries().highestAltitude();
            if (peak.isEmpty()) {
                parent.sayNothingFound(spec, parent.layout().windows(), "no windows yet");
                return 3;
            }
            PeakAltitude p = peak.get();
            spec.commandLine().getOut().println(parent.json ? QueryApiJson.peak(p)
                    : String.format(Locale.ROOT, "highest altitude: %.3f km at %s (satellite %d)", p.altitudeKm(), p.at(), p.satelliteId()));
            return 0;
        }
    }

    @Command(name = "windows", mixinStandardHelpOptions = true, description = "Altitude windows, newest first.")
    static final class Windows implements Callable<Integer> {
        @ParentCommand
        QueryCommand parent;

        @Option(names = "--from", paramLabel = "INSTANT", converter = InstantOption.class,
                description = "Earliest window start, ISO-8601 or unix seconds, as the API takes it (default: the epoch).")
        Instant from = Instant.EPOCH;

        @Option(names = "--to", paramLabel = "INSTANT", converter = InstantOption.class,
                description = "Latest window start, exclusive, ISO-8601 or unix seconds (default: now + 1 day).")
        Instant to = Instant.now().plus(Duration.ofDays(1));

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            OptionChecks.atLeast(spec, "--limit", limit, 1);
            if (!from.isBefore(to)) {
                throw OptionChecks.invalid(spec, "--from", "must be before --to (" + to + ")", from);
            }
            List<AltitudeWindow> windows = parent.queries().windows(from, to, limit);
            if (windows.isEmpty()) {
                parent.sayNothingFound(spec, parent.layout().windows(), "no windows from " + from + " to " + to);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (parent.json) {
                out.println(QueryApiJson.windows(windows));
            } else {
                out.printf("%-22s %-22s %12s %12s %7s%n", "start", "end", "max km", "min km", "samples");
                for (AltitudeWindow w : windows) {
                    out.printf(Locale.ROOT, "%-22s %-22s %12.3f %12.3f %7d%n", w.start(), w.end(), w.maxAltitudeKm(), w.minAltitudeKm(), w.samples());
                }
            }
            return 0;
        }
    }

    @Command(name = "orbits", mixinStandardHelpOptions = true, description = "Completed orbits with apogee and perigee, newest first.")
    static final class Orbits implements Callable<Integer> {
        @ParentCommand
        QueryCommand parent;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            OptionChecks.atLeast(spec, "--limit", limit, 1);
            List<Orbit> orbits = parent.queries().orbits(limit);
            if (orbits.isEmpty()) {
                parent.sayNothingFound(spec, parent.layout().orbits(), "no completed orbits yet");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (parent.json) {
                out.println(QueryApiJson.orbits(orbits));
            } else {
                out.printf("%-22s %10s %11s %11s %8s %5s %8s%n", "start", "period s", "apogee km", "perigee km", "samples", "gaps", "coverage");
                for (Orbit o : orbits) {
                    out.printf(Locale.ROOT, "%-22s %10.1f %11.3f %11.3f %8d %5d %8.3f%n", o.start(), o.period().toMillis() / 1000.0,
                            o.apogee().altitudeKm(), o.perigee().altitudeKm(), o.samples(), o.gaps(), o.coverage());
                }
            }
            return 0;
        }
    }

    /** The instants the query API takes ({@link InstantText}), so that a question asked of both reads the same. */
    static final class InstantOption implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return InstantText.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "expected " + InstantText.EXPECTED + ", got '" + value + "'"));
        }
    }
}
