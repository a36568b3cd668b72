package dev.presso.host.internal.run;

import dev.presso.host.internal.io.CanonicalJson;
import dev.presso.host.internal.io.AtomicFiles;
import dev.presso.host.internal.catalog.Provided;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets a strategy allocate one method's levels over the targeted sites under a bits-per-parameter
 * budget, with KL divergence to the dense model as fitness, then compresses each site at its
 * level. The allocation is saved in the stage folder, so a resumed run does not search again;
 * candidate operators the fitness needs are kept in the stage folder's {@code levels/} as they
 * are made (the level database of methods.md §1.2).
 */
final class SearchStep {
    private static final String ALLOCATION = "allocation.json";

    private SearchStep() {}

    static Map<String, Object> run(StageScope scope, Stage.Search stage, List<String> siteNames) {
        Provided<CompressionMethodProvider> methodProvider = scope.providers().method(stage.method().id());
        CompressionMethod method = PluginFailureException.attribute(methodProvider.plugin(), "creating method " + stage.method().id(),
                () -> methodProvider.provider().create(stage.methodParams().values()));
        List<Level> levels = method.levels();
        List<SearchUnit> units = new ArrayList<>();
        long parameters = 0;
        for (String name : siteNames) {
            LinearSite site = scope.state().site(name);
            long out = site.operator().outFeatures();
            long in = site.operator().inFeatures();
            parameters += out * in;
            units.add(new SearchUnit(name, levels.stream().map(level -> method.costBits(out, in, level)).toList()));
        }
        long budget = (long) Math.floor(stage.budget().bitsPerParameter() * parameters);
        SiteCompression compression = new SiteCompression(scope, method, methodProvider.plugin(),
                stage.methodParams().values());
        Allocation allocation = allocation(scope, stage, units, budget, levels, compression);
        long spent = 0;
        for (int u = 0; u < siteNames.size(); u++) {
            int index = allocation.levels().get(u);
            spent += units.get(u).levelCostsBits().get(index);
            compression.apply(siteNames.get(u), levels.get(index));
        }
        if (spent > budget) {
            throw new PressoException(scope.place() + ": strategy " + stage.strategy().id() + " returned an allocation of "
                    + spent + " bits, over the budget of " + budget + " bits");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("strategy", stage.strategy().id());
        summary.put("budgetBits", budget);
        summary.put("spentBits", spent);
        summary.put("levels", allocation.levels());
        Map<String, Object> outcome = new LinkedHashMap<>(summary);
        outcome.remove("levels");
        summary.put("trace", SearchTraces.of(stage.name(), scope.series(), units,
                levels.stream().map(Level::name).toList(), allocation, outcome));
        return summary;
    }

    private static Allocation allocation(StageScope scope, Stage.Search stage, List<SearchUnit> units, long budget,
            List<Level> levels, SiteCompression compression) {
        Path saved = scope.folder().resolve(ALLOCATION);
        if (Files.exists(saved)) {
            return new Allocation(List.of(CanonicalJson.read(saved, Integer[].class)));
        }
        Provided<SearchStrategyProvider> provided = scope.providers().strategy(stage.strategy().id());
        SearchStrategy strategy = PluginFailureException.attribute(provided.plugin(), "creating strategy " + stage.strategy().id(),
                () -> provided.provider().create(stage.strategyParams().values()));
        List<LinearSite> sites = units.stream().map(unit -> scope.state().site(unit.name())).toList();
        Map<String, LinearOperator> cache = new HashMap<>();
        Map<String, LinearOperator> before = new HashMap<>();
        sites.forEach(site -> before.put(site.name(), site.operator()));
        KlFitness fitness = new KlFitness(scope.state().model(), scope.dense().model(), scope.tensors(),
                scope.data().calibrationSequences(scope.place()), sites, (unit, level) -> {
                    String name = units.get(unit).name();
                    return cache.computeIfAbsent(name + "@" + level, key -> {
                        LinearOperator current = sites.get(unit).operator();
                        sites.get(unit).replace(before.get(name));
                        LinearOperator made = compression.operator(name, levels.get(level),
                                scope.folder().resolve("levels").resolve(name + "@" + levels.get(level).name()
                                        + ".safetensors"));
                        sites.get(unit).replace(current);
                        return made;
                    });
                }, scope.seed());
        Allocation allocation = PluginFailureException.attribute(provided.plugin(), "strategy " + stage.strategy().id(),
                () -> strategy.search(new SearchSpace(units, budget), fitness, scope.pluginContext()));
        sites.forEach(site -> site.replace(before.get(site.name())));
        if (allocation.levels().size() != units.size()
                || allocation.levels().stream().anyMatch(l -> l < 0 || l >= levels.size())) {
            throw new PressoException(scope.place() + ": strategy " + stage.strategy().id() + " returned " + allocation
                    + "; expected one level index in [0, " + levels.size() + ") for each of " + units.size() + " sites");
        }
        AtomicFiles.writeJson(saved, allocation.levels());
        return allocation;
    }
}
