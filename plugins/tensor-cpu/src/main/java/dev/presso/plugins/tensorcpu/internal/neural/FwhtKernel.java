package dev.presso.plugins.tensorcpu.internal.neural;

import static dev.presso.plugins.tensorcpu.internal.kernel.Simd.F32;
import static dev.presso.plugins.tensorcpu.internal.kernel.Simd.LANES;

import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.kernel.Simd;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;
import jdk.incubator.vector.FloatVector;
import org.jspecify.annotations.Nullable;

/**
 * Scaled fast Walsh-Hadamard transform of consecutive power-of-two blocks of the last axis:
 * the input is copied to the output and transformed there in place.
 */
public final class FwhtKernel {
    private static final String OP = "fwht";

    private final KernelContext context;

    /** Creates the kernel. */
    public FwhtKernel(KernelContext context) {
        this.context = context;
    }

    /** Writes {@code scale * H_block * x_block} for every block. */
    public void fwht(DeviceArray x, int block, float scale, DeviceArray out) {
        CpuArray cx = context.f32(OP, "x", x);
        CpuArray co = context.f32(OP, "out", out);
        Checks.requireMinRank(OP, "x", cx, 1);
        int n = Checks.dim(cx, -1);
        if (block < 1 || Integer.bitCount(block) != 1 || n % block != 0) {
            throw new TensorException(OP, "block " + block + " for x " + cx.shape()
                    + "; expected a power of two dividing the last dimension " + n);
        }
        Checks.requireSameShape(OP, "out", co, "x", cx);
        Checks.requireNoAlias(OP, co, cx);
        float[] os = co.floats();
        System.arraycopy(cx.floats(), 0, os, 0, co.size());
        float[] low = n % LANES == 0 ? lowStageMatrix(Math.min(block, LANES)) : null;
        int segment = low == null ? block : Math.max(block, LANES);
        context.parallel().forRows(co.size() / segment, segment, KernelContext.ROW_GRAIN,
                (from, to) -> {
                    for (int b = from; b < to; b++) {
                        transform(os, b * segment, segment, block, low);
                        Simd.scale(os, b * segment, (b + 1) * segment, scale);
                    }
                });
    }

    /**
     * Applies the unnormalized transform to each {@code block} of {@code v[offset, +length)} in
     * place. With a low-stage matrix (length a multiple of the vector length), the butterflies of
     * spans below the vector length are one vector-matrix product per vector; longer spans are
     * vector butterflies.
     */
    static void transform(float[] v, int offset, int length, int block, float @Nullable [] low) {
        int h = 1;
        if (low != null) {
            multiplyChunks(v, offset, length, low);
            h = Math.min(block, LANES);
        }
        for (; h < block; h *= 2) {
            for (int i = offset; i < offset + length; i += 2 * h) {
                if (h >= LANES) {
                    butterflyVector(v, i, h);
                } else {
                    butterflyScalar(v, i, h);
                }
            }
        }
    }

    /**
     * Returns the symmetric {@code LANES x LANES} matrix of the first {@code log2(block)} stages:
     * block-diagonal copies of the Sylvester matrix of size {@code block}.
     */
    private static float[] lowStageMatrix(int block) {
        float[] m = new float[LANES * LANES];
        for (int i = 0; i < LANES; i++) {
            for (int j = 0; j < LANES; j++) {
                boolean sameBlock = i / block == j / block;
                int parity = Integer.bitCount((i % block) & (j % block)) % 2;
                m[i * LANES + j] = !sameBlock ? 0f : parity == 0 ? 1f : -1f;
            }
        }
        return m;
    }

    /** Replaces each vector-length chunk {@code c} of the range by {@code m * c}. */
    private static void multiplyChunks(float[] v, int offset, int n, float[] m) {
        for (int c = offset; c < offset + n; c += LANES) {
            FloatVector acc = FloatVector.zero(F32);
            for (int j = 0; j < LANES; j++) {
                acc = FloatVector.fromArray(F32, m, j * LANES)
                        .fma(FloatVector.broadcast(F32, v[c + j]), acc);
            }
            acc.intoArray(v, c);
        }
    }

    private static void butterflyVector(float[] v, int i, int h) {
        for (int j = i; j < i + h; j += LANES) {
            FloatVector a = FloatVector.fromArray(F32, v, j);
            FloatVector b = FloatVector.fromArray(F32, v, j + h);
            a.add(b).intoArray(v, j);
            a.sub(b).intoArray(v, j + h);
        }
    }

    private static void butterflyScalar(float[] v, int i, int h) {
        for (int j = i; j < i + h; j++) {
            float a = v[j];
            float b = v[j + h];
            v[j] = a + b;
            v[j + h] = a - b;
        }
    }
}
