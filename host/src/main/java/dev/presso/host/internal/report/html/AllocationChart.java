package dev.presso.host.internal.report.html;

import dev.presso.host.internal.report.model.SearchTrace;
import dev.presso.host.internal.report.model.UnitLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * The allocation a search ended with: one bar per unit, in unit order, as high as the unit's level
 * (0, the least compressed, is the shortest bar), coloured by the unit's group; each bar's tooltip
 * names the unit and its level.
 */
final class AllocationChart {
    private static final double HEIGHT = 260;
    private static final double MIN_WIDTH = 360;
    private static final double BAR_PITCH = 12;
    private static final double LEGEND_LINE = 16;

    private AllocationChart() {}

    /**
     * Draws the chart of one search; the trace has an allocation.
     *
     * @param markup where to write
     * @param label the variant and stage it comes from
     * @param trace the search's trace
     */
    static void render(Markup markup, String label, SearchTrace trace) {
        List<UnitLevel> units = trace.allocation();
        List<String> groups = new ArrayList<>();
        units.forEach(unit -> {
            if (!groups.contains(unit.group())) {
                groups.add(unit.group());
            }
        });
        double legendHeight = groups.size() * LEGEND_LINE + 8;
        double width = Math.max(MIN_WIDTH, 96 + units.size() * BAR_PITCH);
        ChartFrame frame = ChartFrame.standard(width, HEIGHT + legendHeight);
        ChartFrame plot = new ChartFrame(frame.width(), frame.height(), frame.left(), frame.top() + legendHeight,
                frame.right(), frame.bottom());
        int maxLevel = units.stream().mapToInt(unit -> unit.levelCount() - 1).max().orElse(1);
        Scale x = LinearScale.fit(0, Math.max(1, units.size() - 1), plot.left(), plot.right());
        Scale y = LinearScale.fit(0, Math.max(1, maxLevel), plot.bottom(), plot.top());
        ChartFrame.open(markup, "allocation", width, plot.height(), "Levels per unit: " + label, "data-search",
                label);
        plot.axes(markup, x, y, "unit", "level (0 = least compressed)");
        double barWidth = Math.max(2, Math.min(BAR_PITCH, (plot.right() - plot.left()) / Math.max(1, units.size()))
                * 0.7);
        double base = y.map(0);
        for (int i = 0; i < units.size(); i++) {
            UnitLevel unit = units.get(i);
            double top = y.map(unit.level());
            double centre = x.map(i);
            markup.start("rect", "class", "allocation-bar", "x", centre - barWidth / 2, "y", Math.min(top, base - 1),
                    "width", barWidth, "height", Math.max(1, base - top), "fill",
                    Palette.series(groups.indexOf(unit.group())));
            markup.element("title", unit.unit() + ": " + unit.levelName() + " (level " + unit.level() + " of "
                    + (unit.levelCount() - 1) + ")");
            markup.end();
        }
        for (int g = 0; g < groups.size(); g++) {
            double legendY = frame.top() + g * LEGEND_LINE + 10;
            markup.empty("rect", "x", plot.left(), "y", legendY - 8, "width", 12.0, "height", 10.0, "fill",
                    Palette.series(g));
            markup.element("text", "group " + groups.get(g), "class", "legend-label", "x", plot.left() + 18, "y",
                    legendY);
        }
        markup.end();
    }
}
