package dev.presso.plugins.baselines;

import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;
import dev.presso.plugins.baselines.internal.RtnMethod;
import java.util.List;
import java.util.Map;

/**
 * Provides {@code rtn}: round-to-nearest quantization of each weight group to 2..8 bits (levels
 * {@code 8bit} .. {@code 2bit}), with an F16 scale per group and, when asymmetric, a zero point of
 * the same width.
 *
 * <p>Exact cost of a layer {@code [out, in]} at {@code b} bits with {@code G = ceil(in / group-size)}
 * groups per row ({@code G = 1} for group size 0):
 * {@code b * out * in + out * G * (16 + (symmetric ? 0 : b))} bits, which is what the operator's
 * {@code storageBits()} reports.
 *
 * @since 0.1
 */
public final class RtnMethodProvider implements CompressionMethodProvider {
    private static final PluginOption GROUP_SIZE = new PluginOption("group-size", "0",
            "Input columns sharing a scale (and zero point): 0 = one group per output row; otherwise groups of this"
                    + " many consecutive columns, the last one shorter when it does not divide in_features.");
    private static final PluginOption SYMMETRIC = new PluginOption("symmetric", "false",
            "false: asymmetric min-max grid with a zero point stored at the level's bits; true: absmax grid"
                    + " symmetric about 0, no zero point stored.");

    /** Creates the provider; cheap. */
    public RtnMethodProvider() {}

    @Override
    public String id() {
        return RtnMethod.ID;
    }

    @Override
    public String description() {
        return "Round-to-nearest quantization to 2..8 bits per channel or per group, symmetric or asymmetric.";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(GROUP_SIZE, SYMMETRIC);
    }

    @Override
    public CompressionMethod create(Map<String, String> settings) {
        PluginSettings s = new PluginSettings("method " + id(), settings, options());
        return new RtnMethod(s.integer(GROUP_SIZE.name(), 0, Integer.MAX_VALUE), s.flag(SYMMETRIC.name()));
    }
}
