package dev.presso.host.internal.pipeline.reader;

import dev.presso.host.internal.pipeline.spec.Location;
import java.util.List;
import java.util.Optional;

/**
 * A YAML value with the location it was written at; Jackson's own tree keeps no locations.
 * Aliases ({@code *name}) are resolved to the anchored node, which keeps its own locations.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {
    /** Returns where the value starts. @return the location */
    Location where();

    /** Describes the value's type for messages. @return such as {@code a list} or {@code the number 3} */
    String describe();

    /**
     * One key and its value.
     *
     * @param key the key as text
     * @param keyWhere where the key was written
     * @param value the value
     */
    record Entry(String key, Location keyWhere, YamlNode value) {}

    /**
     * A mapping, its entries in file order (duplicates kept, for reporting).
     *
     * @param entries the entries
     * @param where where it starts
     */
    record Mapping(List<Entry> entries, Location where) implements YamlNode {
        /** Copies the entries. */
        public Mapping {
            entries = List.copyOf(entries);
        }

        /**
         * Finds the first entry with a key.
         *
         * @param key the key
         * @return the entry, if written
         */
        Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /**
     * A list.
     *
     * @param items the items in order
     * @param where where it starts
     */
    record Sequence(List<YamlNode> items, Location where) implements YamlNode {
        /** Copies the items. */
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** What a plain scalar was read as. */
    enum ScalarType {
        /** Text, quoted or not. */
        TEXT,
        /** A whole number. */
        INTEGER,
        /** A number with a fraction or exponent. */
        FLOAT,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** Nothing: an empty value, {@code ~} or {@code null}. */
        NULL
    }

    /**
     * A scalar, kept as written.
     *
     * @param text the text as written (empty for an empty value)
     * @param type what YAML reads it as
     * @param where where it starts
     */
    record Scalar(String text, ScalarType type, Location where) implements YamlNode {
        @Override
        public String describe() {
            return switch (type) {
                case TEXT -> "the text '" + text + "'";
                case INTEGER, FLOAT -> "the number " + text;
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "no value";
            };
        }
    }
}
