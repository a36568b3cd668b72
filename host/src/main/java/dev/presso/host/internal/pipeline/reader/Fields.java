package dev.presso.host.internal.pipeline.reader;

import dev.presso.host.internal.pipeline.spec.Location;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One mapping of a pipeline read against the keys its section accepts. Creating it records an
 * unknown key (with the closest known one) and a key written twice; the getters record missing
 * required keys and values of the wrong type.
 */
final class Fields {
    private final YamlNode.Mapping node;
    private final Location owner;
    private final String section;
    private final List<Key> keys;
    private final Problems problems;

    private Fields(YamlNode.Mapping node, Location owner, String section, List<Key> keys, Problems problems) {
        this.node = node;
        this.owner = owner;
        this.section = section;
        this.keys = keys;
        this.problems = problems;
    }

    /**
     * Checks a mapping's keys.
     *
     * @param node the mapping
     * @param section what it is, for messages, such as {@code a compress stage}
     * @param keys the keys it accepts
     * @param problems where problems go
     * @return the fields
     */
    static Fields of(YamlNode.Mapping node, String section, List<Key> keys, Problems problems) {
        return of(node, node.where(), section, keys, problems);
    }

    /**
     * Checks a mapping's keys; missing keys are reported at the key that introduced it.
     *
     * @param node the mapping
     * @param owner where the mapping's own key was written, such as a stage's {@code compress:}
     * @param section what it is, for messages
     * @param keys the keys it accepts
     * @param problems where problems go
     * @return the fields
     */
    static Fields of(YamlNode.Mapping node, Location owner, String section, List<Key> keys, Problems problems) {
        Fields fields = new Fields(node, owner, section, keys, problems);
        fields.checkKeys();
        return fields;
    }

    private void checkKeys() {
        List<String> known = keys.stream().map(Key::name).toList();
        Set<String> seen = new HashSet<>();
        for (YamlNode.Entry entry : node.entries()) {
            if (!seen.add(entry.key())) {
                problems.add(ProblemCode.DUPLICATE_KEY, entry.keyWhere(), "'" + entry.key() + "' is written twice in "
                        + section, "remove one; the first is used");
            } else if (!known.contains(entry.key())) {
                problems.add(ProblemCode.UNKNOWN_KEY, entry.keyWhere(), "unknown key '" + entry.key() + "' in "
                        + section, DidYouMean.hint(entry.key(), known) + "expected "
                        + (known.isEmpty() ? "no keys" : "one of: " + String.join(", ", known)));
            }
        }
    }

    /** Returns where the mapping starts. @return the location */
    Location where() {
        return node.where();
    }

    /**
     * Tells whether a key is written.
     *
     * @param key the key
     * @return whether it is
     */
    boolean has(String key) {
        return node.entry(key).isPresent();
    }

    /**
     * Returns a key's entry.
     *
     * @param key the key
     * @return the first entry with that key, if any
     */
    Optional<YamlNode.Entry> entry(String key) {
        return node.entry(key);
    }

    /**
     * Returns a key's value.
     *
     * @param key the key
     * @return the value, if written
     */
    Optional<YamlNode> node(String key) {
        return node.entry(key).map(YamlNode.Entry::value);
    }

    /**
     * Returns a required key's value, recording a problem when it is absent.
     *
     * @param key the key
     * @return the value, if written
     */
    Optional<YamlNode> required(String key) {
        Optional<YamlNode> value = node(key);
        if (value.isEmpty()) {
            String expects = keys.stream().filter(k -> k.name().equals(key)).map(Key::expects).findFirst().orElse("");
            problems.add(ProblemCode.MISSING_KEY, owner, section + " needs '" + key + "'",
                    expects.isEmpty() ? "" : "add '" + key + ":' with " + expects);
        }
        return value;
    }

    /**
     * Reads an optional key with a conversion.
     *
     * @param key the key
     * @param convert the conversion, which records its own problems
     * @param <T> the value type
     * @return the value, empty when absent or invalid
     */
    <T> Optional<T> optional(String key, Function<YamlNode, Optional<T>> convert) {
        return node(key).flatMap(convert);
    }

    /**
     * Reads a required key with a conversion.
     *
     * @param key the key
     * @param convert the conversion, which records its own problems
     * @param <T> the value type
     * @return the value, empty when absent or invalid
     */
    <T> Optional<T> required(String key, Function<YamlNode, Optional<T>> convert) {
        return required(key).flatMap(convert);
    }

    /**
     * Reads optional text.
     *
     * @param key the key
     * @return the text, empty when absent or not text
     */
    Optional<String> text(String key) {
        return optional(key, n -> Values.text(n, key, problems));
    }

    /**
     * Reads required text.
     *
     * @param key the key
     * @return the text, empty when absent or not text
     */
    Optional<String> requiredText(String key) {
        return required(key, n -> Values.text(n, key, problems));
    }

    /**
     * Reads an optional whole number that fits an {@code int}.
     *
     * @param key the key
     * @param min the smallest allowed value
     * @param fallback the value when the key is absent
     * @return the number, the fallback when absent, empty when invalid
     */
    Optional<Integer> smallInteger(String key, int min, int fallback) {
        return has(key) ? optional(key, n -> Values.smallInteger(n, key, min, problems)) : Optional.of(fallback);
    }

    /**
     * Reads an optional boolean.
     *
     * @param key the key
     * @param fallback the value when the key is absent
     * @return the boolean, the fallback when absent, empty when invalid
     */
    Optional<Boolean> bool(String key, boolean fallback) {
        return has(key) ? optional(key, n -> Values.bool(n, key, problems)) : Optional.of(fallback);
    }

    /**
     * Reads an optional text that must be one of a few choices.
     *
     * @param key the key
     * @param choices the allowed values
     * @param fallback the value when the key is absent
     * @param code the code for a value outside the choices
     * @param explanation what the choices mean, for the hint
     * @return the choice, the fallback when absent, empty when invalid
     */
    Optional<String> choice(String key, List<String> choices, String fallback, ProblemCode code,
            String explanation) {
        if (!has(key)) {
            return Optional.of(fallback);
        }
        Optional<String> value = text(key);
        if (value.isPresent() && !choices.contains(value.get())) {
            problems.add(code, node(key).orElseThrow().where(), "'" + key + "' is '" + value.get() + "', expected "
                    + choices.stream().collect(Collectors.joining(", ")),
                    DidYouMean.hint(value.get(), choices) + explanation);
            return Optional.empty();
        }
        return value;
    }

    /** Returns where problems go. @return the problems */
    Problems problems() {
        return problems;
    }
}
