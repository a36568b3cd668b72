package dev.presso.host.internal.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.host.internal.report.model.LayerRow;
import dev.presso.host.internal.report.model.RunInfo;
import dev.presso.host.internal.report.model.RunReport;
import dev.presso.host.internal.report.model.RunTimings;
import dev.presso.host.internal.report.model.SampleReports;
import dev.presso.host.internal.report.model.VariantReport;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportPageTest {
    @Test
    void theSameReportGivesTheSamePage() {
        RunReport report = SampleReports.stories();

        assertEquals(ReportPage.render(report, RunTimings.NONE), ReportPage.render(report, RunTimings.NONE));
    }

    @Test
    void isSelfContained() {
        String page = ReportPage.render(SampleReports.stories(), RunTimings.NONE);

        assertTrue(page.startsWith("<!DOCTYPE html>\n"));
        assertFalse(page.contains("<script"));
        assertFalse(page.contains("<link"));
        assertFalse(Pattern.compile("(src|href)=\"").matcher(page).find());
        assertTrue(page.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
        assertTrue(page.contains("svg.chart .grid"), "the style sheet is inline");
        assertFalse(page.contains("id=\"timings\""), "no timings section without timings");
    }

    @Test
    void namesFromThePipelineCannotInjectMarkup() {
        VariantReport dense = new VariantReport("dense", List.of(), Map.of("perplexity", 3.0), 64, 1024, List.of(),
                List.of());
        VariantReport hostile = VariantReport.ofLayers("<script>alert(1)</script>", List.of("x\" onload=\"y"),
                Map.of("perplexity", 4.0), List.of(new LayerRow("a.0.<img>", "rtn", "4bit", 64, 256)), List.of());
        RunReport report = new RunReport(new RunInfo("<b>p</b>", "p.yaml", 1, "m", "cpu", "v", List.of()), Map.of(),
                dense, List.of(hostile));

        String page = ReportPage.render(report, RunTimings.NONE);

        assertFalse(page.contains("<script"));
        assertFalse(page.contains("<img"));
        assertFalse(page.contains("<b>p"));
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @Test
    void marksTheBestVariantOfEachMetric() {
        String page = ReportPage.render(SampleReports.stories(), RunTimings.NONE);

        Matcher best = Pattern.compile("<td class=\"number best\" data-metric=\"(\\w+)\">([^<]+)</td>").matcher(page);
        List<String> found = best.results().map(match -> match.group(1) + "=" + match.group(2)).toList();
        assertEquals(List.of("kl=0.0231", "perplexity=3.52"), found);
    }
}
