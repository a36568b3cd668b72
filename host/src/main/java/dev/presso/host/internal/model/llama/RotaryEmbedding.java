package dev.presso.host.internal.model.llama;

import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;

/**
 * Rotary position embedding tables in Hugging Face's rotate-half layout: for position {@code p} and
 * frequency {@code i < D/2}, {@code cos(p * inv_freq[i])} and {@code sin(p * inv_freq[i])}.
 *
 * <p>Frequencies and angles are computed in float32 exactly as Hugging Face does, so long positions
 * round the same way; the scaling variants follow its {@code ROPE_INIT_FUNCTIONS}. Dynamic NTK
 * scaling depends on the sequence length, taken as the last position plus one. Immutable.
 */
public final class RotaryEmbedding {
    private final int headDim;
    private final double theta;
    private final RopeScaling scaling;
    private final int maxPositionEmbeddings;
    private final float[] baseFrequencies;

    /**
     * Creates the tables of a configuration.
     *
     * @param config the model configuration
     */
    public RotaryEmbedding(LlamaConfig config) {
        this.headDim = config.headDim();
        this.theta = config.ropeTheta();
        this.scaling = config.ropeScaling();
        this.maxPositionEmbeddings = config.maxPositionEmbeddings();
        this.baseFrequencies = frequencies(theta);
    }

    /**
     * The cosines and sines of a run of positions.
     *
     * @param cos {@code [T, D/2]}
     * @param sin {@code [T, D/2]}
     */
    public record Tables(Tensor cos, Tensor sin) {}

    /**
     * Returns the tables of positions {@code offset .. offset + count - 1}, as tensors of the
     * current scope.
     *
     * @param tensors where to create them
     * @param offset the first position
     * @param count the number of positions
     * @return the tables
     */
    public Tables tables(Tensors tensors, int offset, int count) {
        float[] inverse = inverseFrequencies(offset + count);
        int half = inverse.length;
        float[] cos = new float[count * half];
        float[] sin = new float[count * half];
        for (int t = 0; t < count; t++) {
            float position = offset + t;
            for (int i = 0; i < half; i++) {
                float angle = position * inverse[i];
                cos[t * half + i] = (float) StrictMath.cos(angle);
                sin[t * half + i] = (float) StrictMath.sin(angle);
            }
        }
        Shape shape = Shape.of(count, half);
        return new Tables(tensors.of(cos, shape), tensors.of(sin, shape));
    }

    /** Returns {@code inv_freq} for a sequence of {@code length} positions. */
    float[] inverseFrequencies(int length) {
        return switch (scaling) {
            case RopeScaling.None _ -> baseFrequencies;
            case RopeScaling.Linear linear -> divided(baseFrequencies, (float) linear.factor());
            case RopeScaling.Dynamic dynamic -> length <= maxPositionEmbeddings ? baseFrequencies
                    : frequencies(theta * StrictMath.pow(dynamic.factor() * length / maxPositionEmbeddings
                            - (dynamic.factor() - 1), headDim / (headDim - 2.0)));
            case RopeScaling.Llama3 llama3 -> llama3(baseFrequencies, llama3);
        };
    }

    /** {@code 1 / base^(2i / D)}, in float32 like {@code torch.arange(0, D, 2).float() / D}. */
    private float[] frequencies(double base) {
        float[] inverse = new float[headDim / 2];
        for (int i = 0; i < inverse.length; i++) {
            float exponent = (float) (2 * i) / headDim;
            inverse[i] = 1f / (float) StrictMath.pow(base, exponent);
        }
        return inverse;
    }

    private static float[] divided(float[] frequencies, float factor) {
        float[] out = new float[frequencies.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = frequencies[i] / factor;
        }
        return out;
    }

    private static float[] llama3(float[] frequencies, RopeScaling.Llama3 s) {
        double lowWavelength = s.originalMaxPositionEmbeddings() / s.lowFreqFactor();
        double highWavelength = s.originalMaxPositionEmbeddings() / s.highFreqFactor();
        float[] out = new float[frequencies.length];
        for (int i = 0; i < out.length; i++) {
            double frequency = frequencies[i];
            double wavelength = 2 * Math.PI / frequency;
            if (wavelength > lowWavelength) {
                out[i] = (float) (frequency / s.factor());
            } else if (wavelength < highWavelength) {
                out[i] = (float) frequency;
            } else {
                double smooth = (s.originalMaxPositionEmbeddings() / wavelength - s.lowFreqFactor())
                        / (s.highFreqFactor() - s.lowFreqFactor());
                out[i] = (float) ((1 - smooth) * frequency / s.factor() + smooth * frequency);
            }
        }
        return out;
    }
}
