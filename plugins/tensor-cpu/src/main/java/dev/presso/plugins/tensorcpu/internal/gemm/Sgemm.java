package dev.presso.plugins.tensorcpu.internal.gemm;

import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.KC;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.NR;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.PACKED_B_FLOATS;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.PARALLEL_MIN_FLOPS;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.SKINNY_ROWS;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.SKINNY_ROWS_TRANSPOSED_B;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.evenBlock;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.roundUp;

import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntConsumer;

/**
 * Row-major single-precision matrix product {@code C = alpha * op(A) * op(B) + beta * C}.
 *
 * <p>A is {@code m x k} after {@code op} (stored {@code k x m} when transposed) with row stride
 * {@code lda}; B is {@code k x n} after {@code op} with row stride {@code ldb}; C is {@code m x n}
 * with row stride {@code ldc}. When {@code beta == 0}, C's previous contents are ignored, NaN
 * included. NaN and infinity in A or B propagate as IEEE arithmetic says (no shortcut for
 * {@code alpha == 0}).
 *
 * <p>The product packs B into panels shared by all threads and then computes blocks of C in
 * parallel, each packing its own rows of A (see {@link BlockPass}); products with few rows of C
 * skip packing ({@link SkinnyProduct}), as do very shallow or very narrow ones at any height, and
 * products exactly eight columns wide have a kernel of their own ({@link NarrowProduct}).
 * Products under {@link GemmBlocking#PARALLEL_MIN_FLOPS} run on the caller alone. Instances are thread-safe; scratch buffers (4 MiB of packed B plus
 * 96 KiB per task) are pooled and reused across calls, one set per concurrent caller.
 */
public final class Sgemm {
    private static final String OP = "gemm";

    private final WorkerPool pool;
    private final ConcurrentLinkedQueue<Workspace> workspaces = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<float[]> packedBuffers = new ConcurrentLinkedQueue<>();

    /**
     * Creates the product kernel.
     *
     * @param pool the workers to run on
     */
    public Sgemm(WorkerPool pool) {
        this.pool = pool;
    }

    /**
     * Computes the product; see the class comment for the layout.
     *
     * @throws TensorException if a dimension is negative, a stride is too small for its matrix
     *     or an array is too short for the extent its offset and stride describe
     */
    public void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float beta,
            float[] c, int cOffset, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new TensorException(OP, "dimensions must be >= 0, got m=" + m + ", n=" + n
                    + ", k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        checkExtent("c", c, cOffset, ldc, m, n);
        if (k == 0) {
            scale(c, cOffset, ldc, m, n, beta);
            return;
        }
        checkExtent("a", a, aOffset, lda, transA ? k : m, transA ? m : k);
        checkExtent("b", b, bOffset, ldb, transB ? n : k, transB ? k : n);
        Product product = new Product(new Operand(a, aOffset, lda, transA),
                new Operand(b, bOffset, ldb, transB), c, cOffset, ldc, m, n, k, alpha, beta);
        boolean parallel = pool.threads() > 1 && 2.0 * m * n * k >= PARALLEL_MIN_FLOPS;
        if (NarrowProduct.accepts(transA, n)) {
            NarrowProduct narrow = new NarrowProduct(product);
            run(parallel, narrow.tasks(), narrow::run);
        } else if (m < (transB ? SKINNY_ROWS_TRANSPOSED_B : SKINNY_ROWS) || SkinnyProduct.isShallow(k)
                || SkinnyProduct.isNarrow(n)) {
            SkinnyProduct skinny = new SkinnyProduct(product);
            run(parallel, skinny.tasks(), skinny::run);
        } else {
            packed(product, parallel);
        }
    }

    /**
     * The general case: for each block of B (all columns of a range, one depth block), pack it
     * once and then compute the blocks of C in parallel.
     */
    private void packed(Product product, boolean parallel) {
        int threads = parallel ? pool.threads() : 1;
        int k = product.k();
        int n = product.n();
        int depthBlock = evenBlock(k, KC);
        int passCols = Math.min(roundUp(n, NR), PACKED_B_FLOATS / depthBlock / NR * NR);
        float[] packedB = takePackedBuffer();
        try {
            for (int col0 = 0; col0 < n; col0 += passCols) {
                int cols = Math.min(passCols, n - col0);
                for (int k0 = 0; k0 < k; k0 += depthBlock) {
                    BlockPass pass = new BlockPass(product, k0, Math.min(depthBlock, k - k0),
                            col0, cols, packedB, threads);
                    run(parallel, pass.packTasks(), pass::pack);
                    run(parallel, pass.computeTasks(), task -> {
                        Workspace ws = takeWorkspace();
                        try {
                            pass.compute(task, ws);
                        } finally {
                            workspaces.offer(ws);
                        }
                    });
                }
            }
        } finally {
            packedBuffers.offer(packedB);
        }
    }

    private void run(boolean parallel, int tasks, IntConsumer body) {
        if (parallel) {
            pool.parallelFor(tasks, body);
        } else {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
        }
    }

    private Workspace takeWorkspace() {
        Workspace ws = workspaces.poll();
        return ws != null ? ws : new Workspace();
    }

    private float[] takePackedBuffer() {
        float[] buffer = packedBuffers.poll();
        return buffer != null ? buffer : new float[PACKED_B_FLOATS];
    }

    private static void scale(float[] c, int cOffset, int ldc, int m, int n, float beta) {
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = row; j < row + n; j++) {
                    c[j] *= beta;
                }
            }
        }
    }

    private static void checkExtent(String name, float[] data, int offset, int stride, int rows,
            int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        if (stride < cols) {
            throw new TensorException(OP, name + "'s row stride " + stride
                    + " is smaller than its " + cols + " stored columns");
        }
        long last = offset + (long) (rows - 1) * stride + cols;
        if (offset < 0 || last > data.length) {
            throw new TensorException(OP, name + " is stored as " + rows + " x " + cols
                    + " with offset " + offset + " and stride " + stride + ", which needs "
                    + last + " elements, but its array has " + data.length);
        }
    }
}
