package dev.presso.host.internal.pipeline.spec;

import java.util.Map;
import java.util.TreeMap;

/**
 * A plugin's settings as written under {@code params}: names to values as text (numbers and
 * booleans are kept as written), with where each was written.
 *
 * @param values the values by name, sorted
 * @param locations where each value was written, by name
 */
public record Settings(Map<String, String> values, Map<String, Location> locations) {
    /**
     * Copies the maps.
     *
     * @param values the values
     * @param locations the locations
     */
    public Settings {
        values = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(values));
        locations = Map.copyOf(locations);
    }

    /** Returns empty settings. @return settings with no values */
    public static Settings none() {
        return new Settings(Map.of(), Map.of());
    }
}
