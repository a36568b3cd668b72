package dev.presso.host.internal.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.presso.host.internal.report.model.LayerRow;
import dev.presso.host.internal.report.model.MetricInfo;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ChartPartsTest {
    @Test
    void aLinearScaleHasRoundEndsAndTicks() {
        LinearScale scale = LinearScale.fit(3.42, 16, 0, 100);

        assertEquals(List.of(0.0, 5.0, 10.0, 15.0, 20.0), scale.ticks());
        assertEquals(0, scale.map(0));
        assertEquals(50, scale.map(10));
        assertEquals(List.of(0.0, 0.5, 1.0, 1.5, 2.0), LinearScale.fit(0, 1.9, 0, 1).ticks());
    }

    @Test
    void aSingleValueStillGetsARange() {
        LinearScale scale = LinearScale.fit(4, 4, 0, 100);

        assertEquals(true, scale.low() < 4 && scale.high() > 4, scale.toString());
    }

    @Test
    void widelySpreadPositiveValuesGetALogarithmicScale() {
        Scale scale = Scale.fit(3.4, 2000, 300, 0);

        LogScale log = assertInstanceOf(LogScale.class, scale);
        assertEquals(0, log.lowExponent());
        assertEquals(4, log.highExponent());
        assertEquals(List.of(1.0, 10.0, 100.0, 1000.0, 10000.0), log.ticks());
        assertEquals(150, scale.map(100), 1e-9);
        assertInstanceOf(LinearScale.class, Scale.fit(0, 2000, 300, 0));
    }

    @Test
    void theFrontKeepsOnlyVariantsNothingBeats() {
        List<ParetoScatter.Point> points = List.of(point("dense", 16, 3.39), point("rtn4", 4.4, 3.52),
                point("rtn3", 3.4, 4.31), point("svd", 8.4, 41.7), point("tie", 4.4, 3.6));

        assertEquals(List.of("rtn3", "rtn4", "dense"), names(ParetoScatter.front(points, MetricInfo.Goal.MINIMIZE)));
        assertEquals(List.of("rtn3", "svd"), names(ParetoScatter.front(points, MetricInfo.Goal.MAXIMIZE)));
    }

    @Test
    void sitesAreLaidOutByBlockAndRole() {
        SiteGrid grid = SiteGrid.of(List.of(row("model.layers.1.self_attn.q_proj"), row("model.layers.0.mlp.up_proj"),
                row("model.layers.0.self_attn.q_proj"), row("lm_head"), row("model.layers.10.mlp.up_proj")));

        assertEquals(List.of("0", "1", "10", SiteGrid.UNNUMBERED), grid.columns());
        assertEquals(List.of("self_attn.q_proj", "mlp.up_proj", "lm_head"), grid.rows());
        assertEquals("model.layers.10.mlp.up_proj", grid.cells().get(new SiteGrid.Position(1, 2)).site());
        assertEquals("lm_head", grid.cells().get(new SiteGrid.Position(2, 3)).site());
        assertEquals(5, grid.cells().size());
        assertEquals(new SiteGrid.SiteName(OptionalInt.of(3), "experts.7.w1"),
                SiteGrid.SiteName.parse("blocks.3.experts.7.w1"));
        assertEquals(new SiteGrid.SiteName(OptionalInt.empty(), "model.norm.7"), SiteGrid.SiteName.parse("model.norm.7"));
    }

    @Test
    void numbersReadTheSameEverywhere() {
        assertEquals("3.393", Numbers.value(3.3926));
        assertEquals("0.0231", Numbers.value(0.0231));
        assertEquals("16", Numbers.value(16.0));
        assertEquals("1.235e+07", Numbers.value(12_345_678));
        assertEquals("∞", Numbers.value(Double.POSITIVE_INFINITY));
        assertEquals("12.35", Numbers.coordinate(12.3456));
        assertEquals("-3", Numbers.coordinate(-3.0));
        assertEquals("1,234,567", Numbers.count(1_234_567));
        assertEquals("1.50 KiB", Numbers.bytes(8 * 1536));
        assertEquals("3 min 07 s", Numbers.seconds(187.2));
    }

    @Test
    void markupEscapesTextAndAttributes() {
        String html = new Markup().element("td", "<b>&\"", "title", "a\"<b>", "x", 1.005).toString();

        assertEquals("<td title=\"a&quot;&lt;b&gt;\" x=\"1\">&lt;b&gt;&amp;\"</td>\n", html);
    }

    @Test
    void theRampRunsFromDarkToLight() {
        assertEquals("#440154", Palette.ramp(0));
        assertEquals("#fde725", Palette.ramp(1));
        assertEquals("#fde725", Palette.ramp(7));
        assertEquals("#ffffff", Palette.textOnRamp(0));
        assertEquals("#000000", Palette.textOnRamp(1));
    }

    private static ParetoScatter.Point point(String name, double bits, double value) {
        return new ParetoScatter.Point(name, bits, value, false, "#000000");
    }

    private static List<String> names(List<ParetoScatter.Point> points) {
        return points.stream().map(ParetoScatter.Point::variant).toList();
    }

    private static LayerRow row(String site) {
        return new LayerRow(site, "rtn", "4bit", 64, 256);
    }
}
