package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.UnaryOp;

/**
 * The round-to-nearest grid of one group of weights at {@code bits} bits, codes {@code 0 .. 2^bits - 1}
 * with {@code w ~ (q - zero) * scale}.
 *
 * <ul>
 *   <li>Asymmetric (min-max, GPTQ's quantizer): the range is widened to contain 0,
 *       {@code lo = min(min w, 0)}, {@code hi = max(max w, 0)}; {@code scale = (hi - lo) / (2^bits - 1)},
 *       {@code zero = clamp(round(-lo / scale), 0, 2^bits - 1)}, an integer stored at {@code bits} bits.
 *   <li>Symmetric (absmax): {@code scale = max|w| / (2^(bits-1) - 1)} and the fixed, unstored
 *       {@code zero = 2^(bits-1)}, so the grid is {@code {-(2^(bits-1) - 1) .. 2^(bits-1) - 1} * scale},
 *       symmetric about 0 (code 0 is unused).
 * </ul>
 *
 * <p>The scale is rounded to F16, as stored, before the codes are computed (clamped to
 * {@code [2^-24, 65504]}, the positive F16 range, so that an all-zero group still gets a usable
 * scale). Codes are {@code clamp(round(w / scale + zero), 0, 2^bits - 1)}, rounding half to even.
 *
 * @param bits the code width, 2 to 8
 * @param symmetric whether the grid is symmetric about 0
 */
record RtnGrid(int bits, boolean symmetric) {
    /** The smallest positive F16 value, {@code 2^-24}. */
    static final float SMALLEST_HALF = 0x1p-24f;
    /** The largest finite F16 value. */
    static final float LARGEST_HALF = 65504f;

    /** Returns the largest code. @return {@code 2^bits - 1} */
    float maxCode() {
        return (1 << bits) - 1;
    }

    /** Returns the symmetric grid's fixed zero point. @return {@code 2^(bits-1)} */
    float symmetricZero() {
        return 1 << (bits - 1);
    }

    /**
     * One group part's parameters and codes.
     *
     * @param scale the F16-representable F32 scales {@code [R, G, 1]}
     * @param zero the F32 integer zero points {@code [R, G, 1]}
     * @param codes the F32 integer codes {@code [R, G, W]}
     */
    record Quantized(Tensor scale, Tensor zero, Tensor codes) {}

    /**
     * Fits the grid of every group of a part and quantizes it.
     *
     * @param groups the weights {@code [R, G, W]}, one group per {@code [r, g, :]}
     * @return the scales, zero points and codes
     */
    Quantized quantize(Tensor groups) {
        Tensor scale;
        Tensor zero;
        if (symmetric) {
            Tensor absMax = groups.map(UnaryOp.ABS).reduce(ReduceOp.MAX, true, 2);
            scale = toHalf(absMax.zip(BinaryOp.DIV, symmetricZero() - 1));
            zero = scale.mul(0f).add(symmetricZero());
        } else {
            Tensor low = groups.reduce(ReduceOp.MIN, true, 2).zip(BinaryOp.MIN, 0f);
            Tensor high = groups.reduce(ReduceOp.MAX, true, 2).zip(BinaryOp.MAX, 0f);
            scale = toHalf(high.sub(low).zip(BinaryOp.DIV, maxCode()));
            zero = low.div(scale).mul(-1f).map(UnaryOp.ROUND).clamp(0f, maxCode());
        }
        Tensor codes = groups.div(scale).add(zero).map(UnaryOp.ROUND).clamp(0f, maxCode());
        return new Quantized(scale, zero, codes);
    }

    /**
     * Reconstructs weights from codes.
     *
     * @param codes F32 codes {@code [R, G, W]}
     * @param scale F32 scales {@code [R, G, 1]}
     * @param zero F32 zero points {@code [R, G, 1]}
     * @return {@code (codes - zero) * scale}
     */
    static Tensor dequantize(Tensor codes, Tensor scale, Tensor zero) {
        return codes.sub(zero).mul(scale);
    }

    /** Rounds positive scales to the nearest F16 value inside the F16 range, kept as F32. */
    private static Tensor toHalf(Tensor scale) {
        return scale.clamp(SMALLEST_HALF, LARGEST_HALF).cast(DType.F16).cast(DType.F32);
    }
}
