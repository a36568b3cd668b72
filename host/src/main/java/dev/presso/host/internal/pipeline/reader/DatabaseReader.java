package dev.presso.host.internal.pipeline.reader;

import dev.presso.host.internal.pipeline.spec.Ladder;
import dev.presso.host.internal.pipeline.spec.LevelRef;
import dev.presso.host.internal.pipeline.spec.Location;
import dev.presso.host.internal.pipeline.spec.PluginRef;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import dev.presso.host.internal.pipeline.spec.SearchBudget;
import dev.presso.host.internal.pipeline.spec.Settings;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.host.internal.pipeline.spec.Targets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the {@code database} stage (a ladder of levels per unit, reuse and cache) and the parts of
 * a {@code search} stage that name a database (its name and its budget); examples/pipelines/README.md
 * documents both.
 */
final class DatabaseReader {
    /** The keys a database stage accepts. */
    static final List<Key> DATABASE_KEYS = Stream.concat(Stream.of(
            new Key("name", "a name unique in this list of stages; search stages use it"),
            new Key("method", "the id of a compression method, such as sparsegpt (not with depth)"),
            new Key("params", "the method's settings"),
            new Key("levels", "a list of the method's levels, such as [2bit, 3bit, 4bit]"),
            new Key("sparsity", "{target: 0.6, steps: 8, weights-per-step: 128}"),
            new Key("depth", "{attention: true, mlp: true}"),
            new Key("reuse", "the folder of an earlier run's database (holding database.json)"),
            new Key("cache", "true or false: use the databases cache folder")),
            PatternReader.TARGET_KEYS.stream()).toList();
    /** The budgets a search over a database accepts, one of them. */
    static final List<Key> BUDGET_KEYS = List.of(
            new Key("bits-per-parameter", "the average stored bits per original parameter, such as 2.5"),
            new Key("nominal-bits-per-parameter", "the average level bit width, such as 2.5 (levels ladders)"),
            new Key("level", "center: the cost of the ladder's centre level for every unit"),
            new Key("sparsity", "target: the uniform allocation at the ladder's target sparsity"),
            new Key("drop", "{attention: K, mlp: K}: sub-blocks each group must drop"));
    private static final List<String> LADDERS = List.of("levels", "sparsity", "depth");
    private static final List<Key> SPARSITY_KEYS = List.of(
            new Key("target", "the centre sparsity, such as 0.6"),
            new Key("steps", "levels on each side of the target, default " + Ladder.Sparsity.DEFAULT_STEPS),
            new Key("weights-per-step", "weights each step removes, default "
                    + Ladder.Sparsity.DEFAULT_WEIGHTS_PER_STEP));
    private static final List<Key> DEPTH_KEYS = List.of(
            new Key(Ladder.Depth.ATTENTION, "true to make the attention sub-blocks units"),
            new Key(Ladder.Depth.MLP, "true to make the MLP sub-blocks units"));

    private final Problems problems;

    DatabaseReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * Reads a database stage.
     *
     * @param fields the stage's fields
     * @param name the stage name
     * @param where where the stage starts
     * @return the stage, empty when a value could not be read
     */
    Optional<Stage> database(Fields fields, String name, Location where) {
        int mark = problems.mark();
        List<String> written = LADDERS.stream().filter(fields::has).toList();
        if (written.size() != 1) {
            problems.add(ProblemCode.INVALID_LADDER, written.isEmpty() ? where
                    : fields.entry(written.get(1)).orElseThrow().keyWhere(), "a database stage needs exactly one"
                            + " ladder: levels, sparsity or depth" + (written.isEmpty() ? ", got none"
                                    : ", got " + String.join(" and ", written)),
                    "such as sparsity: {target: 0.6}, levels: [2bit, 3bit, 4bit] or depth: {attention: true,"
                            + " mlp: true}; write one database stage per ladder");
            return Optional.empty();
        }
        boolean depth = written.getFirst().equals("depth");
        for (String key : List.of("method", "params", "targets", "exclude")) {
            if (depth && fields.has(key)) {
                problems.add(ProblemCode.INVALID_LADDER, fields.entry(key).orElseThrow().keyWhere(), "a depth"
                        + " database takes no '" + key + "': its units are the decoder blocks' sub-blocks",
                        "remove '" + key + "', or build a levels or sparsity database for a method");
            }
        }
        Optional<PluginRef> method = depth ? Optional.empty() : StageReader.ref(fields, "method", problems);
        Optional<Settings> params = SettingsReader.settings(fields, "params");
        Optional<Targets> targets = PatternReader.targets(fields);
        Optional<Ladder> ladder = switch (written.getFirst()) {
            case "levels" -> fields.optional("levels", this::named);
            case "sparsity" -> fields.optional("sparsity", this::sparsity);
            default -> fields.optional("depth", this::depth);
        };
        Path folder = where.file().toAbsolutePath().getParent();
        Optional<Path> reuse = fields.text("reuse").map(text -> folder.resolve(text).normalize());
        Optional<Boolean> cache = fields.bool("cache", true);
        if (problems.blockingSince(mark)) {
            return Optional.empty();
        }
        return Optional.of(new Stage.Database(name, method, params.orElseThrow(), targets.orElseThrow(),
                ladder.orElseThrow(), reuse, cache.orElseThrow(), where));
    }

    private Optional<Ladder> named(YamlNode node) {
        return Values.list(node, "levels", problems).flatMap(items -> {
            if (items.size() < 2) {
                problems.add(ProblemCode.INVALID_LADDER, node.where(), "'levels' lists " + items.size()
                        + " level(s), expected at least two", "such as levels: [2bit, 3bit, 4bit]");
                return Optional.empty();
            }
            int mark = problems.mark();
            List<LevelRef> levels = new ArrayList<>();
            items.forEach(item -> PatternReader.level(item, "levels", problems).ifPresent(levels::add));
            return problems.blockingSince(mark) ? Optional.empty()
                    : Optional.of(new Ladder.Named(levels, node.where()));
        });
    }

    private Optional<Ladder> sparsity(YamlNode node) {
        return Values.mapping(node, "sparsity", problems).flatMap(m -> {
            int mark = problems.mark();
            Fields fields = Fields.of(m, node.where(), "a sparsity ladder", SPARSITY_KEYS, problems);
            Optional<Double> target = fields.required("target", n -> Values.number(n, "target", problems)
                    .filter(t -> {
                        boolean inside = t > 0 && t < 1;
                        if (!inside) {
                            problems.add(ProblemCode.INVALID_VALUE, n.where(), "'target' is "
                                    + ((YamlNode.Scalar) n).text() + ", expected a sparsity between 0 and 1",
                                    "such as 0.6 for 60% of the weights zero");
                        }
                        return inside;
                    }));
            Optional<Integer> steps = fields.smallInteger("steps", 1, Ladder.Sparsity.DEFAULT_STEPS);
            Optional<Integer> perStep = fields.smallInteger("weights-per-step", 1,
                    Ladder.Sparsity.DEFAULT_WEIGHTS_PER_STEP);
            return problems.blockingSince(mark) ? Optional.empty() : Optional.of(new Ladder.Sparsity(
                    target.orElseThrow(), steps.orElseThrow(), perStep.orElseThrow(), node.where()));
        });
    }

    private Optional<Ladder> depth(YamlNode node) {
        return Values.mapping(node, "depth", problems).flatMap(m -> {
            int mark = problems.mark();
            Fields fields = Fields.of(m, node.where(), "a depth ladder", DEPTH_KEYS, problems);
            Optional<Boolean> attention = fields.bool(Ladder.Depth.ATTENTION, false);
            Optional<Boolean> mlp = fields.bool(Ladder.Depth.MLP, false);
            if (problems.blockingSince(mark)) {
                return Optional.empty();
            }
            if (!attention.orElseThrow() && !mlp.orElseThrow()) {
                problems.add(ProblemCode.INVALID_LADDER, node.where(), "a depth ladder with neither attention nor"
                        + " mlp sub-blocks has no units", "write depth: {attention: true, mlp: true}, or one of them");
                return Optional.empty();
            }
            return Optional.of(new Ladder.Depth(attention.orElseThrow(), mlp.orElseThrow(), node.where()));
        });
    }

    /**
     * Reads a search stage that names a database.
     *
     * @param fields the stage's fields
     * @param name the stage name
     * @param where where the stage starts
     * @return the stage, empty when a value could not be read
     */
    Optional<Stage> search(Fields fields, String name, Location where) {
        int mark = problems.mark();
        String named = fields.node("database").filter(n -> n instanceof YamlNode.Scalar)
                .map(n -> ((YamlNode.Scalar) n).text()).orElse("?");
        for (String key : List.of("method", "method-params", "targets", "exclude")) {
            fields.entry(key).ifPresent(entry -> problems.add(ProblemCode.DATABASE_AND_METHOD, entry.keyWhere(),
                    "a search over database '" + named + "' takes no '" + key
                            + "': the database says which units and levels are searched",
                    "remove '" + key + "', or remove 'database' to search a method's levels directly"));
        }
        Optional<PluginRef> strategy = StageReader.ref(fields, "strategy", problems);
        Optional<Settings> params = SettingsReader.settings(fields, "params");
        Optional<PluginRef> database = StageReader.ref(fields, "database", problems);
        Optional<SearchBudget> budget = fields.required("budget", this::budget);
        if (problems.blockingSince(mark)) {
            return Optional.empty();
        }
        return Optional.of(new Stage.DatabaseSearch(name, strategy.orElseThrow(), params.orElseThrow(),
                database.orElseThrow(), budget.orElseThrow(), where));
    }

    private Optional<SearchBudget> budget(YamlNode node) {
        return Values.mapping(node, "budget", problems).flatMap(m -> {
            Fields fields = Fields.of(m, node.where(), "a budget", BUDGET_KEYS, problems);
            List<String> written = BUDGET_KEYS.stream().map(Key::name).filter(fields::has).toList();
            if (written.size() != 1) {
                problems.add(ProblemCode.INVALID_BUDGET, written.isEmpty() ? node.where()
                        : fields.entry(written.get(1)).orElseThrow().keyWhere(), "a budget over a database is"
                                + " exactly one of bits-per-parameter, nominal-bits-per-parameter, level, sparsity or"
                                + " drop, got "
                                + (written.isEmpty() ? "none" : String.join(" and ", written)),
                        "such as {bits-per-parameter: 2.5}, {sparsity: target} or {drop: {attention: 2, mlp: 2}}");
                return Optional.empty();
            }
            YamlNode value = fields.node(written.getFirst()).orElseThrow();
            return switch (written.getFirst()) {
                case "bits-per-parameter" -> StageReader.bitsPerParameter(value, problems)
                        .map(bits -> new SearchBudget.BitsPerParameter(bits, value.where()));
                case "nominal-bits-per-parameter" -> StageReader.bitsPerParameter(value, problems)
                        .map(bits -> new SearchBudget.NominalBits(bits, value.where()));
                case "level" -> keyword(value, "level", "center", false);
                case "sparsity" -> keyword(value, "sparsity", "target", true);
                default -> drop(value);
            };
        });
    }

    private Optional<SearchBudget> keyword(YamlNode node, String key, String expected, boolean sparsityTarget) {
        return Values.text(node, key, problems).flatMap(text -> {
            if (!text.equals(expected)) {
                problems.add(ProblemCode.INVALID_BUDGET, node.where(), "the budget's '" + key + "' is '" + text
                        + "', expected " + expected, "write " + key + ": " + expected + " for the uniform"
                                + " allocation's cost at the ladder's centre level");
                return Optional.empty();
            }
            return Optional.of(new SearchBudget.Center(sparsityTarget, node.where()));
        });
    }

    private Optional<SearchBudget> drop(YamlNode node) {
        return Values.mapping(node, "drop", problems).flatMap(m -> {
            int mark = problems.mark();
            Fields fields = Fields.of(m, node.where(), "a drop budget", DEPTH_KEYS, problems);
            Map<String, Integer> dropped = new LinkedHashMap<>();
            for (Key key : DEPTH_KEYS) {
                if (fields.has(key.name())) {
                    fields.smallInteger(key.name(), 0, 0).ifPresent(k -> dropped.put(key.name(), k));
                }
            }
            if (problems.blockingSince(mark)) {
                return Optional.empty();
            }
            if (dropped.isEmpty()) {
                problems.add(ProblemCode.INVALID_BUDGET, node.where(), "a drop budget names no group",
                        "such as drop: {attention: 2, mlp: 2}");
                return Optional.empty();
            }
            return Optional.of(new SearchBudget.Drop(dropped, node.where()));
        });
    }
}
