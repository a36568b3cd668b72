package dev.presso.host.internal.report.html;

import dev.presso.host.internal.report.model.MetricInfo;
import dev.presso.host.internal.report.model.RunReport;
import dev.presso.host.internal.report.model.VariantReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Size against one metric for every variant and the baseline, each point labelled, with the
 * Pareto front (the variants no other beats on both size and the metric) joined by a line.
 */
final class ParetoScatter {
    private static final double WIDTH = 640;
    private static final double HEIGHT = 380;
    private static final double RADIUS = 5;

    private ParetoScatter() {}

    /**
     * One variant's place in the chart.
     *
     * @param variant the variant's name
     * @param bits its bits per parameter
     * @param value its metric value
     * @param baseline whether it is the baseline
     * @param color the variant's colour
     */
    record Point(String variant, double bits, double value, boolean baseline, String color) {}

    /** Returns the variants that have a finite value of the metric, baseline first. */
    static List<Point> points(RunReport report, String metric) {
        List<Point> points = new ArrayList<>();
        List<VariantReport> all = report.allVariants();
        for (int i = 0; i < all.size(); i++) {
            VariantReport variant = all.get(i);
            Double value = variant.metrics().get(metric);
            if (value != null && Double.isFinite(value)) {
                points.add(new Point(variant.name(), variant.bitsPerParameter(), value, i == 0, Palette.variant(i)));
            }
        }
        return points;
    }

    /**
     * Returns the points no other point beats: none smaller with a value at least as good, or as
     * small with a better value.
     *
     * @param points the points
     * @param goal which metric values are better
     * @return the front, by ascending size
     */
    static List<Point> front(List<Point> points, MetricInfo.Goal goal) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Point::bits)
                .thenComparing(Point::value, (a, b) -> goal.better(a, b) ? -1 : goal.better(b, a) ? 1 : 0));
        List<Point> front = new ArrayList<>();
        for (Point point : sorted) {
            if (front.isEmpty() || goal.better(point.value(), front.getLast().value())) {
                front.add(point);
            }
        }
        return front;
    }

    /** Draws the chart of one metric, which at least one point has. */
    static void render(Markup markup, RunReport report, String metric) {
        List<Point> points = points(report, metric);
        MetricInfo info = report.metric(metric);
        List<Point> front = front(points, info.goal());
        ChartFrame frame = ChartFrame.standard(WIDTH, HEIGHT);
        Scale x = Scale.fit(min(points, Point::bits), max(points, Point::bits), frame.left(), frame.right());
        Scale y = Scale.fit(min(points, Point::value), max(points, Point::value), frame.bottom(), frame.top());
        String unit = info.unit().isEmpty() ? "" : " (" + info.unit() + ")";
        ChartFrame.open(markup, "scatter", WIDTH, HEIGHT, "Bits per parameter against " + metric, "data-metric",
                metric);
        frame.axes(markup, x, y, "bits per parameter", metric + unit);
        StringBuilder line = new StringBuilder();
        for (Point point : front) {
            line.append(line.isEmpty() ? "" : " ").append(Numbers.coordinate(x.map(point.bits()))).append(',')
                    .append(Numbers.coordinate(y.map(point.value())));
        }
        markup.empty("polyline", "class", "front", "points", line.toString());
        LabelPlacer labels = new LabelPlacer(frame,
                points.stream().map(p -> new double[] {x.map(p.bits()), y.map(p.value())}).toList(), RADIUS);
        for (Point point : points) {
            double px = x.map(point.bits());
            double py = y.map(point.value());
            String kind = (point.baseline() ? "point baseline" : "point") + (front.contains(point) ? " on-front" : "");
            markup.start("circle", "class", kind, "cx", px, "cy", py, "r", RADIUS, "fill",
                    point.color(), "data-variant", point.variant(),
                    "data-bits", Numbers.value(point.bits()), "data-value", Numbers.value(point.value()));
            markup.element("title", point.variant() + ": " + Numbers.value(point.bits()) + " bits per parameter, "
                    + metric + " " + Numbers.value(point.value()) + unit);
            markup.end();
            LabelPlacer.Spot spot = labels.place(point.variant(), px, py);
            markup.element("text", point.variant(), "class", "point-label", "x", spot.x(), "y", spot.y(),
                    "text-anchor", spot.anchor(), "data-variant", point.variant());
        }
        markup.end();
    }

    private static double min(List<Point> points, ToDoubleFunction<Point> field) {
        return points.stream().mapToDouble(field).min().orElseThrow();
    }

    private static double max(List<Point> points, ToDoubleFunction<Point> field) {
        return points.stream().mapToDouble(field).max().orElseThrow();
    }
}
