package dev.presso.plugins.tensorcpu.internal.layout;

/** Strided element moves between storage arrays of the same primitive type. */
final class ElementMoves {
    /**
     * Rows of at least this many contiguous elements are copied with {@code System.arraycopy}
     * rather than by the strided element loop, which the JIT cannot vectorize: moving query heads
     * of 16 floats between layouts took 40% less time, while rows of 8 were a little faster
     * element by element.
     */
    private static final int BULK_ROW = 16;

    private ElementMoves() {}

    /**
     * Copies a tile: {@code dst[to + r * cols + c] = src[from + r * rowStride + c * colStride]}
     * for {@code r < rows}, {@code c < width}, where {@code cols} is the destination row length.
     */
    static void tile(Object src, int from, int rowStride, int colStride, Object dst, int to,
            int cols, int rows, int width) {
        if (colStride == 1 && width >= BULK_ROW) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(src, from + r * rowStride, dst, to + r * cols, width);
            }
            return;
        }
        switch (src) {
            case float[] s -> {
                float[] d = (float[]) dst;
                for (int r = 0; r < rows; r++) {
                    int si = from + r * rowStride;
                    int di = to + r * cols;
                    for (int c = 0; c < width; c++) {
                        d[di + c] = s[si + c * colStride];
                    }
                }
            }
            case int[] s -> {
                int[] d = (int[]) dst;
                for (int r = 0; r < rows; r++) {
                    int si = from + r * rowStride;
                    int di = to + r * cols;
                    for (int c = 0; c < width; c++) {
                        d[di + c] = s[si + c * colStride];
                    }
                }
            }
            case short[] s -> {
                short[] d = (short[]) dst;
                for (int r = 0; r < rows; r++) {
                    int si = from + r * rowStride;
                    int di = to + r * cols;
                    for (int c = 0; c < width; c++) {
                        d[di + c] = s[si + c * colStride];
                    }
                }
            }
            case byte[] s -> {
                byte[] d = (byte[]) dst;
                for (int r = 0; r < rows; r++) {
                    int si = from + r * rowStride;
                    int di = to + r * cols;
                    for (int c = 0; c < width; c++) {
                        d[di + c] = s[si + c * colStride];
                    }
                }
            }
            default -> throw new IllegalArgumentException("not a storage array: " + src.getClass());
        }
    }
}
