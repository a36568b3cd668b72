package dev.presso.host.internal.run;

import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.pipeline.spec.MetricSpec;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.host.internal.pipeline.spec.Variant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The plugins a pipeline uses: those providing every method, strategy and evaluator it names, by id. */
final class PluginsUsed {
    private PluginsUsed() {}

    static List<InstalledPlugin> of(PipelineSpec spec, Providers providers) {
        Map<String, InstalledPlugin> used = new TreeMap<>();
        List<Stage> stages = new ArrayList<>(spec.stages());
        spec.variants().stream().map(Variant::stages).forEach(stages::addAll);
        for (Stage stage : stages) {
            switch (stage) {
                case Stage.Compress compress -> add(used, providers.method(compress.method().id()).plugin());
                case Stage.Search search -> {
                    add(used, providers.method(search.method().id()).plugin());
                    add(used, providers.strategy(search.strategy().id()).plugin());
                }
                case Stage.Database database -> database.method().ifPresent(method ->
                        add(used, providers.method(method.id()).plugin()));
                case Stage.DatabaseSearch search -> add(used, providers.strategy(search.strategy().id()).plugin());
                case Stage.Evaluate evaluate -> {
                    for (MetricSpec metric : evaluate.metrics()) {
                        add(used, providers.evaluator(metric.id()).plugin());
                    }
                }
                case Stage.Calibrate _, Stage.Export _ -> { }
            }
        }
        return used.values().stream().sorted(Comparator.comparing(InstalledPlugin::id)).toList();
    }

    private static void add(Map<String, InstalledPlugin> used, InstalledPlugin plugin) {
        used.put(plugin.id(), plugin);
    }
}
