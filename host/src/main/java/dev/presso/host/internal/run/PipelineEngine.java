package dev.presso.host.internal.run;

import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.calibration.ProgressOpener;
import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.io.AtomicFiles;
import dev.presso.host.internal.io.CanonicalJson;
import dev.presso.host.internal.model.llama.LlamaLoader;
import dev.presso.host.internal.model.llama.LlamaModel;
import dev.presso.host.internal.pipeline.plan.PlanResolver;
import dev.presso.host.internal.pipeline.plan.Rule;
import dev.presso.host.internal.pipeline.plan.SitePlan;
import dev.presso.host.internal.report.model.SearchTrace;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import dev.presso.host.internal.pipeline.spec.Targets;
import dev.presso.host.internal.report.ReportWriter;
import dev.presso.host.internal.report.model.RunTimings;
import dev.presso.host.internal.report.model.StageTiming;
import dev.presso.kernel.model.LinearSite;
import java.time.Instant;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.host.internal.pipeline.spec.Variant;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.Problem;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Runs a checked pipeline: the shared stages on the dense model, then each variant on the model
 * put back to dense (calibration kept), stage by stage, in the run's output folder.
 *
 * <p>Stages run on one worker thread per run while the caller waits with the stage's time limit:
 * a stage over its limit is cancelled, and if it does not stop within a grace period the run ends
 * with a problem while the host goes on (the worker is a daemon thread). A stage whose plugin
 * throws fails its branch with a problem naming the plugin; the next variant still runs. Finished
 * stages leave {@code done.json}; on resume, finished evaluate and export stages are not repeated,
 * compress and search stages restore their sites from checkpoints, and calibration is recomputed
 * (it is deterministic).
 */
public final class PipelineEngine {
    /** The branch name of the stages before the variants. */
    static final String SHARED = "shared";
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final Catalog catalog;

    /**
     * Creates an engine.
     *
     * @param catalog where plugins come from
     */
    public PipelineEngine(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * How to run.
     *
     * @param output the run's output folder
     * @param resume whether to continue the run already in the folder
     * @param stageTimeout the longest a stage may take, or empty for no limit
     * @param progress where progress goes
     * @param hostVersion the host's version, for the report
     */
    public record Options(Path output, boolean resume, Optional<Duration> stageTimeout, ProgressOpener progress,
            String hostVersion) {}

    /**
     * Runs a pipeline.
     *
     * @param spec the checked pipeline
     * @param pipelineBytes the pipeline file's bytes, kept in the run folder and hashed
     * @param modelDirectory the model directory ({@code default} already resolved)
     * @param options how to run
     * @param cancellation cancels the run (Ctrl-C)
     * @return the outcome
     */
    public RunOutcome run(PipelineSpec spec, byte[] pipelineBytes, Path modelDirectory, Options options,
            RunCancellation cancellation) {
        Instant started = Instant.now();
        long start = System.nanoTime();
        try (TensorBackend backend = TensorRuntime.openBackend(spec.provider(), BackendOptions.defaults())) {
            Tensors tensors = TensorRuntime.tensors(backend);
            Providers providers = new Providers(catalog);
            List<InstalledPlugin> used = PluginsUsed.of(spec, providers);
            RunFolder folder = RunFolder.open(options.output(), new RunFolder.RunInfo(spec.name(),
                    Digests.sha256(pipelineBytes), spec.seed(), modelDirectory.toString(), backend.name()), pipelineBytes,
                    used, options.resume());
            RunData data = RunData.read(spec.data(), modelDirectory);
            ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "presso-run-" + spec.name());
                thread.setDaemon(true);
                return thread;
            });
            try (LlamaModel model = LlamaLoader.load(modelDirectory, tensors);
                    DenseReference dense = new DenseReference(modelDirectory, tensors)) {
                dense.model();
                Branches branches = new Branches(spec, folder, new ModelState(model), data, providers, tensors,
                        options, cancellation, dense, modelDirectory, worker);
                RunOutcome outcome = branches.runAll();
                List<LinearSite> blockSites = model.linearSites().stream()
                        .filter(site -> new Targets(List.of(), List.of()).includes(site.name())).toList();
                ReportWriter.write(folder.root(), RunReports.of(spec, modelDirectory.toString(), backend.name(),
                        options.hostVersion(), used, outcome.results(), blockSites, branches.units),
                        new RunTimings(started.toString(), seconds(System.nanoTime() - start), branches.timings));
                return outcome;
            } finally {
                worker.shutdownNow();
            }
        }
    }

    /** Runs the branches of one run in order. */
    private final class Branches {
        private final PipelineSpec spec;
        private final RunFolder folder;
        private final ModelState state;
        private final RunData data;
        private final Providers providers;
        private final Tensors tensors;
        private final Options options;
        private final RunCancellation cancellation;
        private final DenseReference dense;
        private final Path modelDirectory;
        private final ExecutorService worker;
        private final List<Problem> problems = new ArrayList<>();
        private final List<StageTiming> timings = new ArrayList<>();
        private final Map<String, String> units = new java.util.TreeMap<>();
        private final Map<String, Path> sharedDatabases = new LinkedHashMap<>();
        private boolean stopped;

        Branches(PipelineSpec spec, RunFolder folder, ModelState state, RunData data, Providers providers,
                Tensors tensors, Options options, RunCancellation cancellation, DenseReference dense,
                Path modelDirectory, ExecutorService worker) {
            this.spec = spec;
            this.folder = folder;
            this.state = state;
            this.data = data;
            this.providers = providers;
            this.tensors = tensors;
            this.options = options;
            this.cancellation = cancellation;
            this.dense = dense;
            this.modelDirectory = modelDirectory;
            this.worker = worker;
        }

        RunOutcome runAll() {
            List<BranchResult> results = new ArrayList<>();
            results.add(branch(SHARED, spec.stages()));
            for (Variant variant : spec.variants()) {
                if (stopped) {
                    break;
                }
                results.add(branch(variant.name(), variant.stages()));
            }
            return new RunOutcome(folder.root(), results, problems);
        }

        private BranchResult branch(String name, List<Stage> stages) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            List<SearchTrace> searches = new ArrayList<>();
            Map<String, Path> databases = name.equals(SHARED) ? sharedDatabases : new LinkedHashMap<>(sharedDatabases);
            boolean failed = false;
            TensorScope[] scope = new TensorScope[1];
            call(() -> {
                state.resetToDense();
                scope[0] = tensors.scope();
                return Map.of();
            }, Optional.empty(), cancellation);
            try {
                for (int i = 0; i < stages.size() && !failed && !stopped; i++) {
                    failed = !stage(name, i + 1, stages.get(i), metrics, searches, databases);
                }
                return result(name, metrics, failed || stopped, searches);
            } finally {
                if (!stopped) {
                    call(() -> {
                        scope[0].close();
                        return Map.of();
                    }, Optional.empty(), cancellation);
                }
            }
        }

        /** Runs one stage; returns whether it finished. */
        @SuppressWarnings("unchecked")
        private boolean stage(String branch, int index, Stage stage, Map<String, Double> metrics,
                List<SearchTrace> searches, Map<String, Path> databases) {
            Path stageFolder = folder.stageFolder(branch, index, stage.name());
            RunCancellation stageCancellation = cancellation.child();
            StageScope scope = new StageScope(branch, stage.name(), stageFolder, state, data, providers, tensors,
                    options.progress(), stageCancellation, RunContext.derive(spec.seed(), branch + "/" + stage.name()),
                    dense, new SeriesLog(stageFolder), Map.copyOf(databases));
            Path done = stageFolder.resolve("done.json");
            boolean finished = RunFolder.isDone(stageFolder);
            if (finished && (stage instanceof Stage.Evaluate || stage instanceof Stage.Export)) {
                collect(CanonicalJson.read(done, Map.class), metrics);
                return true;
            }
            Map<String, Object> summary;
            long begin = System.nanoTime();
            try {
                summary = call(() -> execute(scope, stage), options.stageTimeout(), stageCancellation);
                timings.add(new StageTiming(branch, stage.name(), seconds(System.nanoTime() - begin)));
            } catch (StageProblemException failure) {
                Problem problem = failure.problem;
                problems.add(new Problem(problem.code(), scope.place() + ": " + problem.message(),
                        stage.where().toString(), problem.hint()));
                return false;
            }
            collect(summary, metrics);
            if (summary.get("trace") instanceof SearchTrace trace) {
                searches.add(trace);
            }
            if (stage instanceof Stage.Database) {
                databases.put(stage.name(), stageFolder);
            }
            RunFolder.markDone(stageFolder, summary);
            return true;
        }

        private Map<String, Object> execute(StageScope scope, Stage stage) {
            return switch (stage) {
                case Stage.Calibrate calibrate -> CalibrateStep.run(scope, calibrate);
                case Stage.Compress compress -> CompressStep.run(scope, compress, sites(scope, stage));
                case Stage.Search search -> SearchStep.run(scope, search, sites(scope, stage).stream()
                        .filter(site -> site.rule().compresses()).map(SitePlan::site).toList());
                case Stage.Database database -> DatabaseStep.run(scope, database, sites(scope, stage).stream()
                        .filter(site -> site.rule().kind() == Rule.Kind.DATABASE).map(SitePlan::site).toList());
                case Stage.DatabaseSearch search -> DatabaseSearchStep.run(scope, search);
                case Stage.Evaluate evaluate -> EvaluateStep.run(scope, evaluate);
                case Stage.Export export -> ExportStep.run(scope, export, modelDirectory,
                        folder.exportFolder(scope.branch()));
            };
        }

        /** Takes the metrics and their units out of an evaluate stage's summary. */
        private void collect(Map<String, Object> summary, Map<String, Double> metrics) {
            if (summary.get("metrics") instanceof Map<?, ?> measured) {
                measured.forEach((k, v) -> metrics.put(k.toString(), ((Number) v).doubleValue()));
            }
            if (summary.get("units") instanceof Map<?, ?> named) {
                named.forEach((k, v) -> units.put(k.toString(), v.toString()));
            }
        }

        /** Resolves a stage's sites with the rules {@code presso plan} prints. */
        private List<SitePlan> sites(StageScope scope, Stage stage) {
            Optional<String> variant = scope.branch().equals(SHARED) ? Optional.empty() : Optional.of(scope.branch());
            return PlanResolver.resolve(variant, stage, state.siteNames()).orElseThrow().sites();
        }

        /** Runs work on the worker thread within a time limit, turning failures into problems. */
        private Map<String, Object> call(StageWork work, Optional<Duration> limit, RunCancellation stageCancellation) {
            Future<Map<String, Object>> future = worker.submit(work::run);
            try {
                return limit.isPresent() ? future.get(limit.get().toMillis(), TimeUnit.MILLISECONDS) : future.get();
            } catch (TimeoutException e) {
                stageCancellation.cancel("time limit of " + limit.orElseThrow().toSeconds() + " s exceeded");
                if (!finishes(future)) {
                    stopped = true;
                }
                throw new StageProblemException(new Problem("RUN002", "exceeded its time limit of "
                        + limit.orElseThrow().toSeconds() + " s and was cancelled", folder.root().toString(),
                        "raise --stage-timeout, or resume the run with --resume; finished sites are kept"));
            } catch (ExecutionException e) {
                throw new StageProblemException(problem(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancellation.cancel("interrupted");
                stopped = true;
                throw new StageProblemException(new Problem("RUN003", "run interrupted", folder.root().toString(),
                        "continue it with --resume"));
            }
        }

        private boolean finishes(Future<?> future) {
            try {
                future.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                future.cancel(true);
                return false;
            } catch (ExecutionException e) {
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private Problem problem(@Nullable Throwable cause) {
            if (cause instanceof RunCancellation.RunCancelledException cancelled) {
                stopped = true;
                return new Problem("RUN003", cancelled.getMessage(), folder.root().toString(),
                        "continue it with presso run --resume");
            }
            String message = cause instanceof PressoException ? cause.getMessage()
                    : "internal error " + (cause == null ? "" : cause.getClass().getName() + ": " + cause.getMessage());
            return new Problem("RUN001", message, folder.root().toString(),
                    "the other variants still ran; fix the cause and continue with --resume");
        }

        private BranchResult result(String name, Map<String, Double> metrics, boolean failed,
                List<SearchTrace> searches) {
            List<BranchResult.LayerResult> layers = new ArrayList<>();
            long parameters = 0;
            long bits = 0;
            for (SiteRecord made : state.compressed().values()) {
                long count = made.operator().outFeatures() * made.operator().inFeatures();
                long stored = made.operator().storageBits();
                layers.add(new BranchResult.LayerResult(made.site(), made.method(),
                        made.plugin().id() + " " + made.plugin().version(), made.level().name(), made.level().value(),
                        count, stored));
                parameters += count;
                bits += stored;
            }
            return new BranchResult(name, metrics, layers, parameters, bits, failed, searches);
        }
    }

    /** Work run on the worker thread. */
    @FunctionalInterface
    private interface StageWork {
        Map<String, Object> run();
    }

    /** A stage's failure on its way to the run's problem list. */
    private static final class StageProblemException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        StageProblemException(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1e3;
    }
}
