package dev.presso.kernel.tensor;

/**
 * The element types a tensor can hold, sized in bits so that packed low-bit storage is exact.
 *
 * <p>Packed types ({@link #I4}, {@link #I2}, {@link #I1}) store unsigned codes
 * {@code 0 .. 2^bits - 1}, little-endian within each byte: element {@code i} occupies bits
 * {@code (i % perByte) * bits} upwards of byte {@code i / perByte}. A packed array of {@code n}
 * elements takes {@code ceil(n * bits / 8)} bytes.
 *
 * @since 1.0
 */
public enum DType {
    /** IEEE 754 binary32. */
    F32(32, true),
    /** IEEE 754 binary16. */
    F16(16, true),
    /** bfloat16: the upper 16 bits of a binary32. */
    BF16(16, true),
    /** Two's-complement 32-bit integer. */
    I32(32, false),
    /** Two's-complement 8-bit integer. */
    I8(8, false),
    /** Unsigned 8-bit integer. */
    U8(8, false),
    /** Unsigned 4-bit code, two per byte. */
    I4(4, false),
    /** Unsigned 2-bit code, four per byte. */
    I2(2, false),
    /** Unsigned 1-bit code, eight per byte. */
    I1(1, false);

    private final int bits;
    private final boolean floatingPoint;

    DType(int bits, boolean floatingPoint) {
        this.bits = bits;
        this.floatingPoint = floatingPoint;
    }

    /**
     * Returns the storage size of one element in bits.
     *
     * @return 1, 2, 4, 8, 16 or 32
     */
    public int bits() {
        return bits;
    }

    /**
     * Returns whether elements are floating-point numbers.
     *
     * @return {@code true} for {@link #F32}, {@link #F16} and {@link #BF16}
     */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /**
     * Returns whether several elements share one byte.
     *
     * @return {@code true} for {@link #I4}, {@link #I2} and {@link #I1}
     */
    public boolean isPacked() {
        return bits < 8;
    }

    /**
     * Returns the number of bytes that {@code elements} elements of this type occupy.
     *
     * @param elements the element count, at least 0
     * @return {@code ceil(elements * bits / 8)}
     */
    public long bytesFor(long elements) {
        if (elements < 0) {
            throw new IllegalArgumentException("elements must be >= 0, was " + elements);
        }
        return Math.ceilDiv(Math.multiplyExact(elements, (long) bits), 8L);
    }

    /**
     * Returns the packed code type holding {@code bits}-bit unsigned codes.
     *
     * @param bits 1, 2, 4 or 8
     * @return {@link #I1}, {@link #I2}, {@link #I4} or {@link #U8}
     * @throws IllegalArgumentException for any other width
     */
    public static DType codeType(int bits) {
        return switch (bits) {
            case 1 -> I1;
            case 2 -> I2;
            case 4 -> I4;
            case 8 -> U8;
            default -> throw new IllegalArgumentException(
                    "no packed code type holds " + bits + "-bit codes; expected 1, 2, 4 or 8");
        };
    }
}
