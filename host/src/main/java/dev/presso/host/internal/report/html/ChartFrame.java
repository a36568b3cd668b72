package dev.presso.host.internal.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * What every chart shares: the {@code <svg>} element and a plot area with axes, grid lines, tick
 * labels and axis titles.
 *
 * @param width the chart's width in pixels
 * @param height the chart's height in pixels
 * @param left the plot area's left edge
 * @param top the plot area's top edge
 * @param right the plot area's right edge
 * @param bottom the plot area's bottom edge
 */
record ChartFrame(double width, double height, double left, double top, double right, double bottom) {
    private static final double TICK = 5;

    /** A frame with the usual margins around the plot area: room for tick labels and titles. */
    static ChartFrame standard(double width, double height) {
        return new ChartFrame(width, height, 72, 16, width - 24, height - 48);
    }

    /**
     * Opens an {@code <svg>} of class {@code chart KIND} with a title; the caller ends it.
     *
     * @param markup where to write
     * @param kind the chart's kind, a CSS class such as {@code scatter}
     * @param width the width in pixels
     * @param height the height in pixels
     * @param label what the chart shows, read by screen readers and shown as a tooltip
     * @param data further attributes, name/value pairs such as {@code data-metric}
     */
    static void open(Markup markup, String kind, double width, double height, String label, Object... data) {
        List<Object> attributes = new ArrayList<>(List.of("class", "chart " + kind, "width", width, "height",
                height, "viewBox", "0 0 " + Numbers.coordinate(width) + " " + Numbers.coordinate(height),
                "role", "img", "aria-label", label));
        attributes.addAll(List.of(data));
        markup.start("svg", attributes.toArray());
        markup.element("title", label);
    }

    /**
     * Draws the plot area's frame, grid lines at the ticks, tick labels and axis titles.
     *
     * @param markup where to write
     * @param x the horizontal scale, mapped onto {@code [left, right]}
     * @param y the vertical scale, mapped onto {@code [bottom, top]}
     * @param xTitle the horizontal axis's title
     * @param yTitle the vertical axis's title
     */
    void axes(Markup markup, Scale x, Scale y, String xTitle, String yTitle) {
        markup.start("g", "class", "axes");
        for (double tick : x.ticks()) {
            double px = x.map(tick);
            markup.empty("line", "class", "grid", "x1", px, "y1", top, "x2", px, "y2", bottom);
            markup.element("text", Numbers.value(tick), "class", "tick x-tick", "x", px, "y", bottom + TICK + 12,
                    "text-anchor", "middle");
        }
        for (double tick : y.ticks()) {
            double py = y.map(tick);
            markup.empty("line", "class", "grid", "x1", left, "y1", py, "x2", right, "y2", py);
            markup.element("text", Numbers.value(tick), "class", "tick y-tick", "x", left - TICK - 2, "y", py + 4,
                    "text-anchor", "end");
        }
        markup.empty("rect", "class", "plot-area", "x", left, "y", top, "width", right - left, "height",
                bottom - top);
        markup.element("text", title(xTitle, x), "class", "axis-title", "x", (left + right) / 2, "y", height - 8,
                "text-anchor", "middle");
        double middle = (top + bottom) / 2;
        markup.element("text", title(yTitle, y), "class", "axis-title", "x", 14.0, "y", middle,
                "text-anchor", "middle", "transform", "rotate(-90 14 " + Numbers.coordinate(middle) + ")");
        markup.end();
    }

    private static String title(String title, Scale scale) {
        return scale.logarithmic() ? title + " (log scale)" : title;
    }
}
