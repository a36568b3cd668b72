package dev.presso.plugins.tensorcuda.internal.kernels;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DenseKernels;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.HashSpec;
import dev.presso.kernel.tensor.IndexKernels;
import dev.presso.kernel.tensor.NeuralKernels;
import dev.presso.kernel.tensor.QuantKernels;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.UnaryOp;

/**
 * The provider's own kernels behind the kernel-api signatures: every {@code TensorBackend}
 * kernel except GEMM and linear algebra. Each method checks its arguments as the contract
 * requires (a {@link dev.presso.kernel.tensor.TensorException} naming the operation, the
 * argument and what was expected), picks launch shapes and launches the CUDA C kernels of
 * {@code src/main/cuda} through the {@link KernelLauncher}. Methods have the names, parameters
 * and semantics of {@link DenseKernels}, {@link NeuralKernels}, {@link IndexKernels} and
 * {@link QuantKernels}; see those for the contracts.
 *
 * <p>Launches are asynchronous on the launcher's stream, except where a kernel must refuse bad
 * data (gather and scatter-add read back their index check). Thread-safe when the launcher and
 * memory are.
 */
public final class KernelOps {
    private final ElementwiseOps elementwise;
    private final ReductionOps reductions;
    private final LayoutOps layout;
    private final NeuralOps neural;
    private final IndexOps index;
    private final QuantOps quant;

    /**
     * Creates the facade.
     *
     * @param launcher launches the kernels
     * @param memory the backend's arrays as device addresses, and temporaries
     */
    public KernelOps(KernelLauncher launcher, DeviceMemory memory) {
        OpContext context = new OpContext(launcher, memory);
        elementwise = new ElementwiseOps(context);
        reductions = new ReductionOps(context);
        layout = new LayoutOps(context);
        neural = new NeuralOps(context);
        index = new IndexOps(context);
        quant = new QuantOps(context);
    }

    /** See {@link DenseKernels#fill}. @param out F32 or I32 @param value the value */
    public void fill(DeviceArray out, float value) {
        elementwise.fill(out, value);
    }

    /** See {@link DenseKernels#unary}. @param op the function @param x input @param out output */
    public void unary(UnaryOp op, DeviceArray x, DeviceArray out) {
        elementwise.unary(op, x, out);
    }

    /**
     * See {@link DenseKernels#binary}.
     *
     * @param op the function
     * @param a the left input
     * @param b the right input
     * @param out the broadcast output
     */
    public void binary(BinaryOp op, DeviceArray a, DeviceArray b, DeviceArray out) {
        elementwise.binary(op, a, b, out);
    }

    /**
     * See {@link DenseKernels#scalar}.
     *
     * @param op the function
     * @param x the array operand
     * @param s the scalar operand
     * @param out the output
     */
    public void scalar(BinaryOp op, DeviceArray x, float s, DeviceArray out) {
        elementwise.scalar(op, x, s, out);
    }

    /**
     * See {@link DenseKernels#clamp}.
     *
     * @param x the input
     * @param low the lower bound
     * @param high the upper bound
     * @param out the output
     */
    public void clamp(DeviceArray x, float low, float high, DeviceArray out) {
        elementwise.clamp(x, low, high, out);
    }

    /** See {@link DenseKernels#reduce}. @param op the reduction @param x input @param out output */
    public void reduce(ReduceOp op, DeviceArray x, DeviceArray out) {
        reductions.reduce(op, x, out);
    }

    /** See {@link DenseKernels#argMax}. @param x the input @param out the I32 positions */
    public void argMax(DeviceArray x, DeviceArray out) {
        reductions.argMax(x, out);
    }

    /** See {@link DenseKernels#copy}. @param source the input @param target the output */
    public void copy(DeviceArray source, DeviceArray target) {
        layout.copy(source, target);
    }

    /** See {@link DenseKernels#permute}. @param x input @param axes permutation @param out output */
    public void permute(DeviceArray x, int[] axes, DeviceArray out) {
        layout.permute(x, axes, out);
    }

    /**
     * See {@link DenseKernels#copySlice}.
     *
     * @param source the input
     * @param target the output
     * @param axis the axis, negative counts from the end
     * @param sourceStart the first index read
     * @param targetStart the first index written
     * @param length how many indices
     */
    public void copySlice(DeviceArray source, DeviceArray target, int axis, long sourceStart,
            long targetStart, long length) {
        layout.copySlice(source, target, axis, sourceStart, targetStart, length);
    }

    /** See {@link NeuralKernels#softmax}. @param x the input @param out the output */
    public void softmax(DeviceArray x, DeviceArray out) {
        neural.softmax(x, out);
    }

    /** See {@link NeuralKernels#logSoftmax}. @param x the input @param out the output */
    public void logSoftmax(DeviceArray x, DeviceArray out) {
        neural.logSoftmax(x, out);
    }

    /**
     * See {@link NeuralKernels#rmsNorm}.
     *
     * @param x the input
     * @param weight the gain
     * @param eps added to the mean square
     * @param out the output
     */
    public void rmsNorm(DeviceArray x, DeviceArray weight, float eps, DeviceArray out) {
        neural.rmsNorm(x, weight, eps, out);
    }

    /**
     * See {@link NeuralKernels#rope}.
     *
     * @param x the input {@code [..., T, H, D]}
     * @param cos cosines {@code [T, D/2]}
     * @param sin sines {@code [T, D/2]}
     * @param inverse whether to rotate backwards
     * @param out the output
     */
    public void rope(DeviceArray x, DeviceArray cos, DeviceArray sin, boolean inverse,
            DeviceArray out) {
        neural.rope(x, cos, sin, inverse, out);
    }

    /**
     * See {@link NeuralKernels#fwht}.
     *
     * @param x the input
     * @param block the power-of-two block size
     * @param scale the factor applied
     * @param out the output
     */
    public void fwht(DeviceArray x, int block, float scale, DeviceArray out) {
        neural.fwht(x, block, scale, out);
    }

    /** See {@link IndexKernels#gather}. @param table rows @param indices I32 @param out output */
    public void gather(DeviceArray table, DeviceArray indices, DeviceArray out) {
        index.gather(table, indices, out);
    }

    /**
     * See {@link IndexKernels#scatterAdd}.
     *
     * @param source the rows to add
     * @param indices I32 row numbers
     * @param out the accumulating table
     */
    public void scatterAdd(DeviceArray source, DeviceArray indices, DeviceArray out) {
        index.scatterAdd(source, indices, out);
    }

    /** See {@link IndexKernels#hashGather}. @param theta shared @param spec hash @param out dense */
    public void hashGather(DeviceArray theta, HashSpec spec, DeviceArray out) {
        index.hashGather(theta, spec, out);
    }

    /**
     * See {@link IndexKernels#hashScatterAdd}.
     *
     * @param source the dense matrix
     * @param spec the hash
     * @param out the shared vector, accumulated into
     */
    public void hashScatterAdd(DeviceArray source, HashSpec spec, DeviceArray out) {
        index.hashScatterAdd(source, spec, out);
    }

    /**
     * See {@link IndexKernels#topK}.
     *
     * @param x the input
     * @param k how many
     * @param values the largest values
     * @param indices their I32 positions
     */
    public void topK(DeviceArray x, int k, DeviceArray values, DeviceArray indices) {
        index.topK(x, k, values, indices);
    }

    /** See {@link QuantKernels#cast}. @param x the input @param out the converted output */
    public void cast(DeviceArray x, DeviceArray out) {
        quant.cast(x, out);
    }

    /**
     * See {@link QuantKernels#quantize}.
     *
     * @param x the values
     * @param scales step sizes per group
     * @param zeros zero points per group
     * @param out the packed codes
     */
    public void quantize(DeviceArray x, DeviceArray scales, DeviceArray zeros, DeviceArray out) {
        quant.quantize(x, scales, zeros, out);
    }

    /**
     * See {@link QuantKernels#dequantize}.
     *
     * @param codes the codes
     * @param scales step sizes per group
     * @param zeros zero points per group
     * @param out the values
     */
    public void dequantize(DeviceArray codes, DeviceArray scales, DeviceArray zeros,
            DeviceArray out) {
        quant.dequantize(codes, scales, zeros, out);
    }
}
