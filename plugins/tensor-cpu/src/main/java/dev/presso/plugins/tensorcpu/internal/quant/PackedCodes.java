package dev.presso.plugins.tensorcpu.internal.quant;

/**
 * Reads and writes unsigned codes of 1, 2, 4 or 8 bits packed little-endian within bytes:
 * element {@code i} occupies bits {@code (i % perByte) * bits} upwards of byte {@code i / perByte}.
 *
 * @param bits the code width
 */
record PackedCodes(int bits) {
    /** Returns code {@code i}. */
    int read(byte[] data, int i) {
        if (bits == 8) {
            return data[i] & 0xFF;
        }
        int shift = (i & (8 / bits - 1)) * bits;
        return (data[i * bits >>> 3] >>> shift) & ((1 << bits) - 1);
    }

    /** ORs code {@code i} into place; the target bits must be zero. */
    void write(byte[] data, int i, int code) {
        if (bits == 8) {
            data[i] = (byte) code;
            return;
        }
        int shift = (i & (8 / bits - 1)) * bits;
        data[i * bits >>> 3] |= (byte) (code << shift);
    }
}
