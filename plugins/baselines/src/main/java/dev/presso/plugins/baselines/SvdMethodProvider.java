package dev.presso.plugins.baselines;

import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;
import dev.presso.plugins.baselines.internal.SvdMethod;
import java.util.List;
import java.util.Map;

/**
 * Provides {@code svd}: truncated-SVD low rank {@code W ~ A B} in two F16 factors, plain or
 * whitened by the calibration Gram matrix to minimize the layer's output error. Levels
 * {@code params-0.90} .. {@code params-0.10} keep that fraction of the dense parameter count.
 *
 * <p>Exact cost of a layer {@code [out, in]} at fraction {@code f}: {@code 16 * r * (out + in)} bits
 * with {@code r = max(1, floor(f * out * in / (out + in)))}.
 *
 * @since 0.1
 */
public final class SvdMethodProvider implements CompressionMethodProvider {
    private static final PluginOption WHITENED = new PluginOption("whitened", "false",
            "true: truncate the SVD of W L, where L L^T is the damped calibration Gram matrix, minimizing the output"
                    + " error on the calibration inputs (needs a calibrate stage first); false: plain SVD of W.");
    private static final PluginOption DAMP = new PluginOption("damp", "0.01",
            "Added to the Gram matrix's diagonal before the Cholesky factorization, relative to its mean diagonal;"
                    + " in [0, 1000]; ignored unless whitened.");

    /** Creates the provider; cheap. */
    public SvdMethodProvider() {}

    @Override
    public String id() {
        return SvdMethod.ID;
    }

    @Override
    public String description() {
        return "Truncated-SVD low rank in two F16 factors, plain or whitened by the calibration inputs.";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(WHITENED, DAMP);
    }

    @Override
    public CompressionMethod create(Map<String, String> settings) {
        PluginSettings s = new PluginSettings("method " + id(), settings, options());
        return new SvdMethod(s.flag(WHITENED.name()), s.decimal(DAMP.name(), 0, 1000));
    }
}
