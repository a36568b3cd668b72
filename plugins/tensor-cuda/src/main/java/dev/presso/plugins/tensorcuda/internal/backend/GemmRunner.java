package dev.presso.plugins.tensorcuda.internal.backend;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcuda.internal.driver.CuBlas;
import java.util.Arrays;

/**
 * {@link dev.presso.kernel.tensor.DenseKernels#gemm} on cuBLAS. Row-major {@code C = op(A) op(B)}
 * is the column-major {@code C^T = op(B)^T op(A)^T}, so the operands are passed swapped with
 * {@code m = N}, {@code n = M} and no copies. Batches are one strided-batched call, a shared
 * (rank-2) operand getting stride 0. F32 uses {@code cublasSgemm_v2} (TF32 tensor cores when the
 * backend opted in); BF16 and F16 operands use {@code cublasGemmEx} with F32 output and
 * accumulation.
 */
final class GemmRunner {
    private final ArrayRegistry registry;
    private final DeviceSession session;
    private final MathLibraries libraries;
    private final boolean tf32;

    GemmRunner(ArrayRegistry registry, DeviceSession session, MathLibraries libraries, boolean tf32) {
        this.registry = registry;
        this.session = session;
        this.libraries = libraries;
        this.tf32 = tf32;
    }

    void gemm(boolean ta, boolean tb, float alpha, DeviceArray a, DeviceArray b, float beta,
            DeviceArray c) {
        CudaArray left = registry.resolve("gemm", "a", a);
        CudaArray right = registry.resolve("gemm", "b", b);
        CudaArray out = registry.resolve("gemm", "c", c);
        if (out.dtype() != DType.F32) {
            throw new TensorException("gemm", "c must be F32, got " + out.dtype());
        }
        DType input = left.dtype();
        if (input != right.dtype() || (input != DType.F32 && input != DType.BF16 && input != DType.F16)) {
            throw new TensorException("gemm", "a and b must both be F32, BF16 or F16, got "
                    + left.dtype() + " and " + right.dtype());
        }
        Shape as = left.shape();
        Shape bs = right.shape();
        Shape cs = out.shape();
        if (as.rank() < 2 || bs.rank() < 2 || cs.rank() < 2) {
            throw new TensorException("gemm", "a " + as + ", b " + bs + " and c " + cs
                    + " must each have rank at least 2");
        }
        long m = cs.dim(-2);
        long n = cs.dim(-1);
        long k = ta ? as.dim(-2) : as.dim(-1);
        long aRows = ta ? as.dim(-1) : as.dim(-2);
        long bRows = tb ? bs.dim(-1) : bs.dim(-2);
        long bCols = tb ? bs.dim(-2) : bs.dim(-1);
        if (aRows != m || bRows != k || bCols != n) {
            throw new TensorException("gemm", "op(a) " + (ta ? "[transposed] " : "") + as
                    + " times op(b) " + (tb ? "[transposed] " : "") + bs + " does not give c " + cs
                    + "; expected op(a) [M, K], op(b) [K, N], c [M, N]");
        }
        long[] batch = Arrays.copyOf(cs.toArray(), cs.rank() - 2);
        boolean aBatched = checkBatch("a", as, batch, cs);
        boolean bBatched = checkBatch("b", bs, batch, cs);
        if (out.sharesStorage(left) || out.sharesStorage(right)) {
            throw new TensorException("gemm", "c must not share storage with a or b");
        }
        if (input != DType.F32) {
            libraries.blas("gemm " + input);
        }
        long count = cs.sizeOf(0, batch.length);
        if (m == 0 || n == 0 || count == 0) {
            return;
        }
        int im = toInt(m, cs);
        int in = toInt(n, cs);
        int ik = toInt(k, cs);
        int batches = toInt(count, cs);
        session.run("gemm", () -> {
            CuBlas blas = libraries.blas("gemm");
            if (ik == 0) {
                scaleOutput(blas, out, beta);
                return;
            }
            int opA = tb ? CuBlas.OP_T : CuBlas.OP_N;
            int opB = ta ? CuBlas.OP_T : CuBlas.OP_N;
            int lda = Math.max(1, (int) bs.dim(-1));
            int ldb = Math.max(1, (int) as.dim(-1));
            int type = switch (input) {
                case BF16 -> CuBlas.R_16BF;
                case F16 -> CuBlas.R_16F;
                default -> CuBlas.R_32F;
            };
            int compute = input == DType.F32 && tf32 ? CuBlas.COMPUTE_32F_FAST_TF32
                    : CuBlas.COMPUTE_32F;
            if (batches == 1 && input == DType.F32) {
                blas.sgemm(opA, opB, in, im, ik, alpha, right.address(), lda, left.address(), ldb,
                        beta, out.address(), in);
            } else if (batches == 1) {
                blas.gemmEx(opA, opB, in, im, ik, alpha, right.address(), type, lda,
                        left.address(), ldb, beta, out.address(), in, compute);
            } else {
                blas.gemmStridedBatched(opA, opB, in, im, ik, alpha, right.address(), type, lda,
                        bBatched ? k * n : 0, left.address(), ldb, aBatched ? m * k : 0, beta,
                        out.address(), in, m * n, batches, compute);
            }
        });
    }

    /** {@code c = beta * c} for an empty inner dimension; beta 0 ignores NaN in c. */
    private void scaleOutput(CuBlas blas, CudaArray out, float beta) {
        long elements = out.shape().size();
        if (beta == 0f) {
            session.driver().setWords(out.address(), 0, elements, session.stream());
        } else if (beta != 1f) {
            blas.scale(toInt(elements, out.shape()), beta, out.address());
        }
    }

    private static boolean checkBatch(String role, Shape operand, long[] batch, Shape c) {
        if (operand.rank() == 2) {
            return false;
        }
        long[] own = Arrays.copyOf(operand.toArray(), operand.rank() - 2);
        if (!Arrays.equals(own, batch)) {
            throw new TensorException("gemm", role + " " + operand + " has batch dimensions "
                    + Arrays.toString(own) + "; expected none or c's " + Arrays.toString(batch)
                    + " (c " + c + ")");
        }
        return true;
    }

    private static int toInt(long value, Shape shape) {
        if (value > Integer.MAX_VALUE) {
            throw new TensorException("gemm", "dimension " + value + " of " + shape
                    + " exceeds cuBLAS's 32-bit sizes");
        }
        return (int) value;
    }
}
