package dev.presso.host.internal.report.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one variant (or the dense baseline) came to: its stages, its metrics and its size, overall
 * and site by site.
 *
 * @param name the variant's name
 * @param stages the names of the stages run, in order
 * @param metrics each metric's value by name, such as {@code perplexity}; copied, sorted by name
 * @param parameters the original parameter count of the compressed sites, at least 1
 * @param storageBits the bits those sites take as stored
 * @param layers the sites, in model order; may be empty when only the totals are known
 * @param searches the fitness traces of the variant's search stages, possibly none
 */
public record VariantReport(String name, List<String> stages, Map<String, Double> metrics, long parameters,
        long storageBits, List<LayerRow> layers, List<SearchTrace> searches) {
    /** Checks the name and sizes, and copies the collections. */
    public VariantReport {
        Checks.notBlank(name, "variant name");
        Checks.size(parameters, storageBits, "variant " + name);
        stages = List.copyOf(stages);
        metrics = Collections.unmodifiableSortedMap(new TreeMap<>(Map.copyOf(metrics)));
        layers = List.copyOf(layers);
        searches = List.copyOf(searches);
    }

    /**
     * Builds a variant whose size is the sum of its sites.
     *
     * @param name the variant's name
     * @param stages the stages run
     * @param metrics the metrics by name
     * @param layers the sites, at least one
     * @param searches the search traces
     * @return the variant
     */
    public static VariantReport ofLayers(String name, List<String> stages, Map<String, Double> metrics,
            List<LayerRow> layers, List<SearchTrace> searches) {
        long parameters = 0;
        long bits = 0;
        for (LayerRow layer : layers) {
            parameters = Math.addExact(parameters, layer.parameters());
            bits = Math.addExact(bits, layer.storageBits());
        }
        return new VariantReport(name, stages, metrics, parameters, bits, layers, searches);
    }

    /**
     * Returns the stored bits per original parameter of the compressed sites.
     *
     * @return {@code storageBits / parameters}
     */
    @JsonProperty(value = "bitsPerParameter", access = JsonProperty.Access.READ_ONLY)
    public double bitsPerParameter() {
        return (double) storageBits / parameters;
    }
}
