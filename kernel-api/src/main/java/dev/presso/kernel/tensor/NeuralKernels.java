package dev.presso.kernel.tensor;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Fused kernels of transformer layers, on {@link DType#F32} arrays, all along the last axis.
 *
 * <p>Outputs are caller-allocated and shaped like the input; they must not alias any input.
 *
 * @since 1.0
 */
@ConsumerType
public interface NeuralKernels {
    /**
     * Softmax along the last axis, computed stably (shifted by the row maximum); a row whose
     * elements are all negative infinity gives NaN, as the arithmetic does.
     *
     * @param x the input, rank at least 1
     * @param out the output, shaped like {@code x}
     */
    void softmax(DeviceArray x, DeviceArray out);

    /**
     * Log-softmax along the last axis: {@code x - max - log(sum(exp(x - max)))}.
     *
     * @param x the input, rank at least 1
     * @param out the output, shaped like {@code x}
     */
    void logSoftmax(DeviceArray x, DeviceArray out);

    /**
     * Root-mean-square normalization along the last axis:
     * {@code out = x / sqrt(mean(x^2) + eps) * weight}.
     *
     * @param x the input {@code [..., D]}
     * @param weight the per-feature gain {@code [D]}
     * @param eps added to the mean square, for example {@code 1e-5}
     * @param out the output {@code [..., D]}
     */
    void rmsNorm(DeviceArray x, DeviceArray weight, float eps, DeviceArray out);

    /**
     * Rotary position embedding in the rotate-half layout of Hugging Face LLaMA.
     *
     * <p>For {@code x [..., T, H, D]} and tables {@code cos, sin [T, D/2]}, with
     * {@code x1 = x[..., :D/2]} and {@code x2 = x[..., D/2:]}:
     * {@code out[..., :D/2] = x1 * cos - x2 * sin} and {@code out[..., D/2:] = x2 * cos + x1 * sin}.
     * With {@code inverse} the rotation is by the opposite angle, which is the backward pass.
     *
     * @param x the input {@code [..., T, H, D]}, D even
     * @param cos cosines per position and frequency {@code [T, D/2]}
     * @param sin sines per position and frequency {@code [T, D/2]}
     * @param inverse whether to rotate by {@code -theta}
     * @param out the output, shaped like {@code x}
     */
    void rope(DeviceArray x, DeviceArray cos, DeviceArray sin, boolean inverse, DeviceArray out);

    /**
     * Fast Walsh–Hadamard transform of each consecutive block of the last axis, in Sylvester
     * (natural) order, scaled: {@code out = scale * H_block * x_block}. With
     * {@code scale = 1 / sqrt(block)} the transform is orthonormal and its own inverse.
     *
     * @param x the input {@code [..., N]}
     * @param block the block size, a power of two dividing {@code N}
     * @param scale the factor applied to the result
     * @param out the output, shaped like {@code x}
     */
    void fwht(DeviceArray x, int block, float scale, DeviceArray out);
}
