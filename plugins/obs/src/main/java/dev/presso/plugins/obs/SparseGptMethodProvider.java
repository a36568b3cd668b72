package dev.presso.plugins.obs;

import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;
import dev.presso.plugins.obs.internal.SparseGptMethod;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Provides {@code sparsegpt}: SparseGPT pruning by the OBS column sweep over the layer's calibration
 * Hessian. Unstructured levels {@code sparsity-0.10} .. {@code sparsity-0.90}; with
 * {@code pattern: N:M} one level, sparsity {@code 1 - N/M}. Needs a calibrate stage.
 *
 * <p>Exact cost: unstructured {@code 16 * nnz + out * in} bits (F16 values and a one-bit mask);
 * N:M {@code out * (in / M) * N * (16 + ceil(log2 M))} bits (F16 values and positions).
 *
 * @since 0.1
 */
public final class SparseGptMethodProvider implements CompressionMethodProvider {
    private static final int MAX_GROUP = 256;
    private static final PluginOption PATTERN = new PluginOption("pattern", SparseGptMethod.UNSTRUCTURED,
            "unstructured, or N:M (1 <= N < M <= 256): every run of M input columns of a row keeps N weights.");

    /** Creates the provider; cheap. */
    public SparseGptMethodProvider() {}

    @Override
    public String id() {
        return SparseGptMethod.ID;
    }

    @Override
    public String description() {
        return "SparseGPT: calibrated unstructured or N:M pruning by the OBS column sweep.";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(PATTERN, GptqMethodProvider.DAMP);
    }

    @Override
    public CompressionMethod create(Map<String, String> settings) {
        PluginSettings s = new PluginSettings("method " + id(), settings, options());
        double damp = GptqMethodProvider.damp(s);
        String pattern = s.text(PATTERN.name());
        if (pattern.equals(SparseGptMethod.UNSTRUCTURED)) {
            return new SparseGptMethod(0, 0, damp);
        }
        Matcher m = Pattern.compile("(\\d{1,3}):(\\d{1,3})").matcher(pattern);
        if (m.matches()) {
            int kept = Integer.parseInt(m.group(1));
            int group = Integer.parseInt(m.group(2));
            if (kept >= 1 && kept < group && group <= MAX_GROUP) {
                return new SparseGptMethod(kept, group, damp);
            }
        }
        throw s.invalid(PATTERN.name(), "unstructured or N:M with 1 <= N < M <= " + MAX_GROUP);
    }
}
