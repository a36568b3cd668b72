package dev.presso.host.internal.pipeline.spec;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A plugin's settings as written under {@code params}: names to values as text (numbers as
 * written, YAML booleans as {@code true} or {@code false}), with where each was written.
 *
 * @param values the values by name, sorted
 * @param locations where each setting's name was written, by name
 * @param where where the settings block starts; empty when the block is absent
 */
public record Settings(Map<String, String> values, Map<String, Location> locations, Optional<Location> where) {
    /**
     * Copies the maps.
     *
     * @param values the values
     * @param locations the locations
     * @param where the block's location
     */
    public Settings {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        locations = Map.copyOf(locations);
    }

    /** Returns empty settings. @return settings with no values, written nowhere */
    public static Settings none() {
        return new Settings(Map.of(), Map.of(), Optional.empty());
    }
}
