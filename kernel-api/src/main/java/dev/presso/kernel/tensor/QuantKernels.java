package dev.presso.kernel.tensor;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Conversions between dtypes, and group-wise affine quantization into packed codes.
 *
 * @since 1.0
 */
@ConsumerType
public interface QuantKernels {
    /**
     * Converts elements between {@link DType#F32}, {@link DType#F16}, {@link DType#BF16},
     * {@link DType#I32}, {@link DType#I8} and {@link DType#U8}.
     *
     * <p>Float to float rounds to nearest even. Float to integer rounds half to even and saturates
     * to the target's range; NaN becomes 0. Integer to float rounds once to nearest even. Integer
     * to integer saturates to the target's range.
     *
     * @param x the input
     * @param out the output of the same shape, in the target dtype
     */
    void cast(DeviceArray x, DeviceArray out);

    /**
     * Quantizes rows in groups to unsigned codes:
     * {@code q = clamp(roundHalfEven(x / scale + zero), 0, 2^bits - 1)}, where {@code bits} is
     * {@code out}'s dtype width and {@code scale, zero} are those of the element's group.
     *
     * <p>For {@code x [R, C]} and parameters {@code [R, G]}, group {@code g} covers columns
     * {@code [g * C / G, (g + 1) * C / G)}; {@code G} must divide {@code C}. A zero scale yields
     * the clamped zero point, and NaN is quantized to code 0.
     *
     * @param x the F32 values {@code [R, C]}
     * @param scales F32 step sizes {@code [R, G]}
     * @param zeros F32 zero points in code units {@code [R, G]}
     * @param out the codes {@code [R, C]} of dtype {@link DType#I1}, {@link DType#I2},
     *     {@link DType#I4} or {@link DType#U8}
     */
    void quantize(DeviceArray x, DeviceArray scales, DeviceArray zeros, DeviceArray out);

    /**
     * Reconstructs values from codes: {@code out = (q - zero) * scale} per group, the inverse of
     * {@link #quantize} up to rounding.
     *
     * @param codes the codes {@code [R, C]}
     * @param scales F32 step sizes {@code [R, G]}
     * @param zeros F32 zero points {@code [R, G]}
     * @param out the F32 values {@code [R, C]}
     */
    void dequantize(DeviceArray codes, DeviceArray scales, DeviceArray zeros, DeviceArray out);
}
