package dev.presso.plugins.tensorcpu.internal.linalg;

/** Cache-blocked out-of-place transposition of row-major float matrices. */
final class Transpose {
    private static final int BLOCK = 32;

    private Transpose() {
    }

    /**
     * Writes {@code dst [cols, rows] = src [rows, cols]^T}, both dense row-major.
     *
     * @param src the source, {@code rows * cols} values
     * @param rows the source row count
     * @param cols the source column count
     * @param dst the destination, {@code rows * cols} values, not aliasing {@code src}
     */
    static void of(float[] src, int rows, int cols, float[] dst) {
        of(src, 0, cols, rows, cols, dst, 0, rows);
    }

    /**
     * Writes the transpose of a strided block: {@code dst[j * ldd + i] = src[i * lds + j]} for
     * {@code i < rows}, {@code j < cols}.
     */
    static void of(float[] src, int srcOffset, int lds, int rows, int cols, float[] dst,
            int dstOffset, int ldd) {
        for (int i0 = 0; i0 < rows; i0 += BLOCK) {
            int i1 = Math.min(rows, i0 + BLOCK);
            for (int j0 = 0; j0 < cols; j0 += BLOCK) {
                int j1 = Math.min(cols, j0 + BLOCK);
                for (int i = i0; i < i1; i++) {
                    int s = srcOffset + i * lds;
                    for (int j = j0; j < j1; j++) {
                        dst[dstOffset + j * ldd + i] = src[s + j];
                    }
                }
            }
        }
    }
}
