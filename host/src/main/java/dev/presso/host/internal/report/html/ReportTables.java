package dev.presso.host.internal.report.html;

import dev.presso.host.internal.report.model.LayerRow;
import dev.presso.host.internal.report.model.MetricInfo;
import dev.presso.host.internal.report.model.PluginInfo;
import dev.presso.host.internal.report.model.RunReport;
import dev.presso.host.internal.report.model.RunTimings;
import dev.presso.host.internal.report.model.StageTiming;
import dev.presso.host.internal.report.model.VariantReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** The report's tables: plugins, results, the sites of each variant and timings. */
final class ReportTables {
    private static final String NUMBER = "number";

    private ReportTables() {}

    /** The plugins a run used, with their versions and hashes. */
    static void plugins(Markup markup, List<PluginInfo> plugins) {
        markup.start("table", "class", "plugins");
        header(markup, List.of("Plugin", "Version", "SHA-256"), List.of());
        for (PluginInfo plugin : plugins) {
            markup.start("tr");
            markup.element("td", plugin.id());
            markup.element("td", plugin.version());
            markup.start("td").element("code", plugin.sha256().isEmpty() ? "(class path)" : plugin.sha256()).end();
            markup.end();
        }
        markup.end();
    }

    /**
     * One row per variant, baseline first: stages, size and every metric, the best variant's
     * value of each metric in bold (the baseline does not compete).
     */
    static void results(Markup markup, RunReport report) {
        List<String> metrics = report.metricNames();
        List<String> titles = new ArrayList<>(List.of("Variant", "Stages", "Parameters", "Size",
                "Bits/param"));
        for (String metric : metrics) {
            String unit = report.metric(metric).unit();
            titles.add(unit.isEmpty() ? metric : metric + " (" + unit + ")");
        }
        markup.start("table", "class", "results");
        header(markup, titles, IntStream.range(2, titles.size()).boxed().toList());
        List<VariantReport> all = report.allVariants();
        for (int i = 0; i < all.size(); i++) {
            VariantReport variant = all.get(i);
            markup.start("tr", "class", i == 0 ? "baseline" : "variant", "data-variant", variant.name());
            markup.start("td").element("span", "", "class", "swatch", "style", "background:" + Palette.variant(i))
                    .text(variant.name()).end();
            markup.element("td", String.join(" → ", variant.stages()));
            markup.element("td", Numbers.count(variant.parameters()), "class", NUMBER);
            markup.element("td", Numbers.bytes(variant.storageBits()), "class", NUMBER, "title",
                    Numbers.count(variant.storageBits()) + " bits");
            markup.element("td", Numbers.value(variant.bitsPerParameter()), "class", NUMBER);
            for (String metric : metrics) {
                Double value = variant.metrics().get(metric);
                boolean best = i > 0 && value != null && best(report, metric).filter(value::equals).isPresent();
                markup.element("td", value == null ? "—" : Numbers.value(value), "class",
                        best ? NUMBER + " best" : NUMBER, "data-metric", metric);
            }
            markup.end();
        }
        markup.end();
    }

    /** The sites of one variant, in model order. */
    static void layers(Markup markup, VariantReport variant) {
        markup.start("details", "class", "layers", "data-variant", variant.name());
        markup.element("summary", variant.name() + ": " + variant.layers().size() + " sites, "
                + Numbers.value(variant.bitsPerParameter()) + " bits per parameter");
        markup.start("table");
        header(markup, List.of("Site", "Method", "Level", "Parameters", "Storage (bits)", "Bits/param"),
                List.of(3, 4, 5));
        for (LayerRow layer : variant.layers()) {
            markup.start("tr");
            markup.start("td").element("code", layer.site()).end();
            markup.element("td", layer.method());
            markup.element("td", layer.level());
            markup.element("td", Numbers.count(layer.parameters()), "class", NUMBER);
            markup.element("td", Numbers.count(layer.storageBits()), "class", NUMBER);
            markup.element("td", Numbers.value(layer.bitsPerParameter()), "class", NUMBER);
            markup.end();
        }
        markup.end();
        markup.end();
    }

    /** How long each stage took. */
    static void timings(Markup markup, RunTimings timings) {
        markup.start("table", "class", "timings");
        header(markup, List.of("Variant", "Stage", "Duration"), List.of(2));
        for (StageTiming stage : timings.stages()) {
            markup.start("tr");
            markup.element("td", stage.variant());
            markup.element("td", stage.stage());
            markup.element("td", Numbers.seconds(stage.seconds()), "class", NUMBER);
            markup.end();
        }
        markup.end();
    }

    private static Optional<Double> best(RunReport report, String metric) {
        MetricInfo.Goal goal = report.metric(metric).goal();
        Optional<Double> best = Optional.empty();
        for (VariantReport variant : report.variants()) {
            Double value = variant.metrics().get(metric);
            if (value != null && !Double.isNaN(value) && (best.isEmpty() || goal.better(value, best.get()))) {
                best = Optional.of(value);
            }
        }
        return best;
    }

    private static void header(Markup markup, List<String> titles, List<Integer> numeric) {
        markup.start("thead").start("tr");
        for (int i = 0; i < titles.size(); i++) {
            if (numeric.contains(i)) {
                markup.element("th", titles.get(i), "class", NUMBER);
            } else {
                markup.element("th", titles.get(i));
            }
        }
        markup.end().end();
    }
}
