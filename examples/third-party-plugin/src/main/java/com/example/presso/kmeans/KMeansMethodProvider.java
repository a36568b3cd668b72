package com.example.presso.kmeans;

import com.example.presso.kmeans.internal.KMeansMethod;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;
import java.util.List;
import java.util.Map;

/**
 * Provides {@code kmeans}: each group of consecutive weights of a row is replaced by its nearest of
 * {@code 2^b} centroids, learned for that group by k-means++ seeding and Lloyd iterations,
 * deterministic from the run's seed. Levels {@code 4bit}, {@code 2bit} and {@code 1bit}.
 *
 * <p>Exact cost of a layer {@code [out, in]} at {@code b} bits with {@code G} groups per row
 * ({@code G = 1} for group size 0, else {@code ceil(in / group-size)}):
 * {@code b * out * in + out * G * 2^b * 16} bits: the codes, and the centroids in F16.
 */
public final class KMeansMethodProvider implements CompressionMethodProvider {
    private static final PluginOption GROUP_SIZE = new PluginOption("group-size", "0",
            "Consecutive weights of a row that share centroids: 0 = the whole row; otherwise groups of this many"
                    + " columns, the last one shorter when it does not divide in_features.");
    private static final PluginOption ITERATIONS = new PluginOption("iterations", "25",
            "The most Lloyd iterations per group, 1 to 1000; a group stops earlier once no weight changes cluster.");

    /** Creates the provider; cheap. */
    public KMeansMethodProvider() {}

    @Override
    public String id() {
        return KMeansMethod.ID;
    }

    @Override
    public String description() {
        return "Per-group k-means weight clustering: 2^b centroids per group (k-means++ and Lloyd), b-bit codes.";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(GROUP_SIZE, ITERATIONS);
    }

    @Override
    public CompressionMethod create(Map<String, String> settings) {
        PluginSettings s = new PluginSettings("method " + id(), settings, options());
        return new KMeansMethod(s.integer(GROUP_SIZE.name(), 0, Integer.MAX_VALUE),
                s.integer(ITERATIONS.name(), 1, 1000));
    }
}
