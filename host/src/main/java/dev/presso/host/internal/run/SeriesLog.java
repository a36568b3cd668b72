package dev.presso.host.internal.run;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.presso.host.internal.io.AtomicFiles;
import dev.presso.host.internal.io.CanonicalJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The named series a stage's plugins record ({@code PluginContext.record}), kept in the stage
 * folder's {@value #FILE}: every point is written through at once, so a stage resumed after a kill
 * keeps the points recorded before it; recording a step again replaces its value. Thread-safe.
 */
final class SeriesLog {
    /** The file in the stage folder. */
    static final String FILE = "series.json";
    private static final TypeReference<TreeMap<String, TreeMap<Long, Double>>> TYPE = new TypeReference<>() {};

    private final Path file;
    private final SortedMap<String, SortedMap<Long, Double>> series = new TreeMap<>();

    /**
     * Opens the log of a stage folder, loading the points an earlier attempt recorded.
     *
     * @param folder the stage folder
     */
    SeriesLog(Path folder) {
        this.file = folder.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try {
                CanonicalJson.mapper().readValue(file.toFile(), TYPE).forEach((name, points) ->
                        series.put(name, new TreeMap<>(points)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the recorded series " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Records a point and writes the log.
     *
     * @param name the series
     * @param step the x coordinate
     * @param value the y coordinate
     */
    synchronized void record(String name, long step, double value) {
        series.computeIfAbsent(name, k -> new TreeMap<>()).put(step, value);
        AtomicFiles.writeJson(file, series);
    }

    /**
     * Returns every series with its points in step order.
     *
     * @return a copy, series by name
     */
    synchronized Map<String, SortedMap<Long, Double>> all() {
        SortedMap<String, SortedMap<Long, Double>> copy = new TreeMap<>();
        series.forEach((name, points) -> copy.put(name, new TreeMap<>(points)));
        return copy;
    }
}
