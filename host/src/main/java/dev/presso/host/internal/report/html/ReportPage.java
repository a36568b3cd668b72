package dev.presso.host.internal.report.html;

import dev.presso.host.internal.report.model.LayerRow;
import dev.presso.host.internal.report.model.RunInfo;
import dev.presso.host.internal.report.model.RunReport;
import dev.presso.host.internal.report.model.RunTimings;
import dev.presso.host.internal.report.model.SearchTrace;
import dev.presso.host.internal.report.model.VariantReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders a run report as one HTML page that needs nothing else: the style sheet is inline, the
 * charts are SVG drawn here, there is no script, and a content security policy forbids fetching
 * anything. The same report and timings always give the same bytes.
 */
public final class ReportPage {
    private static final String STYLE = loadStyle();
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private ReportPage() {}

    /**
     * Renders a report.
     *
     * @param report the results
     * @param timings the durations, shown in their own section; {@link RunTimings#NONE} for none
     * @return the page
     */
    public static String render(RunReport report, RunTimings timings) {
        RunInfo run = report.run();
        Markup page = new Markup();
        page.raw("<!DOCTYPE html>\n").start("html", "lang", "en").start("head");
        page.empty("meta", "charset", "utf-8");
        page.empty("meta", "http-equiv", "Content-Security-Policy", "content", POLICY);
        page.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        page.element("title", "Presso report: " + run.pipeline());
        page.start("style").raw(STYLE).end();
        page.end().start("body");
        page.element("h1", "Presso report: " + run.pipeline());
        runInfo(page, report);
        page.element("h2", "Results", "id", "results");
        ReportTables.results(page, report);
        sizeAgainstQuality(page, report);
        layerHeatmaps(page, report);
        searchProgress(page, report);
        allocations(page, report);
        layerTables(page, report);
        if (!timings.stages().isEmpty() || !timings.startedAt().isEmpty()) {
            page.element("h2", "Timings", "id", "timings");
            page.element("p", "Started " + (timings.startedAt().isEmpty() ? "at an unknown time" : timings.startedAt())
                    + ", " + Numbers.seconds(timings.totalSeconds()) + " in all.", "class", "note");
            ReportTables.timings(page, timings);
        }
        page.element("footer", "Written by Presso " + run.hostVersion() + ".");
        page.end().end();
        return page.toString();
    }

    private static void runInfo(Markup page, RunReport report) {
        RunInfo run = report.run();
        page.start("dl", "class", "run");
        List<String[]> rows = List.of(new String[] {"Pipeline", run.pipeline()}, new String[] {"File", run.file()},
                new String[] {"Model", run.model()}, new String[] {"Seed", Long.toString(run.seed())},
                new String[] {"Provider", run.provider()}, new String[] {"Presso", run.hostVersion()});
        for (String[] row : rows) {
            page.element("dt", row[0]).element("dd", row[1]);
        }
        page.end();
        if (!run.plugins().isEmpty()) {
            ReportTables.plugins(page, run.plugins());
        }
    }

    private static void sizeAgainstQuality(Markup page, RunReport report) {
        List<String> metrics = report.metricNames().stream()
                .filter(metric -> !ParetoScatter.points(report, metric).isEmpty()).toList();
        if (metrics.isEmpty()) {
            return;
        }
        page.element("h2", "Size against quality", "id", "pareto");
        page.element("p", "Each point is a variant; the dashed line joins those that no other variant beats on both"
                + " size and the metric (the Pareto front).", "class", "note");
        page.start("div", "class", "charts");
        for (String metric : metrics) {
            page.start("figure");
            ParetoScatter.render(page, report, metric);
            page.element("figcaption", "Bits per parameter against " + metric + " ("
                    + (report.metric(metric).goal().better(0, 1) ? "lower" : "higher") + " is better).");
            page.end();
        }
        page.end();
    }

    private static void layerHeatmaps(Markup page, RunReport report) {
        List<VariantReport> variants = report.variants().stream().filter(v -> !v.layers().isEmpty()).toList();
        if (variants.isEmpty()) {
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (VariantReport variant : variants) {
            for (LayerRow layer : variant.layers()) {
                min = Math.min(min, layer.bitsPerParameter());
                max = Math.max(max, layer.bitsPerParameter());
            }
        }
        LayerHeatmap.Range range = new LayerHeatmap.Range(min, max);
        page.element("h2", "Bits per parameter by layer", "id", "layers");
        page.element("p", "The baseline stores " + Numbers.value(report.baseline().bitsPerParameter())
                + " bits per parameter. All maps share one colour range.", "class", "note");
        page.start("div", "class", "charts");
        for (VariantReport variant : variants) {
            page.start("figure", "class", "scroll");
            page.element("figcaption", variant.name(), "class", "title");
            LayerHeatmap.render(page, variant, range);
            page.end();
        }
        page.end();
    }

    private static void searchProgress(Markup page, RunReport report) {
        List<SearchChart.Series> series = new ArrayList<>();
        List<VariantReport> all = report.allVariants();
        for (int i = 0; i < all.size(); i++) {
            for (SearchTrace trace : all.get(i).searches()) {
                if (trace.points().stream().anyMatch(point -> Double.isFinite(point.fitness()))) {
                    series.add(new SearchChart.Series(all.get(i).name() + " / " + trace.stage(), trace,
                            Palette.variant(i)));
                }
            }
        }
        if (series.isEmpty()) {
            return;
        }
        page.element("h2", "Search progress", "id", "search");
        page.start("figure");
        SearchChart.render(page, series);
        page.element("figcaption", "The best fitness found so far after each generation (lower is better).");
        page.end();
    }

    private static void allocations(Markup page, RunReport report) {
        List<VariantReport> all = report.allVariants();
        boolean any = all.stream().flatMap(v -> v.searches().stream()).anyMatch(t -> !t.allocation().isEmpty());
        if (!any) {
            return;
        }
        page.element("h2", "Allocations", "id", "allocations");
        page.element("p", "The level each search gave each unit; taller bars are more compressed.", "class", "note");
        page.start("div", "class", "charts");
        for (VariantReport variant : all) {
            for (SearchTrace trace : variant.searches()) {
                if (!trace.allocation().isEmpty()) {
                    String label = variant.name() + " / " + trace.stage();
                    page.start("figure", "class", "scroll");
                    page.element("figcaption", label, "class", "title");
                    AllocationChart.render(page, label, trace);
                    page.end();
                }
            }
        }
        page.end();
    }

    private static void layerTables(Markup page, RunReport report) {
        List<VariantReport> variants = report.allVariants().stream().filter(v -> !v.layers().isEmpty()).toList();
        if (variants.isEmpty()) {
            return;
        }
        page.element("h2", "Sites", "id", "sites");
        for (VariantReport variant : variants) {
            ReportTables.layers(page, variant);
        }
    }

    private static String loadStyle() {
        try (InputStream in = Objects.requireNonNull(ReportPage.class.getResourceAsStream("report.css"),
                "report.css is missing from the host jar")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report.css from the host jar", e);
        }
    }
}
