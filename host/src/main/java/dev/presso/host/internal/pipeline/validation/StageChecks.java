package dev.presso.host.internal.pipeline.validation;

import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.Provided;
import dev.presso.host.internal.pipeline.plan.Levels;
import dev.presso.host.internal.pipeline.spec.Diagnostic;
import dev.presso.host.internal.pipeline.spec.LevelOverride;
import dev.presso.host.internal.pipeline.spec.LevelRef;
import dev.presso.host.internal.pipeline.spec.Location;
import dev.presso.host.internal.pipeline.spec.MetricSpec;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import dev.presso.host.internal.pipeline.spec.PluginRef;
import dev.presso.host.internal.pipeline.spec.PluginVersion;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import dev.presso.host.internal.pipeline.spec.Settings;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.host.internal.pipeline.spec.Variant;
import dev.presso.kernel.evaluation.EvaluatorProvider;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.search.SearchStrategyProvider;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import dev.presso.host.internal.pipeline.spec.Ladder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Checks each stage against the catalog and the model, in execution order (shared stages once,
 * then each variant's): providers exist, accept their settings and offer the levels named;
 * patterns match sites; methods that need calibration have a calibrate stage before them; used
 * plugins are listed when the pipeline lists any. One instance checks one pipeline.
 */
final class StageChecks {
    private final PipelineSpec spec;
    private final PipelineEnvironment environment;
    private final ProviderIndex index;
    private final Optional<List<String>> sites;
    private final Set<String> warnedPlugins = new HashSet<>();
    private final Map<String, Stage.Database> sharedDatabases = new HashMap<>();
    private Seq<Diagnostic> found = Vector.empty();

    private StageChecks(PipelineSpec spec, PipelineEnvironment environment, Optional<List<String>> sites) {
        this.spec = spec;
        this.environment = environment;
        this.index = ProviderIndex.of(environment.catalog(), spec.plugins());
        this.sites = sites;
    }

    /**
     * Checks every stage.
     *
     * @param spec the pipeline
     * @param environment the environment
     * @param sites the model's sites, empty when they cannot be listed (pattern checks are skipped)
     * @return the problems
     */
    static Seq<Diagnostic> check(PipelineSpec spec, PipelineEnvironment environment, Optional<List<String>> sites) {
        StageChecks checks = new StageChecks(spec, environment, sites);
        boolean calibrated = checks.stages(spec.stages(), false, "the shared stages", checks.sharedDatabases);
        for (Variant variant : spec.variants()) {
            checks.stages(variant.stages(), calibrated, "variant '" + variant.name() + "'",
                    new HashMap<>(checks.sharedDatabases));
        }
        return checks.found;
    }

    /** Checks a list of stages; returns whether a calibrate stage has run by its end. */
    private boolean stages(List<Stage> stages, boolean calibratedBefore, String scope,
            Map<String, Stage.Database> databases) {
        boolean calibrated = calibratedBefore;
        for (Stage stage : stages) {
            switch (stage) {
                case Stage.Calibrate c -> calibrated = true;
                case Stage.Compress c -> compress(c, calibrated, scope);
                case Stage.Search s -> search(s, calibrated, scope);
                case Stage.Database d -> {
                    database(d, calibrated, scope);
                    databases.put(d.name(), d);
                }
                case Stage.DatabaseSearch s -> databaseSearch(s, databases, scope);
                case Stage.Evaluate e -> e.metrics().forEach(this::metric);
                case Stage.Export e -> { }
            }
        }
        return calibrated;
    }

    private void compress(Stage.Compress stage, boolean calibrated, String scope) {
        method(stage.method(), stage.params()).ifPresent(method -> levels(method, stage));
        sites.ifPresent(s -> add(TargetChecks.check(stage.targets(), stage.overrides(), stage.where(), s)));
        calibration(stage.method(), stage.params(), calibrated, stage, scope);
    }

    private void search(Stage.Search stage, boolean calibrated, String scope) {
        PluginRef strategy = stage.strategy();
        configure(index.strategy(strategy.id(), strategy.where()), owner("search strategy", strategy), strategy.id(),
                stage.strategyParams(), strategy.where(), SearchStrategyProvider::options,
                SearchStrategyProvider::create);
        method(stage.method(), stage.methodParams());
        sites.ifPresent(s -> add(TargetChecks.check(stage.targets(), List.of(), stage.where(), s)));
        calibration(stage.method(), stage.methodParams(), calibrated, stage, scope);
    }

    private void database(Stage.Database stage, boolean calibrated, String scope) {
        DatabaseChecks checks = new DatabaseChecks(sites);
        stage.method().ifPresent(ref -> {
            method(ref, stage.params()).ifPresent(method -> {
                if (stage.ladder() instanceof Ladder.Named named) {
                    Try<List<Level>> levels = Try.of(method::levels);
                    if (levels.isFailure()) {
                        add(Vector.of(SettingsCheck.failed(owner("compression method", ref), "levels()",
                                levels.getCause(), ref.where())));
                    } else {
                        named.levels().stream().filter(level -> Levels.find(level, levels.get()).isEmpty())
                                .forEach(level -> add(Vector.of(unknownLevel(owner("compression method", ref),
                                        level, levels.get()))));
                    }
                }
            });
            sites.ifPresent(s -> add(TargetChecks.check(stage.targets(), List.of(), stage.where(), s)));
            if (!calibrated) {
                add(Vector.of(new Diagnostic(ProblemCode.CALIBRATION_MISSING, ref.where(), "database '" + stage.name()
                        + "' of " + scope + " measures each level's error on calibration statistics, but no calibrate"
                        + " stage runs before it", "add '- calibrate' before it, for example as the first shared"
                                + " stage (it reads data.calibration)")));
            }
        });
        add(checks.database(stage));
    }

    private void databaseSearch(Stage.DatabaseSearch stage, Map<String, Stage.Database> databases, String scope) {
        PluginRef strategy = stage.strategy();
        configure(index.strategy(strategy.id(), strategy.where()), owner("search strategy", strategy), strategy.id(),
                stage.strategyParams(), strategy.where(), SearchStrategyProvider::options,
                SearchStrategyProvider::create);
        add(new DatabaseChecks(sites).search(stage, databases, scope));
    }

    private void metric(MetricSpec metric) {
        configure(index.evaluator(metric.id(), metric.where()), owner("evaluator", new PluginRef(metric.id(),
                metric.where())), metric.id(), metric.params(), metric.where(), EvaluatorProvider::options,
                EvaluatorProvider::create);
    }

    /** Finds and configures a method, recording its problems. */
    private Optional<CompressionMethod> method(PluginRef ref, Settings params) {
        return configure(index.method(ref.id(), ref.where()), owner("compression method", ref), ref.id(), params,
                ref.where(),
                CompressionMethodProvider::options, CompressionMethodProvider::create);
    }

    /** Creates a plugin object from a found provider and settings, recording every problem. */
    private <P, T> Optional<T> configure(Validation<Diagnostic, Provided<P>> found, String owner, String id,
            Settings settings, Location where, Function<P, List<PluginOption>> options,
            BiFunction<P, Map<String, String>, T> create) {
        if (found.isInvalid()) {
            add(Vector.of(found.getError()));
            return Optional.empty();
        }
        P provider = found.get().provider();
        declared(found.get().plugin(), where);
        SettingsCheck.Outcome<T> outcome = SettingsCheck.create(owner, id, settings, where,
                () -> options.apply(provider), values -> create.apply(provider, values));
        add(outcome.problems());
        return outcome.made();
    }

    private void levels(CompressionMethod method, Stage.Compress stage) {
        String owner = owner("compression method", stage.method());
        Try<List<Level>> levels = Try.of(method::levels);
        if (levels.isFailure()) {
            add(Vector.of(SettingsCheck.failed(owner, "levels()", levels.getCause(), stage.method().where())));
            return;
        }
        Stream.concat(Stream.of(stage.level()), stage.overrides().stream().map(LevelOverride::level)
                        .flatMap(Optional::stream))
                .filter(ref -> Levels.find(ref, levels.get()).isEmpty())
                .forEach(ref -> add(Vector.of(unknownLevel(owner, ref, levels.get()))));
    }

    private static Diagnostic unknownLevel(String owner, LevelRef ref, List<Level> levels) {
        return new Diagnostic(ProblemCode.UNKNOWN_LEVEL, ref.where(), owner + " offers no level '" + ref.text() + "'",
                "name a level or its value: " + Levels.describe(levels));
    }

    private void calibration(PluginRef method, Settings params, boolean calibrated, Stage stage, String scope) {
        if (!calibrated && environment.calibrationNeeds().needsCalibration(method.id(), params)) {
            add(Vector.of(new Diagnostic(ProblemCode.CALIBRATION_MISSING, method.where(), owner("compression method",
                    method) + " needs calibration statistics, but no calibrate stage runs before stage '"
                    + stage.name() + "' of " + scope, "add '- calibrate' before it, for example as the first shared"
                            + " stage (it reads data.calibration)")));
        }
    }

    /** Warns, once per plugin, when a pipeline that lists plugins uses one it does not list. */
    private void declared(InstalledPlugin plugin, Location where) {
        if (!spec.plugins().isEmpty() && !index.isRequired(plugin.id()) && warnedPlugins.add(plugin.id())) {
            String constraint = PluginVersion.parse(plugin.version())
                    .map(v -> "^" + v.major() + "." + v.minor()).orElse("*");
            add(Vector.of(new Diagnostic(ProblemCode.PLUGIN_NOT_DECLARED, where, "plugin "
                    + ProviderIndex.plugin(plugin)
                    + " is used here but not listed under plugins:", "add '" + plugin.id() + ": " + constraint
                            + "' under plugins: so that the pipeline states the versions it was written for")));
        }
    }

    private static String owner(String noun, PluginRef ref) {
        return noun + " '" + ref.id() + "'";
    }

    private void add(Seq<Diagnostic> diagnostics) {
        found = found.appendAll(diagnostics);
    }
}
