package dev.presso.host.internal.run;

import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.host.internal.pipeline.spec.Variant;
import dev.presso.host.internal.report.model.LayerRow;
import dev.presso.host.internal.report.model.MetricInfo;
import dev.presso.host.internal.report.model.PluginInfo;
import dev.presso.host.internal.report.model.RunInfo;
import dev.presso.host.internal.report.model.RunReport;
import dev.presso.host.internal.report.model.VariantReport;
import dev.presso.kernel.model.LinearSite;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a run's branch results into the report. Sizes follow methods.md §1.5: every decoder-block
 * linear site is counted in every variant, a site left uncompressed at the 16-bit dense baseline,
 * so bits per parameter compare across variants; the dense baseline is the shared branch.
 */
final class RunReports {
    static final int DENSE_BITS = 16;

    private RunReports() {}

    static RunReport of(PipelineSpec spec, String model, String provider, String hostVersion,
            List<InstalledPlugin> plugins, List<BranchResult> results, List<LinearSite> blockSites,
            Map<String, String> units) {
        RunInfo info = new RunInfo(spec.name(), spec.file().toString(), spec.seed(), model, provider, hostVersion,
                plugins.stream().map(p -> new PluginInfo(p.id(), p.version(), p.sha256())).toList());
        Map<String, MetricInfo> metrics = new HashMap<>();
        BranchResult.comparedMetrics(results).forEach(
                name -> metrics.put(name, MetricInfo.minimize(units.getOrDefault(name, ""))));
        BranchResult shared = results.getFirst();
        VariantReport baseline = variant("dense", spec.stages(), shared, blockSites, metrics.keySet());
        List<VariantReport> variants = results.subList(1, results.size()).stream()
                .map(r -> variant(r.name(), stagesOf(spec, r.name()), r, blockSites, metrics.keySet())).toList();
        return new RunReport(info, metrics, baseline, variants);
    }

    private static VariantReport variant(String name, List<Stage> stages, BranchResult result,
            List<LinearSite> blockSites, java.util.Set<String> kept) {
        Map<String, BranchResult.LayerResult> compressed = new HashMap<>();
        result.layers().forEach(layer -> compressed.put(layer.site(), layer));
        List<LayerRow> rows = blockSites.stream().map(site -> {
            long parameters = site.operator().outFeatures() * site.operator().inFeatures();
            BranchResult.LayerResult layer = compressed.get(site.name());
            return layer == null ? new LayerRow(site.name(), "dense", "fp16", parameters, DENSE_BITS * parameters)
                    : new LayerRow(site.name(), layer.method(), layer.level(), layer.parameters(), layer.storageBits());
        }).toList();
        Map<String, Double> metrics = new HashMap<>(result.metrics());
        metrics.keySet().retainAll(kept);
        return VariantReport.ofLayers(name, stages.stream().map(Stage::name).toList(), metrics, rows,
                result.searches());
    }

    private static List<Stage> stagesOf(PipelineSpec spec, String variant) {
        return spec.variants().stream().filter(v -> v.name().equals(variant)).map(Variant::stages).findFirst()
                .orElse(List.of());
    }
}
