package dev.presso.host.internal.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunReportTest {
    @Test
    void theSizeOfAVariantIsTheSumOfItsSites() {
        VariantReport variant = SampleReports.stories().variants().getFirst();

        assertEquals(SampleReports.SITES, variant.layers().size());
        assertEquals(variant.layers().stream().mapToLong(LayerRow::parameters).sum(), variant.parameters());
        assertEquals(variant.layers().stream().mapToLong(LayerRow::storageBits).sum(), variant.storageBits());
        assertTrue(variant.bitsPerParameter() > 4 && variant.bitsPerParameter() < 5, "" + variant.bitsPerParameter());
    }

    @Test
    void listsDescribedMetricsFirstAndDefaultsTheRest() {
        VariantReport dense = new VariantReport("dense", List.of(),
                Map.of("zeta", 1.0, "accuracy", 0.5, "perplexity", 3.0), 1, 16, List.of(),
                List.of());
        RunReport report = new RunReport(new RunInfo("p", "p.yaml", 0, "m", "cpu", "v", List.of()),
                Map.of("perplexity", MetricInfo.minimize("")), dense, List.of());

        assertEquals(List.of("perplexity", "accuracy", "zeta"), report.metricNames());
        assertEquals(MetricInfo.minimize(""), report.metric("zeta"));
    }

    @Test
    void rejectsDuplicateVariantNamesAndEmptySizes() {
        RunReport sample = SampleReports.stories();

        assertThrows(IllegalArgumentException.class, () -> new RunReport(sample.run(), sample.metrics(),
                sample.baseline(), List.of(sample.variants().getFirst(), sample.variants().getFirst())));
        assertThrows(IllegalArgumentException.class, () -> new LayerRow("site", "rtn", "4bit", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new VariantReport(" ", List.of(),
                Map.of(), 1, 1, List.of(), List.of()));
    }
}
