package dev.presso.host.internal.report.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The results of one pipeline run: what ran, the dense baseline and every variant. Holds no
 * clock time, so the same run always gives the same report; see {@link RunTimings} for durations.
 *
 * @param run what was run, and with what
 * @param metrics how to read each metric, by name; a metric missing here is read as dimensionless
 *     with smaller values better; copied, sorted by name
 * @param baseline the dense model, measured like the variants
 * @param variants the variants, in pipeline order; names unique and different from the baseline's
 */
public record RunReport(RunInfo run, Map<String, MetricInfo> metrics, VariantReport baseline,
        List<VariantReport> variants) {
    private static final MetricInfo DEFAULT_METRIC = MetricInfo.minimize("");

    /** Checks that the names are unique and copies the collections. */
    public RunReport {
        metrics = Collections.unmodifiableSortedMap(new TreeMap<>(Map.copyOf(metrics)));
        variants = List.copyOf(variants);
        Set<String> names = new HashSet<>();
        names.add(baseline.name());
        for (VariantReport variant : variants) {
            if (!names.add(variant.name())) {
                throw new IllegalArgumentException("two variants of a report are named " + variant.name());
            }
        }
    }

    /**
     * Returns the baseline followed by the variants.
     *
     * @return every measured model, baseline first
     */
    public List<VariantReport> allVariants() {
        List<VariantReport> all = new ArrayList<>(variants.size() + 1);
        all.add(baseline);
        all.addAll(variants);
        return all;
    }

    /**
     * Returns every metric any variant has: those described in {@link #metrics()} first, sorted,
     * then the others, sorted.
     *
     * @return the metric names
     */
    public List<String> metricNames() {
        Set<String> names = new LinkedHashSet<>(metrics.keySet());
        SortedSet<String> others = new TreeSet<>();
        for (VariantReport variant : allVariants()) {
            others.addAll(variant.metrics().keySet());
        }
        names.addAll(others);
        return List.copyOf(names);
    }

    /**
     * Returns how to read a metric.
     *
     * @param name the metric's name
     * @return its description, or a dimensionless smaller-is-better one when none was given
     */
    public MetricInfo metric(String name) {
        return metrics.getOrDefault(name, DEFAULT_METRIC);
    }
}
