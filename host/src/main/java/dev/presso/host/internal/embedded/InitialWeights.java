package dev.presso.host.internal.embedded;

import dev.presso.host.internal.model.llama.LlamaConfig;
import dev.presso.host.internal.model.llama.LlamaParameters;
import java.util.Random;

/**
 * The initial parameters of a LLaMA, drawn on the heap from a seed so they are the same on every
 * backend: RMSNorm gains are 1, every matrix is normal with standard deviation {@link #STD}, and
 * the projections that write into the residual stream ({@code o_proj}, {@code down_proj}) are
 * further scaled by {@code 1/sqrt(2 * layers)}, as GPT-2 does, so the residual grows little with
 * depth.
 */
final class InitialWeights {
    /** The standard deviation of matrices. */
    static final double STD = 0.02;

    private InitialWeights() {}

    /**
     * Draws the parameters of a configuration.
     *
     * @param config the model configuration
     * @param seed the seed
     * @return every parameter the configuration implies, in execution order
     */
    static Parameters draw(LlamaConfig config, long seed) {
        Random random = new Random(seed);
        double residualStd = STD / Math.sqrt(2.0 * config.layers());
        Parameters parameters = new Parameters();
        for (LlamaParameters.Spec spec : LlamaParameters.of(config)) {
            float[] data = new float[Math.toIntExact(spec.shape().size())];
            if (spec.shape().rank() == 1) {
                java.util.Arrays.fill(data, 1f);
            } else {
                boolean residual = spec.name().endsWith("o_proj.weight") || spec.name().endsWith("down_proj.weight");
                double std = residual ? residualStd : STD;
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) (random.nextGaussian() * std);
                }
            }
            parameters.put(spec.name(), spec.shape(), data);
        }
        return parameters;
    }
}
