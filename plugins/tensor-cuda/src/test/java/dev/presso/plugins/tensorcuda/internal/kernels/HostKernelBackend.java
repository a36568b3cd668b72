package dev.presso.plugins.tensorcuda.internal.kernels;

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
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.UnaryOp;
import dev.presso.tck.TensorBackendTestKit;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A test-only {@link TensorBackend} whose kernels are the provider's CUDA C kernels compiled for
 * the host ({@link KernelOps} over {@link HostKernelLauncher} and {@link HostMemory}); GEMM and
 * linear algebra, which the CUDA provider takes from cuBLAS and cuSOLVER, run on tensor-cpu with
 * the operands copied over and the outputs copied back. Running the tensor conformance kit on it
 * checks the kernels' arithmetic without a GPU.
 */
final class HostKernelBackend implements TensorBackend {
    private final HostMemory memory = new HostMemory();
    private final KernelOps kernels;
    private final TensorBackend cpu = TensorBackendTestKit.openProvider("cpu");

    /**
     * Opens the backend on a host build of the kernels.
     *
     * @param library the shared library from {@link HostKernels#library()}
     */
    HostKernelBackend(Path library) {
        kernels = new KernelOps(new HostKernelLauncher(library), memory);
    }

    /** Returns the memory, so tests can check that temporaries are returned. @return it */
    HostMemory memory() {
        return memory;
    }

    @Override public String name() { return "cuda-kernels-on-host"; }

    @Override public Device device() { return HostMemory.DEVICE; }

    @Override public Set<BackendCapability> capabilities() {
        return EnumSet.of(BackendCapability.BF16_GEMM, BackendCapability.F16_GEMM);
    }

    @Override public void close() { cpu.close(); }

    // ArrayStorage

    @Override public DeviceArray allocate(DType dtype, Shape shape) {
        return memory.allocate(dtype, shape);
    }

    @Override public DeviceArray upload(MemorySegment source, DType dtype, Shape shape) {
        long bytes = dtype.bytesFor(shape.size());
        if (source.byteSize() < bytes) {
            throw new TensorException("upload", "source holds " + source.byteSize() + " bytes; a "
                    + dtype + " array of shape " + shape + " needs " + bytes);
        }
        HostArray array = memory.allocate(dtype, shape);
        memory.segment("upload", "target", array).copyFrom(source.asSlice(0, bytes));
        return array;
    }

    @Override public void download(DeviceArray source, MemorySegment target) {
        MemorySegment data = memory.segment("download", "source", source);
        if (target.isReadOnly()) {
            throw new TensorException("download", "the target segment is read-only");
        }
        if (target.byteSize() < data.byteSize()) {
            throw new TensorException("download", "target holds " + target.byteSize()
                    + " bytes; the array needs " + data.byteSize());
        }
        target.asSlice(0, data.byteSize()).copyFrom(data);
    }

    @Override public DeviceArray view(DeviceArray base, Shape shape) {
        return memory.view(base, shape);
    }

    @Override public MemoryStats memoryStats() { return memory.stats(); }

    // The provider's kernels

    @Override public void fill(DeviceArray out, float value) { kernels.fill(out, value); }

    @Override public void unary(UnaryOp op, DeviceArray x, DeviceArray out) {
        kernels.unary(op, x, out);
    }

    @Override public void binary(BinaryOp op, DeviceArray a, DeviceArray b, DeviceArray out) {
        kernels.binary(op, a, b, out);
    }

    @Override public void scalar(BinaryOp op, DeviceArray x, float s, DeviceArray out) {
        kernels.scalar(op, x, s, out);
    }

    @Override public void clamp(DeviceArray x, float low, float high, DeviceArray out) {
        kernels.clamp(x, low, high, out);
    }

    @Override public void reduce(ReduceOp op, DeviceArray x, DeviceArray out) {
        kernels.reduce(op, x, out);
    }

    @Override public void argMax(DeviceArray x, DeviceArray out) { kernels.argMax(x, out); }

    @Override public void copy(DeviceArray source, DeviceArray target) {
        kernels.copy(source, target);
    }

    @Override public void permute(DeviceArray x, int[] axes, DeviceArray out) {
        kernels.permute(x, axes, out);
    }

    @Override public void copySlice(DeviceArray source, DeviceArray target, int axis,
            long sourceStart, long targetStart, long length) {
        kernels.copySlice(source, target, axis, sourceStart, targetStart, length);
    }

    @Override public void softmax(DeviceArray x, DeviceArray out) { kernels.softmax(x, out); }

    @Override public void logSoftmax(DeviceArray x, DeviceArray out) {
        kernels.logSoftmax(x, out);
    }

    @Override public void rmsNorm(DeviceArray x, DeviceArray weight, float eps, DeviceArray out) {
        kernels.rmsNorm(x, weight, eps, out);
    }

    @Override public void rope(DeviceArray x, DeviceArray cos, DeviceArray sin, boolean inverse,
            DeviceArray out) {
        kernels.rope(x, cos, sin, inverse, out);
    }

    @Override public void fwht(DeviceArray x, int block, float scale, DeviceArray out) {
        kernels.fwht(x, block, scale, out);
    }

    @Override public void gather(DeviceArray table, DeviceArray indices, DeviceArray out) {
        kernels.gather(table, indices, out);
    }

    @Override public void scatterAdd(DeviceArray source, DeviceArray indices, DeviceArray out) {
        kernels.scatterAdd(source, indices, out);
    }

    @Override public void hashGather(DeviceArray theta, HashSpec spec, DeviceArray out) {
        kernels.hashGather(theta, spec, out);
    }

    @Override public void hashScatterAdd(DeviceArray source, HashSpec spec, DeviceArray out) {
        kernels.hashScatterAdd(source, spec, out);
    }

    @Override public void topK(DeviceArray x, int k, DeviceArray values, DeviceArray indices) {
        kernels.topK(x, k, values, indices);
    }

    @Override public void cast(DeviceArray x, DeviceArray out) { kernels.cast(x, out); }

    @Override public void quantize(DeviceArray x, DeviceArray scales, DeviceArray zeros,
            DeviceArray out) {
        kernels.quantize(x, scales, zeros, out);
    }

    @Override public void dequantize(DeviceArray codes, DeviceArray scales, DeviceArray zeros,
            DeviceArray out) {
        kernels.dequantize(codes, scales, zeros, out);
    }

    // cuBLAS and cuSOLVER's share, done by tensor-cpu

    @Override public void gemm(boolean transposeA, boolean transposeB, float alpha, DeviceArray a,
            DeviceArray b, float beta, DeviceArray c) {
        onCpu(List.of(a, b, c), arrays -> cpu.gemm(transposeA, transposeB, alpha, arrays.get(0),
                arrays.get(1), beta, arrays.get(2)));
    }

    @Override public void svd(DeviceArray a, boolean full, DeviceArray u, DeviceArray s,
            DeviceArray vt) {
        onCpu(List.of(a, u, s, vt), x -> cpu.svd(x.get(0), full, x.get(1), x.get(2), x.get(3)));
    }

    @Override public void qr(DeviceArray a, DeviceArray q, DeviceArray r) {
        onCpu(List.of(a, q, r), x -> cpu.qr(x.get(0), x.get(1), x.get(2)));
    }

    @Override public void cholesky(DeviceArray a, DeviceArray l) {
        onCpu(List.of(a, l), x -> cpu.cholesky(x.get(0), x.get(1)));
    }

    @Override public void eigh(DeviceArray a, DeviceArray w, DeviceArray v) {
        onCpu(List.of(a, w, v), x -> cpu.eigh(x.get(0), x.get(1), x.get(2)));
    }

    @Override public void triangularSolve(DeviceArray a, DeviceArray b, boolean lower,
            boolean transposeA, DeviceArray out) {
        onCpu(List.of(a, b, out), x -> cpu.triangularSolve(x.get(0), x.get(1), lower, transposeA,
                x.get(2)));
    }

    @Override public void leastSquares(DeviceArray a, DeviceArray b, DeviceArray out) {
        onCpu(List.of(a, b, out), x -> cpu.leastSquares(x.get(0), x.get(1), x.get(2)));
    }

    /** Copies every array to tensor-cpu, runs the call there and copies every array back. */
    private void onCpu(List<DeviceArray> arrays, Consumer<List<DeviceArray>> call) {
        List<DeviceArray> copies = new ArrayList<>();
        try {
            for (DeviceArray array : arrays) {
                copies.add(cpu.upload(memory.segment("kernel", "argument", array), array.dtype(),
                        array.shape()));
            }
            call.accept(copies);
            for (int i = 0; i < arrays.size(); i++) {
                cpu.download(copies.get(i), memory.segment("kernel", "argument", arrays.get(i)));
            }
        } finally {
            copies.forEach(DeviceArray::close);
        }
    }
}
