package dev.presso.host.internal.pipeline.reader;

import dev.presso.host.internal.pipeline.spec.Location;
import dev.presso.host.internal.pipeline.spec.Settings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a plugin's settings ({@code params}, {@code method-params}): a mapping of names to
 * scalars. Which names a plugin accepts is checked later, against the installed plugin.
 */
final class SettingsReader {
    private SettingsReader() {}

    /**
     * Reads settings under a key.
     *
     * @param fields the enclosing fields
     * @param key the key, such as {@code params}
     * @return the settings ({@link Settings#none()} when absent), empty when malformed
     */
    static Optional<Settings> settings(Fields fields, String key) {
        Optional<YamlNode.Entry> entry = fields.entry(key);
        if (entry.isEmpty()) {
            return Optional.of(Settings.none());
        }
        Problems problems = fields.problems();
        int mark = problems.mark();
        Optional<YamlNode.Mapping> mapping = Values.mapping(entry.get().value(), key, problems);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        // Any name is accepted here: the plugin's options are checked against the catalog.
        Fields.of(mapping.get(), "'" + key + "'", namesOf(mapping.get()), problems);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Location> locations = new HashMap<>();
        for (YamlNode.Entry setting : mapping.get().entries()) {
            if (!values.containsKey(setting.key())) {
                Values.text(setting.value(), setting.key(), problems).ifPresent(v -> {
                    values.put(setting.key(), v);
                    locations.put(setting.key(), setting.keyWhere());
                });
            }
        }
        return problems.blockingSince(mark) ? Optional.empty()
                : Optional.of(new Settings(values, locations, Optional.of(entry.get().keyWhere())));
    }

    private static List<Key> namesOf(YamlNode.Mapping mapping) {
        return mapping.entries().stream().map(e -> new Key(e.key(), "")).distinct().toList();
    }
}
