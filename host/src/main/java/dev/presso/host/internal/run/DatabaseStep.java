package dev.presso.host.internal.run;

import dev.presso.host.internal.catalog.Provided;
import dev.presso.host.internal.pipeline.plan.DepthUnits;
import dev.presso.host.internal.pipeline.spec.Ladder;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.search.SearchUnit;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Builds a level database in the stage folder (examples/pipelines/README.md, "Level databases"),
 * or takes a finished one: the stage folder's own from an earlier attempt, the folder named by
 * {@code reuse}, or the cache's copy with the same provenance digest. A build saves every
 * (unit, level) payload as it is made, with its cost, error and zero count in the file's
 * metadata, so a resumed build repeats no finished level and ends with the same bytes; the
 * {@link LevelDatabase#FILE} is written last.
 */
final class DatabaseStep {
    private static final String COST = "presso.cost-bits";
    private static final String ERROR = "presso.error";
    private static final String ZEROS = "presso.zeros";
    private static final long DENSE_BITS = RunReports.DENSE_BITS;

    private DatabaseStep() {}

    /**
     * Runs the stage.
     *
     * @param scope the stage's scope
     * @param stage the stage
     * @param targeted the targeted sites, in model order (ignored for a depth ladder)
     * @return the stage's summary
     */
    static Map<String, Object> run(StageScope scope, Stage.Database stage, List<String> targeted) {
        Build build = stage.ladder() instanceof Ladder.Depth depth ? depth(scope, depth)
                : methodBuild(scope, stage, targeted);
        String source = obtain(scope, stage, build);
        LevelDatabase database = LevelDatabase.read(scope.folder()).orElseThrow();
        if (stage.cache()) {
            DatabaseCache.store(database.digest(), scope.folder());
        }
        System.getLogger("presso.run").log(System.Logger.Level.INFO, scope.place() + ": database " + stage.name()
                + " " + source + " (" + database.units().size() + " units, digest " + database.digest() + ")");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("database", stage.name());
        summary.put("kind", database.provenance().kind());
        summary.put("source", source);
        summary.put("digest", database.digest());
        summary.put("unitCount", database.units().size());
        summary.put("entries", database.units().stream().mapToInt(u -> u.levels().size()).sum());
        return summary;
    }

    /** What the stage would build: the provenance, and how to build the units. */
    private record Build(LevelDatabase.Provenance provenance, UnitsMaker maker) {}

    @FunctionalInterface
    private interface UnitsMaker {
        List<LevelDatabase.Unit> make();
    }

    /** Finds or builds the database in the stage folder; returns how it came there. */
    private static String obtain(StageScope scope, Stage.Database stage, Build build) {
        String digest = build.provenance().digest();
        Path folder = scope.folder();
        if (LevelDatabase.read(folder).filter(d -> d.digest().equals(digest)).isPresent()) {
            return "already built in this run";
        }
        if (stage.reuse().isPresent()) {
            Path reuse = stage.reuse().get();
            LevelDatabase found = LevelDatabase.read(reuse).orElseThrow(() -> new PressoException(scope.place()
                    + ": 'reuse' names " + reuse + ", which holds no " + LevelDatabase.FILE));
            build.provenance().difference(found.provenance()).ifPresent(difference -> {
                throw new PressoException(scope.place() + ": database " + reuse + " was built from another "
                        + difference + "; remove 'reuse' to build this one, or reuse a matching database");
            });
            DatabaseCache.copy(reuse, folder);
            return "reused from " + reuse;
        }
        if (stage.cache() && DatabaseCache.fetch(digest, folder)) {
            return "taken from the cache " + DatabaseCache.folder(digest);
        }
        boolean resumed = Files.isDirectory(folder.resolve(LevelDatabase.LEVELS));
        new LevelDatabase(LevelDatabase.FORMAT, digest, build.provenance(), build.maker().make()).write(folder);
        return resumed ? "built (resumed)" : "built";
    }

    private static Build methodBuild(StageScope scope, Stage.Database stage, List<String> targeted) {
        String id = stage.method().orElseThrow().id();
        Provided<CompressionMethodProvider> provided = scope.providers().method(id);
        CompressionMethod method = PluginFailureException.attribute(provided.plugin(), "creating method " + id,
                () -> provided.provider().create(stage.params().values()));
        SiteCompression compression = new SiteCompression(scope, method, provided.plugin(), stage.params().values());
        List<LinearSite> sites = targeted.stream().map(scope.state()::site).toList();
        MessageDigest weights = Digests.sha256();
        MessageDigest calibration = Digests.sha256();
        for (LinearSite site : sites) {
            weights.update(site.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Digests.update(weights, site.weight().toFloatArray());
            Tensor gram = gram(scope, stage, site.name());
            Digests.update(calibration, scope.state().calibration(site.name()).rows());
            Digests.update(calibration, gram.toFloatArray());
        }
        LevelDatabase.Provenance provenance = new LevelDatabase.Provenance(stage.ladder().key(),
                DatabaseLadder.describe(stage.ladder()), method.id(), provided.plugin().id() + " "
                        + provided.plugin().version(), stage.params().values(), Digests.hex(weights),
                Digests.hex(calibration), targeted);
        return new Build(provenance, () -> {
            List<List<Level>> ladders = sites.stream().map(site -> DatabaseLadder.levels(stage.ladder(), method,
                    weightCount(site), scope.place())).toList();
            long total = ladders.stream().mapToLong(List::size).sum();
            List<LevelDatabase.Unit> units = new ArrayList<>();
            try (ProgressSink progress = scope.progress().open("database " + stage.name(), total)) {
                for (int u = 0; u < sites.size(); u++) {
                    LinearSite site = sites.get(u);
                    List<LevelDatabase.Entry> entries = new ArrayList<>();
                    for (int i = 0; i < ladders.get(u).size(); i++) {
                        entries.add(entry(scope, stage, compression, site, ladders.get(u).get(i),
                                DatabaseLadder.requiredZeros(stage.ladder(), weightCount(site), i)));
                        progress.advance(1);
                    }
                    units.add(new LevelDatabase.Unit(site.name(), SearchUnit.DEFAULT_GROUP, weightCount(site),
                            List.of(site.name()), entries));
                }
            }
            return units;
        });
    }

    /** Makes (or, after a kill, reads back) one level of one unit. */
    private static LevelDatabase.Entry entry(StageScope scope, Stage.Database stage, SiteCompression compression,
            LinearSite site, Level level, OptionalLong requiredZeros) {
        Path file = LevelDatabase.payload(scope.folder(), site.name(), level.name());
        if (Files.exists(file)) {
            try (TensorScope _ = scope.tensors().scope()) {
                Map<String, String> metadata = TensorFiles.read(file, scope.tensors()).metadata();
                return new LevelDatabase.Entry(level.name(), level.value(), Long.parseLong(metadata.get(COST)),
                        Double.parseDouble(metadata.get(ERROR)), Long.parseLong(metadata.get(ZEROS)));
            }
        }
        String method = compression.methodId();
        try (GradMode _ = scope.tensors().noGrad(); TensorScope _ = scope.tensors().scope()) {
            LinearOperator operator = compression.compress(site.name(), level);
            Tensor weight = operator.denseWeight();
            long zeros = zeros(weight.toFloatArray());
            if (requiredZeros.isPresent() && zeros != requiredZeros.getAsLong()) {
                throw new PressoException(scope.place() + ": method " + method + " left " + zeros + " zero weights in "
                        + site.name() + " at level " + level.name() + ", expected exactly " + requiredZeros.getAsLong()
                        + "; a sparsity ladder needs a method that zeroes exactly the requested count (value × weights,"
                        + " rounded), such as sparsegpt or magnitude");
            }
            long cost = compression.costBits(site, level);
            double error = LayerError.of(scope.tensors(), site.weight(), weight, gram(scope, stage, site.name()));
            compression.save(file, operator, level, Map.of(COST, Long.toString(cost), ERROR, Double.toString(error),
                    ZEROS, Long.toString(zeros)));
            return new LevelDatabase.Entry(level.name(), level.value(), cost, error, zeros);
        }
    }

    private static Tensor gram(StageScope scope, Stage.Database stage, String site) {
        return scope.state().calibration(site).gram().orElseThrow(() -> new PressoException(scope.place()
                + ": database '" + stage.name() + "' measures each level's error on the calibration Gram matrix of "
                + site + ", but no calibrate stage ran before it; add '- calibrate' before the stage"));
    }

    private static Build depth(StageScope scope, Ladder.Depth ladder) {
        List<DepthUnits.Unit> blocks = DepthUnits.of(ladder, scope.state().siteNames());
        if (blocks.isEmpty()) {
            throw new PressoException(scope.place() + ": the model has no attention or MLP sub-block to drop");
        }
        MessageDigest weights = Digests.sha256();
        List<LevelDatabase.Unit> units = new ArrayList<>();
        for (DepthUnits.Unit block : blocks) {
            long parameters = 0;
            for (String name : block.sites()) {
                LinearSite site = scope.state().site(name);
                parameters += weightCount(site);
                weights.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Digests.update(weights, site.weight().toFloatArray());
            }
            LinearSite output = scope.state().site(block.output());
            long outputZeros = zeros(output.weight().toFloatArray());
            units.add(new LevelDatabase.Unit(block.name(), block.group(), parameters, List.of(block.output()), List.of(
                    new LevelDatabase.Entry("kept", 0, DENSE_BITS * parameters, 0, outputZeros),
                    new LevelDatabase.Entry("dropped", 1, 0, 1, weightCount(output)))));
        }
        LevelDatabase.Provenance provenance = new LevelDatabase.Provenance(LevelDatabase.DEPTH,
                DatabaseLadder.describe(ladder), "", "", Map.of(), Digests.hex(weights), "",
                units.stream().map(LevelDatabase.Unit::name).toList());
        return new Build(provenance, () -> units);
    }

    private static long weightCount(LinearSite site) {
        return site.operator().outFeatures() * site.operator().inFeatures();
    }

    private static long zeros(float[] values) {
        long zeros = 0;
        for (float value : values) {
            if (value == 0f) {
                zeros++;
            }
        }
        return zeros;
    }
}
