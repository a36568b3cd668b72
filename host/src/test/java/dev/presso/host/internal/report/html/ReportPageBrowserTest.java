package dev.presso.host.internal.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.presso.host.internal.io.CanonicalJson;
import dev.presso.host.internal.report.ReportWriter;
import dev.presso.host.internal.report.model.RunReport;
import dev.presso.host.internal.report.model.RunTimings;
import dev.presso.host.internal.report.model.SampleReports;
import dev.presso.host.internal.report.model.StageTiming;
import dev.presso.host.internal.report.model.VariantReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a written {@code report.html} in a real headless Chromium and checks what the browser laid
 * out: every chart drawn with the right number of points, cells and lines, labels in place and not
 * overlapping, nothing outside its chart, no script error and nothing fetched from the network.
 * Skipped, with the reason shown, where Chromium is not installed.
 */
class ReportPageBrowserTest {
    private static final String PROBE_START = "<pre id=\"presso-probe\">";

    @TempDir
    static Path folder;

    private static RunReport report;
    private static JsonNode probe;

    @BeforeAll
    static void openTheReportInChromium() throws IOException, InterruptedException {
        HeadlessChromium chromium = HeadlessChromium.find().orElse(null);
        Assumptions.assumeTrue(chromium != null, "Chromium is not installed (looked for the presso.chromium"
                + " property, then chromium, chromium-browser and google-chrome on the PATH); on Debian: apt-get"
                + " install chromium");
        report = SampleReports.stories();
        ReportWriter.Files files = ReportWriter.write(folder.resolve("run"), report, new RunTimings(
                "2026-01-01T00:00:00Z", 75.5, List.of(new StageTiming("dense", "calibrate", 2.5))));
        Path probed = folder.resolve("run/probed.html");
        Files.writeString(probed, withProbe(Files.readString(files.html())));
        String dom = chromium.dumpDom(probed, folder);
        int start = dom.lastIndexOf(PROBE_START);
        assertTrue(start >= 0, "the probe wrote nothing; the DOM was:\n" + dom);
        String json = dom.substring(start + PROBE_START.length(), dom.indexOf("</pre>", start));
        probe = CanonicalJson.mapper().readTree(json.replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&"));
    }

    @Test
    void rendersInStandardsModeWithoutErrorsOrNetwork() {
        assertEquals(List.of(), strings(probe.get("errors")));
        assertEquals("CSS1Compat", probe.get("mode").asText());
        assertEquals(List.of(), strings(probe.get("resources")));
        assertEquals("Presso report: stories-baselines", probe.get("title").asText());
    }

    @Test
    void drawsOneScatterPerMetricWithEveryVariantLabelled() {
        List<String> names = report.allVariants().stream().map(VariantReport::name).toList();
        List<JsonNode> scatters = charts("chart scatter");

        assertEquals(List.of("kl", "perplexity"), scatters.stream().map(chart -> chart.get("metric").asText()).toList());
        for (JsonNode scatter : scatters) {
            assertEquals(names, strings(scatter.get("points")));
            assertEquals(names, strings(scatter.get("labels")));
            assertEquals(0, scatter.get("labelOverlaps").asInt(), scatter.toString());
        }
    }

    @Test
    void drawsAHeatmapPerCompressedVariantWithACellPerSite() {
        List<JsonNode> heatmaps = charts("chart heatmap");

        assertEquals(report.variants().stream().map(VariantReport::name).toList(),
                heatmaps.stream().map(chart -> chart.get("variant").asText()).toList());
        for (JsonNode heatmap : heatmaps) {
            assertEquals(SampleReports.SITES, heatmap.get("cells").asInt());
            assertEquals(SampleReports.SITES, heatmap.get("cellLabels").size());
        }
        JsonNode rtn4 = heatmaps.getFirst();
        assertEquals("4.50", rtn4.get("cellLabels").get(0).asText(), "q_proj: 4 bits plus a 32-bit row scale over 64");
        assertEquals("4.19", rtn4.get("cellLabels").get(SampleReports.SITES - 1).asText(), "down_proj of block 4");
    }

    @Test
    void drawsTheSearchProgress() {
        List<JsonNode> searches = charts("chart search");

        assertEquals(1, searches.size());
        assertEquals(6, searches.getFirst().get("searchPoints").asInt());
    }

    @Test
    void drawsTheAllocationOfTheSearchWithABarPerUnit() {
        List<JsonNode> allocations = charts("chart allocation");

        assertEquals(1, allocations.size());
        assertEquals(SampleReports.SITES, allocations.getFirst().get("allocationBars").asInt());
    }

    @Test
    void everyChartHasASizeAndNothingOutsideIt() {
        assertEquals(2 + 6 + 1 + 1, probe.get("charts").size());
        for (JsonNode chart : probe.get("charts")) {
            assertTrue(chart.get("width").asDouble() > 100 && chart.get("height").asDouble() > 100, chart.toString());
            assertEquals(List.of(), strings(chart.get("outside")), chart.get("kind") + " " + chart.get("variant"));
        }
    }

    @Test
    void tabulatesEveryVariantWithItsMetrics() {
        List<List<String>> rows = new ArrayList<>();
        probe.get("rows").forEach(row -> rows.add(strings(row)));

        assertEquals(7, rows.size());
        assertEquals(List.of("dense", "", "226,560", "442.50 KiB", "16", "0", "3.393"), rows.getFirst());
        assertEquals(List.of("rtn-4bit", "calibrate → compress → evaluate", "226,560", "122.34 KiB", "4.424",
                "0.0231", "3.52"), rows.get(1));
        assertEquals("search-3.5", rows.getLast().getFirst());
    }

    private static List<JsonNode> charts(String kind) {
        return StreamSupport.stream(probe.get("charts").spliterator(), false)
                .filter(chart -> chart.get("kind").asText().equals(kind)).toList();
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** Puts the probe first in the head, before the page's content security policy applies. */
    private static String withProbe(String html) throws IOException {
        try (InputStream in = Objects.requireNonNull(ReportPageBrowserTest.class.getResourceAsStream("probe.js"))) {
            String script = "<script>\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8) + "</script>\n";
            int head = html.indexOf("<head>\n") + "<head>\n".length();
            return html.substring(0, head) + script + html.substring(head);
        }
    }
}
