package de.lokalebuendnisse.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's report: one section per metric with its figures (each the median of the rounds where there are
 * rounds), the raw baseline and the ratio where there is one, the goal and whether it was met; the run's context
 * (machine, commit, date, scale, seed). Written as Markdown for people and as JSON with every raw figure.
 */
public final class Report {

    /** One figure of a metric. {@code met} is null where the figure has no goal of its own. */
    public record Figure(String name, double value, String unit, String goal, Boolean met) {
    }

    /** One metric: the row, its figures, notes (how it was measured, what differs from the goal's setting). */
    public static final class Metric {
        final String key;
        final String title;
        final List<Figure> figures = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Map<String, Object> raw = new LinkedHashMap<>();

        Metric(String key, String title) {
            this.key = key;
            this.title = title;
        }

        public Metric figure(String name, double value, String unit, String goal, Boolean met) {
            figures.add(new Figure(name, value, unit, goal, met));
            return this;
        }

        public Metric figure(String name, double value, String unit) {
            return figure(name, value, unit, "", null);
        }

        public Metric note(String note) {
            notes.add(note);
            return this;
        }

        public Metric raw(String name, Object value) {
            raw.put(name, value);
            return this;
        }

        /** Whether a figure of this metric missed its goal. */
        public boolean missed() {
            return figures.stream().anyMatch(f -> Boolean.FALSE.equals(f.met()));
        }
    }

    private final Map<String, Object> context = new LinkedHashMap<>();
    private final List<Metric> metrics = new ArrayList<>();

    public Report context(String name, Object value) {
        context.put(name, value);
        return this;
    }

    /** The metric named {@code key}, made on first use; metrics keep the order of first use. */
    public Metric metric(String key, String title) {
        for (Metric metric : metrics) {
            if (metric.key.equals(key)) {
                return metric;
            }
        }
        Metric metric = new Metric(key, title);
        metrics.add(metric);
        return metric;
    }

    public List<String> keys() {
        return metrics.stream().map(m -> m.key).toList();
    }

    public void write(Path markdown, Path json) throws IOException {
        Files.createDirectories(markdown.toAbsolutePath().getParent());
        Files.writeString(markdown, markdown(), StandardCharsets.UTF_8);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("context", context);
        Map<String, Object> byKey = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("title", metric.title);
            m.put("figures", metric.figures);
            m.put("notes", metric.notes);
            m.put("raw", metric.raw);
            byKey.put(metric.key, m);
        }
        all.put("metrics", byKey);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), all);
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Benchmarks\n\n");
        md.append("Written by `./bench.sh` (module `benchmarks`, `de.lokalebuendnisse.benchmarks.Benchmark`); every figure"
                + " below was measured in the run described here, none is typed in. Raw figures: `benchmarks.json`.\n\n");
        md.append("| run | |\n| --- | --- |\n");
        context.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append('\n');
        for (Metric metric : metrics) {
            md.append("## ").append(metric.title).append("\n\n");
            md.append("| figure | measured | goal | met |\n| --- | ---: | --- | :-: |\n");
            for (Figure f : metric.figures) {
                md.append("| ").append(f.name()).append(" | ").append(format(f.value())).append(' ').append(f.unit())
                        .append(" | ").append(f.goal()).append(" | ")
                        .append(f.met() == null ? "" : f.met() ? "met" : "**not met**").append(" |\n");
            }
            md.append('\n');
            for (String note : metric.notes) {
                md.append("- ").append(note).append('\n');
            }
            if (!metric.notes.isEmpty()) {
                md.append('\n');
            }
        }
        return md.toString();
    }

    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value == Math.rint(value) && !Double.isInfinite(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
