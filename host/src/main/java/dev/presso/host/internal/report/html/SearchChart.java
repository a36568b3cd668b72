package dev.presso.host.internal.report.html;

import dev.presso.host.internal.report.model.SearchPoint;
import dev.presso.host.internal.report.model.SearchTrace;
import java.util.List;

/** The best fitness of each search stage by generation, one coloured line per stage. */
final class SearchChart {
    private static final double WIDTH = 640;
    private static final double HEIGHT = 340;
    private static final double LEGEND_LINE = 16;

    private SearchChart() {}

    /**
     * One line of the chart.
     *
     * @param label the variant and stage it comes from
     * @param trace the points
     * @param color its colour
     */
    record Series(String label, SearchTrace trace, String color) {}

    /** Draws the chart; at least one series has a point. */
    static void render(Markup markup, List<Series> series) {
        List<SearchPoint> all = series.stream().flatMap(s -> s.trace().points().stream())
                .filter(point -> Double.isFinite(point.fitness())).toList();
        double legendHeight = series.size() * LEGEND_LINE + 8;
        ChartFrame frame = ChartFrame.standard(WIDTH, HEIGHT + legendHeight);
        ChartFrame plot = new ChartFrame(frame.width(), frame.height(), frame.left(), frame.top() + legendHeight,
                frame.right(), frame.bottom());
        Scale x = LinearScale.fit(0, all.stream().mapToInt(SearchPoint::generation).max().orElseThrow(),
                plot.left(), plot.right());
        Scale y = Scale.fit(all.stream().mapToDouble(SearchPoint::fitness).min().orElseThrow(),
                all.stream().mapToDouble(SearchPoint::fitness).max().orElseThrow(), plot.bottom(), plot.top());
        String fitness = series.getFirst().trace().fitness();
        ChartFrame.open(markup, "search", WIDTH, plot.height(), "Best fitness by generation");
        plot.axes(markup, x, y, "generation", "best fitness (" + fitness + ")");
        for (int i = 0; i < series.size(); i++) {
            Series line = series.get(i);
            List<SearchPoint> points = line.trace().points().stream()
                    .filter(point -> Double.isFinite(point.fitness())).toList();
            StringBuilder coordinates = new StringBuilder();
            for (SearchPoint point : points) {
                coordinates.append(coordinates.isEmpty() ? "" : " ").append(Numbers.coordinate(x.map(point.generation())))
                        .append(',').append(Numbers.coordinate(y.map(point.fitness())));
            }
            markup.start("g", "class", "series", "data-series", line.label());
            markup.empty("polyline", "class", "series-line", "points", coordinates.toString(), "stroke", line.color());
            for (SearchPoint point : points) {
                markup.start("circle", "class", "search-point", "cx", x.map(point.generation()), "cy",
                        y.map(point.fitness()), "r", 2.5, "fill", line.color());
                markup.element("title", line.label() + ", generation " + point.generation() + ": "
                        + Numbers.value(point.fitness()));
                markup.end();
            }
            double legendY = frame.top() + i * LEGEND_LINE + 10;
            markup.empty("rect", "x", plot.left(), "y", legendY - 8, "width", 12.0, "height", 10.0, "fill",
                    line.color());
            markup.element("text", line.label(), "class", "legend-label", "x", plot.left() + 18, "y", legendY);
            markup.end();
        }
        markup.end();
    }
}
