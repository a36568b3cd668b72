package dev.presso.host.internal.run;

import dev.presso.host.internal.report.model.SearchTrace;
import java.util.List;
import java.util.Map;

/**
 * What one branch of a run produced: the shared stages (the dense model) or a variant.
 *
 * @param name {@code shared} or the variant name
 * @param metrics the metrics of its evaluate stages by name (a later stage's value wins)
 * @param layers the compressed sites, in the order they were compressed
 * @param compressedParameters the dense parameter count of the compressed sites
 * @param compressedBits the storage bits of the compressed sites
 * @param failed whether a stage of the branch failed
 * @param searches the traces of its search stages (best fitness by generation, final allocation)
 */
public record BranchResult(String name, Map<String, Double> metrics, List<LayerResult> layers,
        long compressedParameters, long compressedBits, boolean failed, List<SearchTrace> searches) {
    /** Copies the collections. */
    public BranchResult {
        metrics = Map.copyOf(metrics);
        layers = List.copyOf(layers);
        searches = List.copyOf(searches);
    }

    /**
     * Returns the average storage bits per original parameter of the compressed sites.
     *
     * @return the bits per parameter, or 0 when nothing was compressed
     */
    public double bitsPerParameter() {
        return compressedParameters == 0 ? 0 : (double) compressedBits / compressedParameters;
    }

    /**
     * Returns the metrics worth comparing: every metric measured, except those with the same value
     * in every branch that measured it, in more than one branch (token and window counts), which
     * say nothing about quality.
     *
     * @param results the branches of a run
     * @return the metric names, sorted
     */
    public static java.util.SortedSet<String> comparedMetrics(List<BranchResult> results) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        results.forEach(r -> names.addAll(r.metrics().keySet()));
        names.removeIf(name -> {
            List<Double> values = results.stream().filter(r -> r.metrics().containsKey(name))
                    .map(r -> r.metrics().get(name)).toList();
            return values.size() > 1 && values.stream().distinct().count() == 1;
        });
        return names;
    }

    /**
     * One compressed site.
     *
     * @param site the site name
     * @param method the method id
     * @param plugin the plugin id and version
     * @param level the level name
     * @param levelValue the level value
     * @param parameters the dense parameter count
     * @param storageBits the exact storage bits
     */
    public record LayerResult(String site, String method, String plugin, String level, double levelValue,
            long parameters, long storageBits) {}
}
