package dev.presso.plugins.obs;

import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;
import dev.presso.plugins.obs.internal.GptqMethod;
import java.util.List;
import java.util.Map;

/**
 * Provides {@code gptq}: GPTQ quantization to 2..8 bits (levels {@code 8bit} .. {@code 2bit}) by the
 * OBS column sweep over the layer's calibration Hessian, per-row asymmetric min-max grids per group
 * of columns. Needs a calibrate stage (the layer's Gram matrix).
 *
 * <p>Exact cost of a layer {@code [out, in]} at {@code b} bits with {@code G = ceil(in / group-size)}
 * groups per row ({@code G = 1} for group size 0): {@code b * out * in + out * G * (16 + b)} bits
 * (codes, an F16 scale and a {@code b}-bit zero point per group and row).
 *
 * @since 0.1
 */
public final class GptqMethodProvider implements CompressionMethodProvider {
    static final PluginOption GROUP_SIZE = new PluginOption("group-size", "128",
            "Input columns sharing a scale and zero point: 0 = one group per output row; otherwise groups of this"
                    + " many consecutive columns, the last one shorter when it does not divide in_features.");
    static final PluginOption DAMP = new PluginOption("damp", "0.01",
            "Relative Hessian damping: damp * mean(diag H) is added to the diagonal; in (0, 1].");

    /** Creates the provider; cheap. */
    public GptqMethodProvider() {}

    @Override
    public String id() {
        return GptqMethod.ID;
    }

    @Override
    public String description() {
        return "GPTQ: calibrated 2..8-bit quantization by the OBS column sweep, per row and group of columns.";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(GROUP_SIZE, DAMP);
    }

    @Override
    public CompressionMethod create(Map<String, String> settings) {
        PluginSettings s = new PluginSettings("method " + id(), settings, options());
        return new GptqMethod(s.integer(GROUP_SIZE.name(), 0, Integer.MAX_VALUE), damp(s));
    }

    /**
     * Reads {@code damp}, which must be above 0: without damping a singular Hessian cannot be inverted.
     *
     * @param s the method's settings
     * @return the relative damping, in {@code (0, 1]}
     */
    static double damp(PluginSettings s) {
        double damp = s.decimal(DAMP.name(), 0, 1);
        if (damp == 0) {
            throw s.invalid(DAMP.name(), "a number in (0.0, 1.0]");
        }
        return damp;
    }
}
