package dev.presso.host.internal.run;

import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.Provided;
import dev.presso.host.internal.io.AtomicFiles;
import dev.presso.host.internal.io.CanonicalJson;
import dev.presso.host.internal.model.DenseLinearOperator;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchStrategyProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Lets a strategy choose one level per unit of a level database under a budget, with KL divergence
 * to the dense model as fitness, then puts the database's operators of the chosen levels into the
 * model (nothing is compressed again). The allocation is saved in the stage folder, so a resumed
 * run does not search again; the strategy's own checkpoints continue an interrupted search.
 */
final class DatabaseSearchStep {
    private static final String ALLOCATION = "allocation.json";
    /** The pretend plugin named for sites a depth search dropped. */
    static final InstalledPlugin HOST = new InstalledPlugin("host", "internal", "", "", "host");

    private DatabaseSearchStep() {}

    static Map<String, Object> run(StageScope scope, Stage.DatabaseSearch stage) {
        String name = stage.database().id();
        Path folder = scope.databases().get(name);
        if (folder == null) {
            throw new PressoException(scope.place() + ": no database '" + name + "' was built before this stage");
        }
        LevelDatabase database = LevelDatabase.read(folder).orElseThrow(() -> new PressoException(scope.place()
                + ": database '" + name + "' in " + folder + " is not complete"));
        SearchSpace space = DatabaseSpace.of(database, stage.budget(), scope.place());
        Operators operators = new Operators(scope, database, folder);
        Allocation allocation = allocation(scope, stage, space, operators);
        for (int u = 0; u < space.units().size(); u++) {
            operators.put(u, allocation.levels().get(u));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("strategy", stage.strategy().id());
        summary.put("database", name);
        summary.putAll(DatabaseSpace.summary(database, space, allocation));
        Map<String, Object> outcome = new LinkedHashMap<>(summary);
        outcome.remove("levels");
        summary.put("trace", SearchTraces.of(stage.name(), scope.series(), database, allocation, outcome));
        return summary;
    }

    private static Allocation allocation(StageScope scope, Stage.DatabaseSearch stage, SearchSpace space,
            Operators operators) {
        Path saved = scope.folder().resolve(ALLOCATION);
        if (Files.exists(saved)) {
            Allocation allocation = new Allocation(List.of(CanonicalJson.read(saved, Integer[].class)));
            check(scope, stage, space, allocation);
            return allocation;
        }
        Provided<SearchStrategyProvider> provided = scope.providers().strategy(stage.strategy().id());
        SearchStrategy strategy = PluginFailureException.attribute(provided.plugin(), "creating strategy "
                + stage.strategy().id(), () -> provided.provider().create(stage.strategyParams().values()));
        KlFitness fitness = new KlFitness(scope.state().model(), scope.dense().model(), scope.tensors(),
                scope.data().calibrationSequences(scope.place()), operators.sites(), operators::materialized,
                scope.seed());
        Allocation allocation;
        try {
            allocation = PluginFailureException.attribute(provided.plugin(), "strategy " + stage.strategy().id(),
                    () -> strategy.search(space, fitness, scope.pluginContext()));
        } finally {
            operators.restoreBefore();
        }
        check(scope, stage, space, allocation);
        AtomicFiles.writeJson(saved, allocation.levels());
        return allocation;
    }

    private static void check(StageScope scope, Stage.DatabaseSearch stage, SearchSpace space, Allocation allocation) {
        List<Integer> levels = allocation.levels();
        boolean shaped = levels.size() == space.units().size();
        for (int u = 0; shaped && u < levels.size(); u++) {
            shaped = levels.get(u) >= 0 && levels.get(u) < space.units().get(u).levelCount();
        }
        if (!shaped) {
            throw new PressoException(scope.place() + ": strategy " + stage.strategy().id() + " returned " + levels
                    + "; expected one level index per unit for " + space.units().size() + " units");
        }
        if (!space.fits(allocation)) {
            throw new PressoException(scope.place() + ": strategy " + stage.strategy().id() + " returned an allocation"
                    + " of " + space.cost(allocation) + " bits that does not fit the budget of " + space.budgetBits()
                    + " bits" + (space.groupBudgetsBits().isEmpty() ? "" : " and group budgets "
                            + space.groupBudgetsBits()));
        }
    }

    /** The operators of the database's levels, restored from their payloads once and kept. */
    private static final class Operators {
        private final StageScope scope;
        private final LevelDatabase database;
        private final Path folder;
        private final List<LinearSite> sites;
        private final Map<String, LinearOperator> before = new HashMap<>();
        private final Map<String, LinearOperator> cache = new HashMap<>();
        private final Map<LinearOperator, LinearOperator> dense = new IdentityHashMap<>();
        private final @Nullable SiteCompression compression;

        Operators(StageScope scope, LevelDatabase database, Path folder) {
            this.scope = scope;
            this.database = database;
            this.folder = folder;
            this.sites = database.units().stream().map(unit -> scope.state().site(unit.sites().getFirst())).toList();
            sites.forEach(site -> before.put(site.name(), site.operator()));
            this.compression = database.holdsDepth() ? null : compression(scope, database);
        }

        private static SiteCompression compression(StageScope scope, LevelDatabase database) {
            String id = database.provenance().method();
            Provided<CompressionMethodProvider> provided = scope.providers().method(id);
            String built = database.provenance().plugin();
            String here = provided.plugin().id() + " " + provided.plugin().version();
            if (!built.equals(here)) {
                throw new PressoException(scope.place() + ": the database was built with " + built + ", but this run"
                        + " has " + here + "; rebuild it with this version");
            }
            CompressionMethod method = PluginFailureException.attribute(provided.plugin(), "creating method " + id,
                    () -> provided.provider().create(database.provenance().settings()));
            return new SiteCompression(scope, method, provided.plugin(), database.provenance().settings());
        }

        List<LinearSite> sites() {
            return sites;
        }

        /** Returns the operator of a unit's level, for the fitness. */
        LinearOperator candidate(int unit, int level) {
            LinearSite site = sites.get(unit);
            LevelDatabase.Unit entry = database.units().get(unit);
            if (database.holdsDepth()) {
                LinearOperator dense = before.get(site.name());
                return level == 0 ? dense : cache.computeIfAbsent(site.name() + "@dropped",
                        k -> new DroppedOperator(scope.tensors(), dense.outFeatures(), dense.inFeatures()));
            }
            String levelName = entry.levels().get(level).name();
            SiteCompression methods = Objects.requireNonNull(compression);
            return cache.computeIfAbsent(site.name() + "@" + levelName, k -> methods.restore(site.name(),
                    LevelDatabase.payload(folder, entry.name(), levelName)).operator());
        }

        /**
         * Returns a unit's level for the fitness as the plain product with its dense weight, made
         * once: the same linear map as the compressed operator, without decoding its payload on
         * every forward (dropped sub-blocks stay the zero map).
         */
        LinearOperator materialized(int unit, int level) {
            LinearOperator operator = candidate(unit, level);
            if (operator instanceof DenseLinearOperator || operator instanceof DroppedOperator) {
                return operator;
            }
            return dense.computeIfAbsent(operator, o -> new DenseLinearOperator(o.denseWeight()));
        }

        /** Puts the dense operators back after the search tried candidates. */
        void restoreBefore() {
            sites.forEach(site -> site.replace(before.get(site.name())));
        }

        /** Puts a unit's chosen level into the model state. */
        void put(int unit, int level) {
            LinearSite site = sites.get(unit);
            LevelDatabase.Entry entry = database.units().get(unit).levels().get(level);
            LinearOperator operator = candidate(unit, level);
            if (database.holdsDepth()) {
                if (level == 1) {
                    scope.state().record(new SiteRecord(site.name(), "drop", HOST, Map.of(),
                            new Level(entry.name(), entry.value()), operator));
                }
                return;
            }
            Objects.requireNonNull(compression).put(site.name(), new Level(entry.name(), entry.value()), operator);
        }
    }
}
