package dev.presso.host.internal.pipeline.reader;

import dev.presso.host.internal.pipeline.spec.LayerPattern;
import dev.presso.host.internal.pipeline.spec.LevelOverride;
import dev.presso.host.internal.pipeline.spec.LevelRef;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import dev.presso.host.internal.pipeline.spec.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the layer targeting of a stage: {@code targets}, {@code exclude} and {@code overrides}. */
final class PatternReader {
    /** The keys that select a stage's sites. */
    static final List<Key> TARGET_KEYS = List.of(
            new Key("targets", "site patterns (globs, or re: regular expressions); default every block's linear"
                    + " layers"),
            new Key("exclude", "site patterns to leave out; an exclude always wins"));

    private static final List<Key> OVERRIDE_KEYS = List.of(
            new Key("match", "a site pattern"),
            new Key("level", "the level for the matching sites"),
            new Key("skip", "true to leave the matching sites dense"));

    private PatternReader() {}

    /**
     * Reads a stage's targets.
     *
     * @param fields the stage's fields
     * @return the targets, empty when a pattern is malformed
     */
    static Optional<Targets> targets(Fields fields) {
        Optional<List<LayerPattern>> include = patterns(fields, "targets");
        Optional<List<LayerPattern>> exclude = patterns(fields, "exclude");
        return include.isPresent() && exclude.isPresent()
                ? Optional.of(new Targets(include.get(), exclude.get())) : Optional.empty();
    }

    private static Optional<List<LayerPattern>> patterns(Fields fields, String key) {
        if (!fields.has(key)) {
            return Optional.of(List.of());
        }
        Problems problems = fields.problems();
        int mark = problems.mark();
        List<LayerPattern> patterns = fields.optional(key, n -> Values.texts(n, key, problems)).orElse(List.of())
                .stream().map(s -> pattern(s, problems)).flatMap(Optional::stream).toList();
        return problems.blockingSince(mark) ? Optional.empty() : Optional.of(patterns);
    }

    private static Optional<LayerPattern> pattern(YamlNode.Scalar scalar, Problems problems) {
        Optional<String> error = LayerPattern.syntaxError(scalar.text());
        if (error.isPresent()) {
            boolean regex = scalar.text().startsWith(LayerPattern.REGEX_PREFIX);
            problems.add(ProblemCode.INVALID_PATTERN, scalar.where(), "invalid " + (regex ? "regular expression"
                    : "glob") + " '" + scalar.text() + "': " + error.get(), regex
                    ? "after 're:' write a Java regular expression; escape dots as \\\\. in double quotes"
                    : "globs use * (within a part), ** (across parts), ?, [0-3] and {a,b}; prefix re: for a"
                            + " regular expression");
            return Optional.empty();
        }
        return Optional.of(new LayerPattern(scalar.text(), scalar.where()));
    }

    /**
     * Reads a compress stage's overrides.
     *
     * @param fields the stage's fields
     * @return the overrides in order, empty when one is malformed
     */
    static Optional<List<LevelOverride>> overrides(Fields fields) {
        Problems problems = fields.problems();
        int mark = problems.mark();
        List<LevelOverride> overrides = new ArrayList<>();
        for (YamlNode item : fields.optional("overrides", n -> Values.list(n, "overrides", problems))
                .orElse(List.of())) {
            Values.mapping(item, "an override", problems)
                    .flatMap(m -> override(Fields.of(m, "an override", OVERRIDE_KEYS, problems)))
                    .ifPresent(overrides::add);
        }
        return problems.blockingSince(mark) ? Optional.empty() : Optional.of(overrides);
    }

    private static Optional<LevelOverride> override(Fields fields) {
        Problems problems = fields.problems();
        int mark = problems.mark();
        Optional<LayerPattern> match = fields.required("match", n -> Values.text(n, "match", problems)
                .flatMap(t -> pattern((YamlNode.Scalar) n, problems)));
        Optional<LevelRef> level = fields.optional("level", n -> level(n, "level", problems));
        boolean skip = fields.bool("skip", false).orElse(false);
        if (fields.has("level") == skip) {
            problems.add(ProblemCode.INVALID_OVERRIDE, fields.where(), skip
                    ? "an override gives both 'level' and 'skip: true'"
                    : "an override needs 'level' or 'skip: true'", "write {match: ..., level: ...} to change the"
                            + " level, or {match: ..., skip: true} to leave the sites dense");
        }
        return problems.blockingSince(mark) ? Optional.empty()
                : match.map(m -> new LevelOverride(m, level, skip, fields.where()));
    }

    /**
     * Reads a level: a number or a level name.
     *
     * @param node the value
     * @param what the key, for messages
     * @param problems where problems go
     * @return the level, empty on a problem
     */
    static Optional<LevelRef> level(YamlNode node, String what, Problems problems) {
        if (node instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.BOOLEAN) {
            problems.add(ProblemCode.WRONG_TYPE, node.where(), "'" + what + "' must be a number or a level name, got "
                    + node.describe(), "such as 4 or 4bit");
            return Optional.empty();
        }
        return Values.text(node, what, problems).map(t -> new LevelRef(t, node.where()));
    }
}
