package dev.presso.plugins.tensorcpu.internal;

import dev.presso.kernel.tensor.BackendCapability;
import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Device;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.HashSpec;
import dev.presso.kernel.tensor.MemoryStats;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.UnaryOp;
import dev.presso.plugins.tensorcpu.internal.elementwise.BinaryKernel;
import dev.presso.plugins.tensorcpu.internal.elementwise.UnaryKernel;
import dev.presso.plugins.tensorcpu.internal.gemm.Sgemm;
import dev.presso.plugins.tensorcpu.internal.index.GatherKernel;
import dev.presso.plugins.tensorcpu.internal.index.HashKernel;
import dev.presso.plugins.tensorcpu.internal.index.TopKKernel;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.kernel.Parallel;
import dev.presso.plugins.tensorcpu.internal.layout.CopyKernel;
import dev.presso.plugins.tensorcpu.internal.layout.CopySliceKernel;
import dev.presso.plugins.tensorcpu.internal.layout.PermuteKernel;
import dev.presso.plugins.tensorcpu.internal.linalg.DenseLinearAlgebra;
import dev.presso.plugins.tensorcpu.internal.matmul.DecompositionKernel;
import dev.presso.plugins.tensorcpu.internal.matmul.GemmKernel;
import dev.presso.plugins.tensorcpu.internal.neural.FwhtKernel;
import dev.presso.plugins.tensorcpu.internal.neural.RmsNormKernel;
import dev.presso.plugins.tensorcpu.internal.neural.RopeKernel;
import dev.presso.plugins.tensorcpu.internal.neural.SoftmaxKernel;
import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;
import dev.presso.plugins.tensorcpu.internal.quant.CastKernel;
import dev.presso.plugins.tensorcpu.internal.quant.QuantizeKernel;
import dev.presso.plugins.tensorcpu.internal.reduce.ArgMaxKernel;
import dev.presso.plugins.tensorcpu.internal.reduce.ReduceKernel;
import dev.presso.plugins.tensorcpu.internal.storage.ArrayStore;
import java.lang.foreign.MemorySegment;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The CPU {@link TensorBackend}: heap arrays, Vector API kernels on a worker pool, the blocked
 * {@link Sgemm}, and native LAPACK or pure-Java decompositions. This class only routes each call
 * to the kernel that owns it; the kernels check their arguments.
 *
 * <p>Thread-safe as the SPI requires: kernels keep no state between calls.
 */
public final class CpuBackend implements TensorBackend {
    private final WorkerPool pool;
    private final ArrayStore store = new ArrayStore();
    private final Set<BackendCapability> capabilities;
    private final UnaryKernel unary;
    private final BinaryKernel binary;
    private final ReduceKernel reduce;
    private final ArgMaxKernel argMax;
    private final CopyKernel copy;
    private final PermuteKernel permute;
    private final CopySliceKernel copySlice;
    private final SoftmaxKernel softmax;
    private final RmsNormKernel rmsNorm;
    private final RopeKernel rope;
    private final FwhtKernel fwht;
    private final GatherKernel gather;
    private final HashKernel hash;
    private final TopKKernel topK;
    private final CastKernel cast;
    private final QuantizeKernel quantize;
    private final GemmKernel gemm;
    private final DecompositionKernel decompositions;

    /**
     * Starts the workers and chooses the linear algebra.
     *
     * @param threads total parallelism, at least 1
     * @param linearAlgebra creates the decompositions from the pool and the product kernel
     */
    public CpuBackend(int threads,
            BiFunction<WorkerPool, Sgemm, DenseLinearAlgebra> linearAlgebra) {
        this.pool = new WorkerPool(threads);
        Sgemm sgemm = new Sgemm(pool);
        DenseLinearAlgebra linalg = linearAlgebra.apply(pool, sgemm);
        KernelContext context = new KernelContext(store, new Parallel(pool));
        unary = new UnaryKernel(context);
        binary = new BinaryKernel(context);
        reduce = new ReduceKernel(context);
        argMax = new ArgMaxKernel(context);
        copy = new CopyKernel(context);
        permute = new PermuteKernel(context);
        copySlice = new CopySliceKernel(context);
        softmax = new SoftmaxKernel(context);
        rmsNorm = new RmsNormKernel(context);
        rope = new RopeKernel(context);
        fwht = new FwhtKernel(context);
        gather = new GatherKernel(context);
        hash = new HashKernel(context);
        topK = new TopKKernel(context);
        cast = new CastKernel(context);
        quantize = new QuantizeKernel(context);
        gemm = new GemmKernel(context, sgemm);
        decompositions = new DecompositionKernel(context, linalg);
        EnumSet<BackendCapability> caps = EnumSet.of(BackendCapability.BF16_GEMM,
                BackendCapability.F16_GEMM);
        if (threads > 1) {
            caps.add(BackendCapability.MULTI_THREADED);
        }
        if (linalg.isNative()) {
            caps.add(BackendCapability.NATIVE_LAPACK);
        }
        this.capabilities = Collections.unmodifiableSet(caps);
    }

    @Override public String name() { return "cpu"; }

    @Override public Device device() { return Device.cpu(); }

    @Override public Set<BackendCapability> capabilities() { return capabilities; }

    /** Returns the total parallelism. @return the worker count including the caller */
    public int threads() { return pool.threads(); }

    /** Describes the decompositions in use. @return for example "LAPACK via FFM (...)" */
    public String linearAlgebraDescription() {
        return decompositions.linearAlgebra().description();
    }

    @Override public void close() {
        store.close();
        pool.close();
    }

    // ArrayStorage

    @Override public DeviceArray allocate(DType dtype, Shape shape) {
        return store.allocate(dtype, shape);
    }

    @Override public DeviceArray upload(MemorySegment source, DType dtype, Shape shape) {
        return store.upload(source, dtype, shape);
    }

    @Override public void download(DeviceArray source, MemorySegment target) {
        store.download(source, target);
    }

    @Override public DeviceArray view(DeviceArray base, Shape shape) {
        return store.view(base, shape);
    }

    @Override public MemoryStats memoryStats() { return store.memoryStats(); }

    // DenseKernels

    @Override public void gemm(boolean transposeA, boolean transposeB, float alpha, DeviceArray a,
            DeviceArray b, float beta, DeviceArray c) {
        gemm.gemm(transposeA, transposeB, alpha, a, b, beta, c);
    }

    @Override public void fill(DeviceArray out, float value) { unary.fill(out, value); }

    @Override public void unary(UnaryOp op, DeviceArray x, DeviceArray out) {
        unary.unary(op, x, out);
    }

    @Override public void binary(BinaryOp op, DeviceArray a, DeviceArray b, DeviceArray out) {
        binary.binary(op, a, b, out);
    }

    @Override public void scalar(BinaryOp op, DeviceArray x, float s, DeviceArray out) {
        binary.scalar(op, x, s, out);
    }

    @Override public void clamp(DeviceArray x, float low, float high, DeviceArray out) {
        unary.clamp(x, low, high, out);
    }

    @Override public void reduce(ReduceOp op, DeviceArray x, DeviceArray out) {
        reduce.reduce(op, x, out);
    }

    @Override public void argMax(DeviceArray x, DeviceArray out) { argMax.argMax(x, out); }

    @Override public void copy(DeviceArray source, DeviceArray target) {
        copy.copy(source, target);
    }

    @Override public void permute(DeviceArray x, int[] axes, DeviceArray out) {
        permute.permute(x, axes, out);
    }

    @Override public void copySlice(DeviceArray source, DeviceArray target, int axis,
            long sourceStart, long targetStart, long length) {
        copySlice.copySlice(source, target, axis, sourceStart, targetStart, length);
    }

    // NeuralKernels

    @Override public void softmax(DeviceArray x, DeviceArray out) { softmax.softmax(x, out); }

    @Override public void logSoftmax(DeviceArray x, DeviceArray out) {
        softmax.logSoftmax(x, out);
    }

    @Override public void rmsNorm(DeviceArray x, DeviceArray weight, float eps, DeviceArray out) {
        rmsNorm.rmsNorm(x, weight, eps, out);
    }

    @Override public void rope(DeviceArray x, DeviceArray cos, DeviceArray sin, boolean inverse,
            DeviceArray out) {
        rope.rope(x, cos, sin, inverse, out);
    }

    @Override public void fwht(DeviceArray x, int block, float scale, DeviceArray out) {
        fwht.fwht(x, block, scale, out);
    }

    // IndexKernels

    @Override public void gather(DeviceArray table, DeviceArray indices, DeviceArray out) {
        gather.gather(table, indices, out);
    }

    @Override public void scatterAdd(DeviceArray source, DeviceArray indices, DeviceArray out) {
        gather.scatterAdd(source, indices, out);
    }

    @Override public void hashGather(DeviceArray theta, HashSpec spec, DeviceArray out) {
        hash.hashGather(theta, spec, out);
    }

    @Override public void hashScatterAdd(DeviceArray source, HashSpec spec, DeviceArray out) {
        hash.hashScatterAdd(source, spec, out);
    }

    @Override public void topK(DeviceArray x, int k, DeviceArray values, DeviceArray indices) {
        topK.topK(x, k, values, indices);
    }

    // QuantKernels

    @Override public void cast(DeviceArray x, DeviceArray out) { cast.cast(x, out); }

    @Override public void quantize(DeviceArray x, DeviceArray scales, DeviceArray zeros,
            DeviceArray out) {
        quantize.quantize(x, scales, zeros, out);
    }

    @Override public void dequantize(DeviceArray codes, DeviceArray scales, DeviceArray zeros,
            DeviceArray out) {
        quantize.dequantize(codes, scales, zeros, out);
    }

    // LinearAlgebraKernels

    @Override public void svd(DeviceArray a, boolean full, DeviceArray u, DeviceArray s,
            DeviceArray vt) {
        decompositions.svd(a, full, u, s, vt);
    }

    @Override public void qr(DeviceArray a, DeviceArray q, DeviceArray r) {
        decompositions.qr(a, q, r);
    }

    @Override public void cholesky(DeviceArray a, DeviceArray l) {
        decompositions.cholesky(a, l);
    }

    @Override public void eigh(DeviceArray a, DeviceArray w, DeviceArray v) {
        decompositions.eigh(a, w, v);
    }

    @Override public void triangularSolve(DeviceArray a, DeviceArray b, boolean lower,
            boolean transposeA, DeviceArray out) {
        decompositions.triangularSolve(a, b, lower, transposeA, out);
    }

    @Override public void leastSquares(DeviceArray a, DeviceArray b, DeviceArray out) {
        decompositions.leastSquares(a, b, out);
    }
}
