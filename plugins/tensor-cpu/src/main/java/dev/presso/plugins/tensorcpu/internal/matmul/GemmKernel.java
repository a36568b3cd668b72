package dev.presso.plugins.tensorcpu.internal.matmul;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.gemm.Sgemm;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.quant.HalfFloats;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;
import java.util.Arrays;

/**
 * Batched {@code c = alpha * op(a) * op(b) + beta * c} on top of {@link Sgemm}. BF16 and F16
 * operands are widened to F32 first (exactly), so the product accumulates in F32. A batched,
 * untransposed {@code a} times a shared {@code b} (a linear layer over {@code [B, T, in]}) is one
 * tall product. Otherwise batches of small products run in parallel unless the whole batch is
 * tiny; large products parallelize inside {@link Sgemm}.
 */
public final class GemmKernel {
    private static final String OP = "gemm";
    /** Per-batch flops below which batches, not the product, are spread over threads. */
    private static final double SMALL_PRODUCT_FLOPS = 4.0e6;
    /**
     * Total flops of a batch of small products below which it runs on the caller: waking the
     * workers costs microseconds, more than such a batch takes (attention over one new token).
     */
    private static final double PARALLEL_BATCH_FLOPS = 1.0e6;

    private final KernelContext context;
    private final Sgemm sgemm;

    /** Creates the kernel. */
    public GemmKernel(KernelContext context, Sgemm sgemm) {
        this.context = context;
        this.sgemm = sgemm;
    }

    /** Computes the batched product described by {@code DenseKernels.gemm}. */
    public void gemm(boolean transposeA, boolean transposeB, float alpha, DeviceArray a,
            DeviceArray b, float beta, DeviceArray c) {
        CpuArray ca = context.array(OP, "a", a, DType.F32, DType.BF16, DType.F16);
        CpuArray cb = context.array(OP, "b", b, DType.F32, DType.BF16, DType.F16);
        CpuArray cc = context.f32(OP, "c", c);
        Checks.requireMinRank(OP, "c", cc, 2);
        int m = Checks.dim(cc, -2);
        int n = Checks.dim(cc, -1);
        boolean aBatched = requireOperand("a", ca, cc);
        boolean bBatched = requireOperand("b", cb, cc);
        int k = Checks.dim(ca, transposeA ? -2 : -1);
        int aRows = Checks.dim(ca, transposeA ? -1 : -2);
        int bInner = Checks.dim(cb, transposeB ? -1 : -2);
        int bCols = Checks.dim(cb, transposeB ? -2 : -1);
        if (aRows != m || bCols != n || bInner != k) {
            throw new TensorException(OP, "a is " + ca.shape() + (transposeA ? " (transposed)" : "")
                    + ", b is " + cb.shape() + (transposeB ? " (transposed)" : "") + ", c is "
                    + cc.shape() + "; expected op(a) [M, K] = [" + m + ", " + k + "], op(b) [K, N]"
                    + " = [" + k + ", " + n + "] and c [M, N]");
        }
        Checks.requireNoAlias(OP, cc, ca, cb);
        float[] af = widen(ca);
        float[] bf = widen(cb);
        float[] cf = cc.floats();
        int batches = m * n == 0 ? 0 : cc.size() / (m * n);
        int lda = transposeA ? m : k;
        int ldb = transposeB ? k : n;
        if (batches > 1 && aBatched && !bBatched && !transposeA) {
            // A shared B: the batches' rows of A and of C are consecutive, so they form one
            // product [batches * m, k] x [k, n], which blocks and parallelizes like any other.
            sgemm.multiply(false, transposeB, batches * m, n, k, alpha, af, 0, lda, bf, 0, ldb, beta,
                    cf, 0, n);
            return;
        }
        Batch batch = i -> sgemm.multiply(transposeA, transposeB, m, n, k, alpha,
                af, aBatched ? i * m * k : 0, lda, bf, bBatched ? i * k * n : 0, ldb, beta,
                cf, i * m * n, n);
        double flops = 2.0 * m * n * k;
        if (batches > 1 && flops < SMALL_PRODUCT_FLOPS && flops * batches >= PARALLEL_BATCH_FLOPS) {
            context.parallel().pool().parallelFor(batches, batch::run);
        } else {
            for (int i = 0; i < batches; i++) {
                batch.run(i);
            }
        }
    }

    /** Checks an operand's batch dimensions; returns whether it has them. */
    private static boolean requireOperand(String role, CpuArray operand, CpuArray c) {
        Shape shape = operand.shape();
        Shape cShape = c.shape();
        if (shape.rank() == 2) {
            return false;
        }
        long[] batch = Arrays.copyOf(shape.toArray(), Math.max(0, shape.rank() - 2));
        long[] cBatch = Arrays.copyOf(cShape.toArray(), cShape.rank() - 2);
        if (shape.rank() < 2 || !Arrays.equals(batch, cBatch)) {
            throw new TensorException(OP, role + " is " + shape + " and c is " + cShape
                    + "; expected " + role + " of rank 2 or with c's batch dimensions "
                    + Arrays.toString(cBatch));
        }
        return true;
    }

    private static float[] widen(CpuArray operand) {
        if (operand.dtype() == DType.F32) {
            return operand.floats();
        }
        float[] out = new float[operand.size()];
        HalfFloats.widen(operand.shorts(), operand.dtype() == DType.BF16, out, 0, out.length);
        return out;
    }

    @FunctionalInterface
    private interface Batch {
        void run(int index);
    }
}
