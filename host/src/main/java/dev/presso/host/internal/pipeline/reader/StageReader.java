package dev.presso.host.internal.pipeline.reader;

import dev.presso.host.internal.pipeline.spec.Budget;
import dev.presso.host.internal.pipeline.spec.LevelOverride;
import dev.presso.host.internal.pipeline.spec.LevelRef;
import dev.presso.host.internal.pipeline.spec.Location;
import dev.presso.host.internal.pipeline.spec.MetricSpec;
import dev.presso.host.internal.pipeline.spec.PluginRef;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import dev.presso.host.internal.pipeline.spec.Settings;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.host.internal.pipeline.spec.Targets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads one list of stages (the shared ones, or one variant's): each entry is one stage kind
 * mapped to its keys, such as {@code - compress: {method: rtn, level: 4}}, or a bare kind such as
 * {@code - calibrate}. Names default to the kind, then {@code kind-2}, {@code kind-3}, ... skipping
 * names written elsewhere in the list.
 *
 * <p>A stage whose values cannot all be read is left out of the result, its problems recorded.
 */
final class StageReader {
    private static final Key NAME = new Key("name", "a name unique in this list of stages");
    private static final Map<String, List<Key>> KEYS = keys();

    private final Problems problems;

    private StageReader(Problems problems) {
        this.problems = problems;
    }

    /** Returns the stage kinds in the order a pipeline usually runs them. @return the kinds */
    static List<String> kinds() {
        return List.copyOf(KEYS.keySet());
    }

    /** Returns the keys each stage kind accepts, for documentation. @return kind to keys */
    static Map<String, List<Key>> keysByKind() {
        return KEYS;
    }

    private static Map<String, List<Key>> keys() {
        Map<String, List<Key>> keys = new LinkedHashMap<>();
        keys.put("calibrate", List.of(NAME, new Key("row-sample", "how many input rows per site to keep, 0 for none")));
        keys.put("compress", Stream.concat(Stream.of(NAME,
                new Key("method", "the id of a compression method, such as rtn"),
                new Key("params", "the method's settings"),
                new Key("level", "the method's level for every targeted site, such as 4"),
                new Key("overrides", "an ordered list of {match, level} or {match, skip: true}"),
                new Key("sequential", "true to recalibrate block by block on the compressed model")),
                PatternReader.TARGET_KEYS.stream()).toList());
        keys.put("database", DatabaseReader.DATABASE_KEYS);
        keys.put("search", Stream.concat(Stream.of(NAME,
                new Key("strategy", "the id of a search strategy, such as uniform"),
                new Key("params", "the strategy's settings"),
                new Key("method", "the id of the compression method whose levels are searched"),
                new Key("method-params", "the method's settings"),
                new Key("database", "the name of a database stage before this one (instead of method)"),
                new Key("budget", "{bits-per-parameter: N}; over a database also {level: center},"
                        + " {sparsity: target} or {drop: {attention: K, mlp: K}}")),
                PatternReader.TARGET_KEYS.stream()).toList());
        keys.put("evaluate", List.of(NAME, new Key("metrics", "a list of evaluator ids or {id, params} entries")));
        keys.put("export", List.of(NAME, new Key("format", "presso or huggingface")));
        return Collections.unmodifiableMap(keys);
    }

    /** A stage entry recognized by its kind, not yet read. */
    private record Entry(String kind, YamlNode body, Location where, Optional<YamlNode> nameNode) {}

    /**
     * Reads a list of stages.
     *
     * @param items the list's entries
     * @param scope what the list belongs to, for messages, such as {@code variant 'rtn-4bit'}
     * @param problems where problems go
     * @return the stages that could be read, in order
     */
    static List<Stage> read(List<YamlNode> items, String scope, Problems problems) {
        StageReader reader = new StageReader(problems);
        List<Entry> entries = items.stream().map(reader::entry).flatMap(Optional::stream).toList();
        List<String> names = reader.names(entries, scope);
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            reader.stage(entries.get(i), names.get(i)).ifPresent(stages::add);
        }
        return stages;
    }

    private Optional<Entry> entry(YamlNode item) {
        if (item instanceof YamlNode.Scalar s && KEYS.containsKey(s.text())) {
            return Optional.of(new Entry(s.text(), new YamlNode.Mapping(List.of(), s.where()), s.where(),
                    Optional.empty()));
        }
        if (!(item instanceof YamlNode.Mapping m) || m.entries().size() != 1) {
            invalid(item);
            return Optional.empty();
        }
        YamlNode.Entry only = m.entries().getFirst();
        if (!KEYS.containsKey(only.key())) {
            problems.add(ProblemCode.INVALID_STAGE, only.keyWhere(), "unknown stage kind '" + only.key() + "'",
                    DidYouMean.hint(only.key(), KEYS.keySet()) + "a stage is one of " + String.join(", ",
                            KEYS.keySet()));
            return Optional.empty();
        }
        Optional<YamlNode> nameNode = only.value() instanceof YamlNode.Mapping body
                ? body.entry("name").map(YamlNode.Entry::value) : Optional.empty();
        return Optional.of(new Entry(only.key(), only.value(), only.keyWhere(), nameNode));
    }

    private void invalid(YamlNode item) {
        String got = item instanceof YamlNode.Mapping m
                ? (m.entries().isEmpty() ? "an empty mapping" : "the keys " + String.join(", ",
                        m.entries().stream().map(YamlNode.Entry::key).toList()))
                : item.describe();
        String hint = item instanceof YamlNode.Mapping m && m.entry("name").isPresent()
                ? "put name: inside the stage, as in '- compress: {name: quantize, ...}'"
                : "write each stage as one kind mapped to its keys, such as '- evaluate: {metrics: [perplexity]}'";
        problems.add(ProblemCode.INVALID_STAGE, item.where(), "a stage must be exactly one of "
                + String.join(", ", KEYS.keySet()) + ", got " + got, hint);
    }

    /** Chooses every entry's name; written names come first, defaults fill in around them. */
    private List<String> names(List<Entry> entries, String scope) {
        Map<String, Location> written = new HashMap<>();
        List<Optional<String>> explicit = new ArrayList<>();
        for (Entry entry : entries) {
            Optional<String> name = entry.nameNode().flatMap(n -> Names.name(n, "name", problems));
            if (name.isPresent() && written.containsKey(name.get())) {
                problems.add(ProblemCode.DUPLICATE_NAME, entry.nameNode().orElseThrow().where(), "stage name '"
                        + name.get() + "' is used twice in " + scope, "the first is at line "
                                + written.get(name.get()).line() + "; give each stage its own name");
            }
            name.ifPresent(n -> written.putIfAbsent(n, entry.nameNode().orElseThrow().where()));
            explicit.add(name);
        }
        Set<String> taken = new HashSet<>(written.keySet());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String kind = entries.get(i).kind();
            names.add(explicit.get(i).orElseGet(() -> {
                String candidate = kind;
                for (int n = 2; taken.contains(candidate); n++) {
                    candidate = kind + "-" + n;
                }
                taken.add(candidate);
                return candidate;
            }));
        }
        return names;
    }

    private Optional<Stage> stage(Entry entry, String name) {
        int mark = problems.mark();
        Optional<YamlNode.Mapping> body = Values.mapping(entry.body(), entry.kind(), problems);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = Fields.of(body.get(), entry.where(), article(entry.kind()) + " " + entry.kind() + " stage",
                KEYS.get(entry.kind()), problems);
        Optional<Stage> stage = switch (entry.kind()) {
            case "calibrate" -> calibrate(fields, name, entry.where());
            case "compress" -> compress(fields, name, entry.where());
            case "database" -> new DatabaseReader(problems).database(fields, name, entry.where());
            case "search" -> fields.has("database") ? new DatabaseReader(problems).search(fields, name, entry.where())
                    : search(fields, name, entry.where());
            case "evaluate" -> evaluate(fields, name, entry.where());
            default -> export(fields, name, entry.where());
        };
        return problems.blockingSince(mark) ? Optional.empty() : stage;
    }

    private static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    private Optional<Stage> calibrate(Fields fields, String name, Location where) {
        return fields.smallInteger("row-sample", 0, 0).map(rows -> new Stage.Calibrate(name, rows, where));
    }

    // The values below are read one by one so that every problem is recorded; stage() drops the
    // stage when any of them failed, so the orElseThrow calls only run when all are present.

    private Optional<Stage> compress(Fields fields, String name, Location where) {
        int mark = problems.mark();
        Optional<PluginRef> method = ref(fields, "method");
        Optional<Settings> params = SettingsReader.settings(fields, "params");
        Optional<LevelRef> level = fields.required("level", n -> PatternReader.level(n, "level", problems));
        Optional<Targets> targets = PatternReader.targets(fields);
        Optional<List<LevelOverride>> overrides = PatternReader.overrides(fields);
        Optional<Boolean> sequential = fields.bool("sequential", false);
        if (problems.blockingSince(mark)) {
            return Optional.empty();
        }
        return Optional.of(new Stage.Compress(name, method.orElseThrow(), params.orElseThrow(), level.orElseThrow(),
                targets.orElseThrow(), overrides.orElseThrow(), sequential.orElseThrow(), where));
    }

    private Optional<Stage> search(Fields fields, String name, Location where) {
        int mark = problems.mark();
        Optional<PluginRef> strategy = ref(fields, "strategy");
        Optional<Settings> params = SettingsReader.settings(fields, "params");
        Optional<PluginRef> method = ref(fields, "method");
        Optional<Settings> methodParams = SettingsReader.settings(fields, "method-params");
        Optional<Targets> targets = PatternReader.targets(fields);
        Optional<Budget> budget = fields.required("budget", this::budget);
        if (problems.blockingSince(mark)) {
            return Optional.empty();
        }
        return Optional.of(new Stage.Search(name, strategy.orElseThrow(), params.orElseThrow(), method.orElseThrow(),
                methodParams.orElseThrow(), targets.orElseThrow(), budget.orElseThrow(), where));
    }

    private Optional<PluginRef> ref(Fields fields, String key) {
        return ref(fields, key, problems);
    }

    /**
     * Reads a required id, such as a method's or a database's name.
     *
     * @param fields the stage's fields
     * @param key the key
     * @param problems where problems go
     * @return the id with where it was written, empty when absent or not text
     */
    static Optional<PluginRef> ref(Fields fields, String key, Problems problems) {
        return fields.required(key).flatMap(n -> Values.text(n, key, problems).map(id -> new PluginRef(id,
                n.where())));
    }

    private Optional<Budget> budget(YamlNode node) {
        return Values.mapping(node, "budget", problems).flatMap(m -> {
            Fields fields = Fields.of(m, "a budget", List.of(new Key("bits-per-parameter",
                    "the average stored bits per original parameter, such as 3.5")), problems);
            return fields.required("bits-per-parameter").flatMap(n -> bitsPerParameter(n, problems)
                    .map(bits -> new Budget(bits, n.where())));
        });
    }

    /**
     * Reads a positive, finite number of bits per parameter.
     *
     * @param n the value
     * @param problems where problems go
     * @return the number, empty on a problem
     */
    static Optional<Double> bitsPerParameter(YamlNode n, Problems problems) {
        return Values.number(n, "bits-per-parameter", problems).flatMap(bits -> {
            if (!(bits > 0) || Double.isInfinite(bits)) {
                problems.add(ProblemCode.INVALID_BUDGET, n.where(), "the budget is " + ((YamlNode.Scalar) n).text()
                        + " bits per parameter, expected a positive number", "such as 4 for the size of 4-bit weights");
                return Optional.empty();
            }
            return Optional.of(bits);
        });
    }

    private Optional<Stage> evaluate(Fields fields, String name, Location where) {
        Optional<List<YamlNode>> items = fields.required("metrics", n -> Values.list(n, "metrics", problems));
        if (items.isPresent() && items.get().isEmpty()) {
            problems.add(ProblemCode.INVALID_VALUE, fields.node("metrics").orElseThrow().where(),
                    "an evaluate stage needs at least one metric", "such as metrics: [perplexity]");
            return Optional.empty();
        }
        int mark = problems.mark();
        List<MetricSpec> metrics = items.orElse(List.of()).stream().map(this::metric).flatMap(Optional::stream)
                .toList();
        return problems.blockingSince(mark) || items.isEmpty() ? Optional.empty()
                : Optional.of(new Stage.Evaluate(name, metrics, where));
    }

    private Optional<MetricSpec> metric(YamlNode item) {
        if (item instanceof YamlNode.Scalar) {
            return Values.text(item, "a metric", problems).map(id -> new MetricSpec(id, Settings.none(),
                    item.where()));
        }
        return Values.mapping(item, "a metric", problems).flatMap(m -> {
            Fields fields = Fields.of(m, "a metric", List.of(new Key("id", "an evaluator id such as perplexity"),
                    new Key("params", "the evaluator's settings")), problems);
            Optional<YamlNode> idNode = fields.required("id");
            Optional<String> id = idNode.flatMap(n -> Values.text(n, "id", problems));
            Optional<Settings> params = SettingsReader.settings(fields, "params");
            return id.flatMap(i -> params.map(p -> new MetricSpec(i, p, idNode.orElseThrow().where())));
        });
    }

    private Optional<Stage> export(Fields fields, String name, Location where) {
        return fields.choice("format", Stage.Export.FORMATS, "presso", ProblemCode.UNKNOWN_EXPORT_FORMAT,
                        "presso writes the compressed layers and a manifest; huggingface writes dense weights")
                .map(format -> new Stage.Export(name, format, where));
    }
}
