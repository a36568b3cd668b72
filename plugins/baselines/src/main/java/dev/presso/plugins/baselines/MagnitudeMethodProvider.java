package dev.presso.plugins.baselines;

import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;
import dev.presso.plugins.baselines.internal.MagnitudeMethod;
import java.util.List;
import java.util.Map;

/**
 * Provides {@code magnitude}: pruning of the smallest-magnitude weights, unstructured per output
 * row (levels {@code sparsity-0.10} .. {@code sparsity-0.90}), unstructured per layer with an exact
 * zero count ({@code layer}; those levels and any {@code sparsity-*} level of value in [0, 1], such
 * as a level database's {@code sparsity-Z} of value {@code Z / n}, which an unstructured
 * configuration also prunes this way) or N:M (one level, sparsity {@code 1 - N/M}).
 *
 * <p>Exact costs of a layer {@code [out, in]}: unstructured, with {@code keep = in - round(s * in)}
 * weights kept per row, {@code 16 * out * keep + out * in} bits (F16 values plus a 1-bit mask);
 * layer, with {@code Z} zeros, {@code 16 * (out * in - Z) + out * in} bits;
 * N:M, {@code out * (in / M) * N * (16 + ceil(log2 M))} bits (F16 values plus each kept weight's
 * position in its group).
 *
 * @since 0.1
 */
public final class MagnitudeMethodProvider implements CompressionMethodProvider {
    private static final PluginOption PATTERN = new PluginOption("pattern", "unstructured",
            "unstructured: each output row keeps its largest weights, levels sparsity 0.1 to 0.9 (any other"
                    + " sparsity-* level in [0, 1] is pruned as by layer); layer: the layer keeps its largest weights,"
                    + " exactly round(s * out * in) zeros, levels sparsity 0.1 to 0.9 and any sparsity-* level in"
                    + " [0, 1]; N:M (such as 2:4): every run of M input columns keeps its N largest weights, one"
                    + " level.");

    /** Creates the provider; cheap. */
    public MagnitudeMethodProvider() {}

    @Override
    public String id() {
        return MagnitudeMethod.ID;
    }

    @Override
    public String description() {
        return "Magnitude pruning of the smallest weights, unstructured per output row or N:M semi-structured.";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(PATTERN);
    }

    @Override
    public CompressionMethod create(Map<String, String> settings) {
        PluginSettings s = new PluginSettings("method " + id(), settings, options());
        String pattern = s.text(PATTERN.name());
        if (!MagnitudeMethod.isPattern(pattern)) {
            throw s.invalid(PATTERN.name(), "unstructured, layer or N:M with 1 <= N < M <= 256, such as 2:4");
        }
        return new MagnitudeMethod(pattern);
    }
}
