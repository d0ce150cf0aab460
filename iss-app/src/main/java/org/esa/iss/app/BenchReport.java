package org.esa.iss.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.esa.iss.app.BenchPhase.Metric;

/**
 * The results of {@code iss bench}: every run's phases, and per phase the median of each value over the
 * runs. Warm-up runs are kept apart and left out of the medians; the table shows the first one's rates (what
 * a cold JVM achieves), the JSON every warm-up in full. Rendered as a table for people and as JSON for tools.
 */
final class BenchReport {
    /** What one phase of one run measured, and what it cost. */
    record PhaseResult(String phase, List<Metric> metrics, PhaseMeter.Usage usage) {
    }

    private final Map<String, Object> settings;
    private final List<List<PhaseResult>> warmups = new ArrayList<>();
    private final List<List<PhaseResult>> runs = new ArrayList<>();
    private double processPeakRssMib = -1;

    /** @param settings what was asked for (records, partitions, ...), in the order they are shown */
    BenchReport(Map<String, Object> settings) {
        this.settings = new LinkedHashMap<>(settings);
    }

    void addWarmup(List<PhaseResult> run) {
        warmups.add(List.copyOf(run));
    }

    void addRun(List<PhaseResult> run) {
        runs.add(List.copyOf(run));
    }

    void processPeakRssMib(double mib) {
        processPeakRssMib = mib;
    }

    /** Per phase, each value's median over the runs (the runs measure the same phases in the same order). */
    List<PhaseResult> medians() {
        List<PhaseResult> medians = new ArrayList<>();
        if (runs.isEmpty()) {
            return medians;
        }
        List<PhaseResult> first = runs.get(0);
        for (int p = 0; p < first.size(); p++) {
            int phase = p;
            List<Metric> metrics = new ArrayList<>();
            for (int m = 0; m < first.get(p).metrics().size(); m++) {
                int metric = m;
                Metric shape = first.get(p).metrics().get(m);
                metrics.add(new Metric(shape.label(), median(r -> r.get(phase).metrics().get(metric).value()), shape.unit()));
            }
            PhaseMeter.Usage usage = new PhaseMeter.Usage(median(r -> r.get(phase).usage().wallSeconds()),
                    median(r -> r.get(phase).usage().cpuSeconds()), median(r -> r.get(phase).usage().peakRssMib()));
            medians.add(new PhaseResult(first.get(p).phase(), metrics, usage));
        }
        return medians;
    }

    private double median(ToDoubleFunction<List<PhaseResult>> value) {
        double[] values = runs.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append("iss bench: ");
        settings.forEach((key, value) -> out.append(key).append('=').append(value).append("  "));
        out.append(String.format(Locale.ROOT, "%n%s%n", runs.size() > 1 ? "values are medians of " + runs.size() + " runs" : "one run"));
        if (!warmups.isEmpty()) {
            String coldRates = rates(warmups.get(0));
            out.append(String.format(Locale.ROOT, "after %d warm-up run%s of the backlog phases, not in the values%s%n",
                    warmups.size(), warmups.size() == 1 ? "" : "s", coldRates.isEmpty() ? "" : "; the first, in a cold JVM:" + coldRates));
        }
        out.append(String.format(Locale.ROOT, "%n%-8s %-24s %16s %s%n", "phase", "metric", "value", "unit"));
        List<PhaseResult> medians = medians();
        for (PhaseResult phase : medians) {
            String name = phase.phase();
            for (Metric metric : phase.metrics()) {
                out.append(String.format(Locale.ROOT, "%-8s %-24s %16s %s%n", name, metric.label(), format(metric), metric.unit()));
                name = "";
            }
        }
        out.append(String.format(Locale.ROOT, "%n%-8s %9s %9s %7s %14s%n", "phase", "wall s", "CPU s", "cores", "peak RSS MiB"));
        for (PhaseResult phase : medians) {
            PhaseMeter.Usage u = phase.usage();
            out.append(String.format(Locale.ROOT, "%-8s %9.2f %9.2f %7.2f %,14.0f%n", phase.phase(), u.wallSeconds(),
                    u.cpuSeconds(), u.cores(), u.peakRssMib()));
        }
        if (processPeakRssMib >= 0) {
            out.append(String.format(Locale.ROOT, "process peak RSS (VmHWM): %,.0f MiB%n", processPeakRssMib));
        }
        return out.toString();
    }

    /** The run's throughputs, e.g. " publish 224,864 msgs/s, bronze 178,727 rows/s". */
    private static String rates(List<PhaseResult> run) {
        StringBuilder out = new StringBuilder();
        String separator = " ";
        for (PhaseResult phase : run) {
            for (Metric metric : phase.metrics()) {
                if (metric.label().equals("rate")) {
                    out.append(separator).append(phase.phase()).append(' ').append(format(metric)).append(' ').append(metric.unit());
                    separator = ", ";
                }
            }
        }
        return out.toString();
    }

    private static String format(Metric metric) {
        double v = metric.value();
        if (Double.isNaN(v)) {
            return "-";
        }
        if (metric.unit().equals("ms") || (Math.abs(v) < 100 && v != Math.rint(v))) {
            return String.format(Locale.ROOT, "%,.1f", v);
        }
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    String json() {
        StringBuilder out = new StringBuilder("{\n  \"settings\": {");
        String separator = "";
        for (Map.Entry<String, Object> setting : settings.entrySet()) {
            out.append(separator).append(quote(setting.getKey())).append(": ");
            Object value = setting.getValue();
            out.append(value instanceof Number ? value.toString() : quote(String.valueOf(value)));
            separator = ", ";
        }
        out.append("},\n  \"process_peak_rss_mib\": ").append(number(processPeakRssMib));
        out.append(",\n  \"median\": ").append(phases(medians(), "  "));
        out.append(",\n  \"warmup_runs\": ").append(runsJson(warmups));
        out.append(",\n  \"runs\": ").append(runsJson(runs));
        return out.append("\n}\n").toString();
    }

    private static String runsJson(List<List<PhaseResult>> runs) {
        StringBuilder out = new StringBuilder("[");
        String separator = "\n    ";
        for (List<PhaseResult> run : runs) {
            out.append(separator).append(phases(run, "    "));
            separator = ",\n    ";
        }
        return out.append(runs.isEmpty() ? "]" : "\n  ]").toString();
    }

    private static String phases(List<PhaseResult> phases, String indent) {
        StringBuilder out = new StringBuilder("{");
        String separator = "\n";
        for (PhaseResult phase : phases) {
            PhaseMeter.Usage u = phase.usage();
            out.append(separator).append(indent).append("  ").append(quote(phase.phase())).append(": {")
                    .append("\"wall_s\": ").append(number(u.wallSeconds()))
                    .append(", \"cpu_s\": ").append(number(u.cpuSeconds()))
                    .append(", \"peak_rss_mib\": ").append(number(u.peakRssMib()));
            for (Metric metric : phase.metrics()) {
                out.append(", ").append(quote(metric.key())).append(": ").append(number(metric.value()));
            }
            out.append('}');
            separator = ",\n";
        }
        return out.append('\n').append(indent).append('}').toString();
    }

    private static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

}
