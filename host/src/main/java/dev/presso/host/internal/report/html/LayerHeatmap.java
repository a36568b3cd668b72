package dev.presso.host.internal.report.html;

import dev.presso.host.internal.report.model.LayerRow;
import dev.presso.host.internal.report.model.VariantReport;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/**
 * One variant's bits per parameter site by site, as a grid of coloured cells: blocks across,
 * roles (such as {@code self_attn.q_proj}) down, each cell labelled with its value. Every heatmap
 * of a page shares one colour range so that variants compare at a glance.
 */
final class LayerHeatmap {
    private static final double CELL_WIDTH = 38;
    private static final double CELL_HEIGHT = 20;
    private static final double CHAR_WIDTH = 6.6;
    private static final double TOP = 34;
    private static final double LEGEND_HEIGHT = 44;
    private static final int LEGEND_STEPS = 10;
    private static final double LEGEND_WIDTH = 200;

    private LayerHeatmap() {}

    /**
     * The colour range shared by a page's heatmaps.
     *
     * @param min the bits per parameter at the ramp's start
     * @param max the bits per parameter at the ramp's end, at least {@code min}
     */
    record Range(double min, double max) {
        double position(double value) {
            return max > min ? (value - min) / (max - min) : 0.5;
        }
    }

    /** Draws the heatmap of a variant that has at least one site. */
    static void render(Markup markup, VariantReport variant, Range range) {
        SiteGrid grid = SiteGrid.of(variant.layers());
        int longestRole = grid.rows().stream().mapToInt(String::length).max().orElse(4);
        double left = Math.max(60, longestRole * CHAR_WIDTH + 12);
        double width = Math.max(left + grid.columns().size() * CELL_WIDTH + 10, left + LEGEND_WIDTH + 130);
        double gridBottom = TOP + grid.rows().size() * CELL_HEIGHT;
        double height = gridBottom + LEGEND_HEIGHT;
        ChartFrame.open(markup, "heatmap", width, height, "Bits per parameter by site, variant " + variant.name(),
                "data-variant", variant.name());
        markup.element("text", "block", "class", "axis-title", "x", left, "y", 12.0);
        for (int column = 0; column < grid.columns().size(); column++) {
            markup.element("text", grid.columns().get(column), "class", "tick", "x",
                    left + (column + 0.5) * CELL_WIDTH, "y", TOP - 6, "text-anchor", "middle");
        }
        for (int row = 0; row < grid.rows().size(); row++) {
            markup.element("text", grid.rows().get(row), "class", "tick", "x", left - 6, "y",
                    TOP + (row + 0.5) * CELL_HEIGHT + 4, "text-anchor", "end");
        }
        for (Map.Entry<SiteGrid.Position, LayerRow> entry : grid.cells().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparingInt(SiteGrid.Position::row)
                        .thenComparingInt(SiteGrid.Position::column)))
                .toList()) {
            cell(markup, entry.getKey(), entry.getValue(), left, range);
        }
        legend(markup, range, left, gridBottom + 14);
        markup.end();
    }

    private static void cell(Markup markup, SiteGrid.Position at, LayerRow layer, double left, Range range) {
        double bits = layer.bitsPerParameter();
        double t = range.position(bits);
        double x = left + at.column() * CELL_WIDTH;
        double y = TOP + at.row() * CELL_HEIGHT;
        markup.start("rect", "class", "cell", "x", x + 1, "y", y + 1, "width", CELL_WIDTH - 2, "height",
                CELL_HEIGHT - 2, "fill", Palette.ramp(t), "data-site", layer.site(), "data-bits", Numbers.value(bits));
        markup.element("title", layer.site() + ": " + layer.method() + " " + layer.level() + ", "
                + Numbers.value(bits) + " bits per parameter, " + Numbers.count(layer.parameters()) + " parameters");
        markup.end();
        markup.element("text", cellLabel(bits), "class", "cell-label", "x", x + CELL_WIDTH / 2, "y",
                y + CELL_HEIGHT / 2 + 4, "text-anchor", "middle", "fill", Palette.textOnRamp(t));
    }

    private static void legend(Markup markup, Range range, double left, double top) {
        markup.start("g", "class", "legend");
        double step = LEGEND_WIDTH / LEGEND_STEPS;
        for (int i = 0; i < LEGEND_STEPS; i++) {
            markup.empty("rect", "x", left + i * step, "y", top, "width", step, "height", 10.0, "fill",
                    Palette.ramp((i + 0.5) / LEGEND_STEPS));
        }
        markup.element("text", Numbers.value(range.min()), "class", "tick", "x", left, "y", top + 24,
                "text-anchor", "start");
        markup.element("text", Numbers.value(range.max()), "class", "tick", "x", left + LEGEND_WIDTH, "y", top + 24,
                "text-anchor", "end");
        markup.element("text", "bits per parameter", "class", "tick", "x", left + LEGEND_WIDTH + 10, "y", top + 9);
        markup.end();
    }

    private static String cellLabel(double bits) {
        return String.format(Locale.ROOT, bits >= 10 ? "%.1f" : "%.2f", bits);
    }
}
