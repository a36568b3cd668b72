package dev.presso.plugins.tensorcuda.internal.kernels;

/**
 * One kernel parameter with its C type: a device pointer, a 32- or 64-bit integer or a float.
 * Kernels take sizes and strides as {@code long long} ({@link I64}) and small counts and enum
 * codes as {@code int} ({@link I32}).
 */
public sealed interface KernelArg {
    /**
     * A device pointer ({@code T*} in the kernel).
     *
     * @param address the device address
     */
    record Pointer(long address) implements KernelArg {}

    /**
     * A 32-bit signed integer ({@code int}).
     *
     * @param value the value
     */
    record I32(int value) implements KernelArg {}

    /**
     * A 64-bit signed integer ({@code long long}).
     *
     * @param value the value
     */
    record I64(long value) implements KernelArg {}

    /**
     * A 32-bit float ({@code float}).
     *
     * @param value the value
     */
    record F32(float value) implements KernelArg {}
}
