package dev.presso.host.internal.pipeline.reader;

import dev.presso.host.internal.pipeline.spec.DataSpec;
import dev.presso.host.internal.pipeline.spec.Diagnostic;
import dev.presso.host.internal.pipeline.spec.Location;
import dev.presso.host.internal.pipeline.spec.ModelRef;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import dev.presso.host.internal.pipeline.spec.PluginConstraint;
import dev.presso.host.internal.pipeline.spec.PluginRequirement;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.host.internal.pipeline.spec.Variant;
import dev.presso.kernel.pipeline.Problem;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a pipeline YAML file (format version 1, documented in {@code examples/pipelines/README.md})
 * into a {@link PipelineSpec}, reporting every structural problem of the file at once, each with
 * its line and column. Nothing here looks at installed plugins, the model or data files; {@code
 * PipelineValidator} does, in the same pass when it is given the file.
 *
 * <pre>{@code
 * Validation<List<Problem>, PipelineSpec> read = PipelineReader.read(Path.of("pipeline.yaml"));
 * if (read.isInvalid()) read.getError().forEach(p -> System.err.println(p.format()));
 * }</pre>
 *
 * <p>Never throws for a mistake in the file. Stateless and thread-safe.
 */
public final class PipelineReader {
    /** The format version this reader understands. */
    public static final int FORMAT_VERSION = 1;

    private static final List<Key> KEYS = List.of(
            new Key("presso", "the format version, " + FORMAT_VERSION),
            new Key("name", "the pipeline's name"),
            new Key("seed", "a whole number"),
            new Key("model", "a model folder relative to this file, or default"),
            new Key("provider", "a tensor provider name such as cpu"),
            new Key("plugins", "plugin ids mapped to version constraints, such as baselines: ^0.1"),
            new Key("data", "the calibration and evaluation data sets"),
            new Key("stages", "the shared stages, run on the dense model"),
            new Key("variants", "a list of {name, stages}, each run on a copy of the model"));
    private static final List<Key> VARIANT_KEYS = List.of(
            new Key("name", "a name unique among the variants"),
            new Key("stages", "the variant's stages"));

    private PipelineReader() {}

    /**
     * Reads a pipeline file strictly.
     *
     * @param file the file; relative paths inside it resolve against its folder
     * @return the spec, or every problem found (in file order)
     */
    public static Validation<List<Problem>, PipelineSpec> read(Path file) {
        PartialRead read = readPartial(file);
        return read.diagnostics().isEmpty() && read.spec().isPresent() ? Validation.valid(read.spec().get())
                : Validation.invalid(read.diagnostics().stream().sorted(Diagnostic.FILE_ORDER)
                        .map(Diagnostic::toProblem).toList());
    }

    /**
     * Reads a pipeline file leniently: every problem, and the parts that could be read.
     *
     * @param file the file
     * @return the partial spec and the problems
     */
    public static PartialRead readPartial(Path file) {
        Problems problems = new Problems();
        Optional<PipelineSpec> spec = YamlTree.parse(file).fold(
                diagnostic -> {
                    problems.add(diagnostic);
                    return Optional.empty();
                },
                root -> root.isEmpty() ? empty(file, problems) : spec(file, root.get(), problems));
        return new PartialRead(spec, problems.all());
    }

    private static Optional<PipelineSpec> empty(Path file, Problems problems) {
        problems.add(ProblemCode.MISSING_KEY, Location.startOf(file), "the pipeline file is empty",
                "start with 'presso: " + FORMAT_VERSION + "', a model and some stages; see examples/pipelines");
        return Optional.empty();
    }

    private static Optional<PipelineSpec> spec(Path file, YamlNode root, Problems problems) {
        Optional<YamlNode.Mapping> mapping = Values.mapping(root, "the pipeline", problems);
        if (mapping.isEmpty() || !supportedVersion(mapping.get(), problems)) {
            return Optional.empty();
        }
        Fields fields = Fields.of(mapping.get(), "the pipeline", KEYS, problems);
        Path folder = file.toAbsolutePath().getParent();
        String name = fields.optional("name", n -> Names.name(n, "name", problems)).orElse(defaultName(file));
        long seed = fields.optional("seed", n -> Values.integer(n, "seed", Long.MIN_VALUE, problems)).orElse(0L);
        Optional<ModelRef> model = fields.required("model", n -> Values.text(n, "model", problems)
                .map(text -> model(text, folder, n.where())));
        Optional<String> provider = fields.text("provider");
        List<PluginRequirement> plugins = fields.optional("plugins", n -> Values.mapping(n, "plugins", problems))
                .map(m -> plugins(m, problems)).orElse(List.of());
        boolean defaultModel = model.map(ModelRef::isDefault).orElse(false);
        DataSpec data = fields.node("data").map(n -> DataReader.read(n, folder, defaultModel, problems))
                .orElse(new DataSpec(Optional.empty(), Optional.empty()));
        List<Stage> stages = fields.optional("stages", n -> Values.list(n, "stages", problems))
                .map(items -> StageReader.read(items, "the shared stages", problems)).orElse(List.of());
        List<Variant> variants = fields.optional("variants", n -> Values.list(n, "variants", problems))
                .map(items -> variants(items, problems)).orElse(List.of());
        if (!fields.has("stages") && !fields.has("variants")) {
            problems.add(ProblemCode.MISSING_KEY, fields.where(), "the pipeline has no stages and no variants",
                    "add 'stages:' (run on the dense model) or 'variants:' (each run on a copy)");
        }
        DataNeeds.check(fields, stages, variants, problems);
        return model.map(m -> new PipelineSpec(file, name, seed, m, provider, data, plugins, stages, variants));
    }

    private static boolean supportedVersion(YamlNode.Mapping root, Problems problems) {
        Optional<YamlNode> version = root.entry("presso").map(YamlNode.Entry::value);
        if (version.isPresent() && version.get() instanceof YamlNode.Scalar s
                && s.type() == YamlNode.ScalarType.INTEGER && !s.text().equals(String.valueOf(FORMAT_VERSION))) {
            problems.add(ProblemCode.UNSUPPORTED_VERSION, s.where(), "pipeline format version " + s.text()
                    + " is not supported; this Presso reads version " + FORMAT_VERSION,
                    "update Presso, or rewrite the file for version " + FORMAT_VERSION);
            return false;
        }
        if (version.isEmpty()) {
            problems.add(ProblemCode.MISSING_KEY, root.where(), "the pipeline needs 'presso', the format version",
                    "add 'presso: " + FORMAT_VERSION + "' as the first line");
        } else {
            version.flatMap(v -> Values.integer(v, "presso", FORMAT_VERSION, problems));
        }
        return true;
    }

    private static String defaultName(Path file) {
        String base = String.valueOf(file.getFileName()).replaceFirst("\\.ya?ml$", "");
        return base.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static ModelRef model(String text, Path folder, Location where) {
        return text.equals(ModelRef.DEFAULT) ? new ModelRef(Optional.empty(), text, where)
                : new ModelRef(Optional.of(folder.resolve(text).normalize()), text, where);
    }

    private static List<PluginRequirement> plugins(YamlNode.Mapping mapping, Problems problems) {
        Fields.of(mapping, "plugins", mapping.entries().stream().map(e -> new Key(e.key(), "")).distinct().toList(),
                problems);
        Map<String, PluginRequirement> plugins = new LinkedHashMap<>();
        for (YamlNode.Entry entry : mapping.entries()) {
            Optional<String> text = Values.text(entry.value(), entry.key(), problems);
            if (text.isEmpty()) {
                continue;
            }
            Validation<String, PluginConstraint> constraint = PluginConstraint.parse(text.get());
            if (constraint.isInvalid()) {
                problems.add(ProblemCode.MALFORMED_CONSTRAINT, entry.value().where(), "version constraint '"
                        + text.get() + "' of plugin '" + entry.key() + "' is malformed: " + constraint.getError(),
                        "write ^0.1 (compatible), ~1.2 (same minor), >=1.0 <2, an exact 1.2.3, a range [1.0,2) or *");
            } else {
                plugins.putIfAbsent(entry.key(),
                        new PluginRequirement(entry.key(), constraint.get(), entry.keyWhere()));
            }
        }
        return List.copyOf(plugins.values());
    }

    private static List<Variant> variants(List<YamlNode> items, Problems problems) {
        Map<String, Location> seen = new HashMap<>();
        List<Variant> variants = new ArrayList<>();
        for (YamlNode item : items) {
            Values.mapping(item, "a variant", problems).ifPresent(m -> {
                Fields fields = Fields.of(m, "a variant", VARIANT_KEYS, problems);
                Optional<YamlNode> nameNode = fields.required("name");
                Optional<String> name = nameNode.flatMap(n -> Names.name(n, "name", problems));
                name.filter(seen::containsKey).ifPresent(n -> problems.add(ProblemCode.DUPLICATE_NAME,
                        nameNode.orElseThrow().where(), "variant name '" + n + "' is used twice", "the first is at"
                                + " line " + seen.get(n).line() + "; give each variant its own name"));
                Optional<List<YamlNode>> stageItems = fields.required("stages", n -> Values.list(n, "stages",
                        problems));
                if (stageItems.isPresent() && stageItems.get().isEmpty()) {
                    problems.add(ProblemCode.INVALID_VALUE, fields.node("stages").orElseThrow().where(),
                            "variant " + name.map(n -> "'" + n + "' ").orElse("") + "has no stages",
                            "give it at least one stage, such as a compress stage");
                }
                List<Stage> stages = stageItems.map(s -> StageReader.read(s, "variant '" + name.orElse("?") + "'",
                        problems)).orElse(List.of());
                name.filter(n -> !seen.containsKey(n)).ifPresent(n -> {
                    seen.put(n, nameNode.orElseThrow().where());
                    variants.add(new Variant(n, stages, m.where()));
                });
            });
        }
        return variants;
    }
}
