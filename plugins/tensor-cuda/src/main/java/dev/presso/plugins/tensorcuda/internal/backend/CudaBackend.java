package dev.presso.plugins.tensorcuda.internal.backend;

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
import dev.presso.plugins.tensorcuda.internal.driver.CudaDriver;
import dev.presso.plugins.tensorcuda.internal.driver.LibrarySearch;
import dev.presso.plugins.tensorcuda.internal.kernels.KernelOps;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The CUDA {@link TensorBackend}: arrays in device memory, GEMM on cuBLAS, decompositions on
 * cuSOLVER and every other kernel from the provider's compiled module through {@link KernelOps}.
 * All CUDA work runs on the session's dedicated thread and is queued on one stream, so kernels
 * run asynchronously to callers ({@link BackendCapability#ASYNC}) and in submission order;
 * downloads wait for them. This class routes calls; the parts check their arguments.
 */
public final class CudaBackend implements TensorBackend {
    private final DeviceSession session;
    private final Arena imageArena = Arena.ofShared();
    private final ArrayRegistry registry;
    private final MathLibraries libraries;
    private final DriverKernelLauncher launcher;
    private final KernelOps kernels;
    private final GemmRunner gemm;
    private final Decompositions decompositions;
    private final Set<BackendCapability> capabilities;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Opens device {@code ordinal}: its primary context, a stream, cuBLAS and cuSOLVER where
     * they load, and the kernel module.
     *
     * @param driver the bound driver
     * @param search where cuBLAS and cuSOLVER are looked for
     * @param ordinal the device ordinal
     * @param settings the provider-specific options
     */
    public CudaBackend(CudaDriver driver, LibrarySearch search, int ordinal, CudaSettings settings) {
        this.session = DeviceSession.open(driver, ordinal);
        MathLibraries loaded = null;
        DriverKernelLauncher loadedLauncher = null;
        try {
            this.registry = new ArrayRegistry(session);
            loaded = new MathLibraries(session, search, settings.tf32());
            ModuleImage image = ModuleImage.load(settings.module(), imageArena);
            loadedLauncher = new DriverKernelLauncher(session, image);
            this.libraries = loaded;
            this.launcher = loadedLauncher;
            this.kernels = new KernelOps(launcher, new BackendDeviceMemory(registry, session));
            this.gemm = new GemmRunner(registry, session, libraries, settings.tf32());
            this.decompositions = new Decompositions(registry, session, libraries);
            EnumSet<BackendCapability> caps = EnumSet.of(BackendCapability.ASYNC);
            if (libraries.hasBlas()) {
                caps.add(BackendCapability.BF16_GEMM);
                caps.add(BackendCapability.F16_GEMM);
            }
            this.capabilities = Collections.unmodifiableSet(caps);
            this.description = image.description();
        } catch (RuntimeException e) {
            closeQuietly(loaded, loadedLauncher);
            throw e;
        }
    }

    @Override public String name() { return "cuda"; }

    @Override public Device device() { return Device.cuda(session.ordinal()); }

    @Override public Set<BackendCapability> capabilities() { return capabilities; }

    /** Says which kernel image was loaded. @return for example "/dev/.../kernels.ptx (PTX, 91234 bytes)" */
    public String kernelImage() { return description; }

    @Override public void synchronize() { session.synchronize(); }

    @Override public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        registry.close();
        try {
            session.run("close", () -> {
                try {
                    launcher.close();
                } finally {
                    libraries.close();
                }
            });
        } finally {
            session.close();
            imageArena.close();
        }
    }

    private void closeQuietly(@Nullable MathLibraries loaded,
            @Nullable DriverKernelLauncher loadedLauncher) {
        try {
            session.run("close", () -> {
                if (loadedLauncher != null) {
                    loadedLauncher.close();
                }
                if (loaded != null) {
                    loaded.close();
                }
            });
        } catch (RuntimeException suppressed) {
            // The open failure is the one worth reporting.
        } finally {
            session.close();
            imageArena.close();
        }
    }

    /** Runs a kernel call on the CUDA thread. */
    private void on(String op, Consumer<KernelOps> call) {
        session.run(op, () -> call.accept(kernels));
    }

    // ArrayStorage

    @Override public DeviceArray allocate(DType dtype, Shape shape) {
        return registry.allocate(dtype, shape);
    }

    @Override public DeviceArray upload(MemorySegment source, DType dtype, Shape shape) {
        return registry.upload(source, dtype, shape);
    }

    @Override public void download(DeviceArray source, MemorySegment target) {
        registry.download(source, target);
    }

    @Override public DeviceArray view(DeviceArray base, Shape shape) {
        return registry.view(base, shape);
    }

    @Override public MemoryStats memoryStats() { return registry.memoryStats(); }

    // DenseKernels

    @Override public void gemm(boolean transposeA, boolean transposeB, float alpha, DeviceArray a,
            DeviceArray b, float beta, DeviceArray c) {
        gemm.gemm(transposeA, transposeB, alpha, a, b, beta, c);
    }

    @Override public void fill(DeviceArray out, float value) {
        on("fill", k -> k.fill(out, value));
    }

    @Override public void unary(UnaryOp op, DeviceArray x, DeviceArray out) {
        on("unary", k -> k.unary(op, x, out));
    }

    @Override public void binary(BinaryOp op, DeviceArray a, DeviceArray b, DeviceArray out) {
        on("binary", k -> k.binary(op, a, b, out));
    }

    @Override public void scalar(BinaryOp op, DeviceArray x, float s, DeviceArray out) {
        on("scalar", k -> k.scalar(op, x, s, out));
    }

    @Override public void clamp(DeviceArray x, float low, float high, DeviceArray out) {
        on("clamp", k -> k.clamp(x, low, high, out));
    }

    @Override public void reduce(ReduceOp op, DeviceArray x, DeviceArray out) {
        on("reduce", k -> k.reduce(op, x, out));
    }

    @Override public void argMax(DeviceArray x, DeviceArray out) {
        on("argMax", k -> k.argMax(x, out));
    }

    @Override public void copy(DeviceArray source, DeviceArray target) {
        on("copy", k -> k.copy(source, target));
    }

    @Override public void permute(DeviceArray x, int[] axes, DeviceArray out) {
        on("permute", k -> k.permute(x, axes, out));
    }

    @Override public void copySlice(DeviceArray source, DeviceArray target, int axis,
            long sourceStart, long targetStart, long length) {
        on("copySlice", k -> k.copySlice(source, target, axis, sourceStart, targetStart, length));
    }

    // NeuralKernels

    @Override public void softmax(DeviceArray x, DeviceArray out) {
        on("softmax", k -> k.softmax(x, out));
    }

    @Override public void logSoftmax(DeviceArray x, DeviceArray out) {
        on("logSoftmax", k -> k.logSoftmax(x, out));
    }

    @Override public void rmsNorm(DeviceArray x, DeviceArray weight, float eps, DeviceArray out) {
        on("rmsNorm", k -> k.rmsNorm(x, weight, eps, out));
    }

    @Override public void rope(DeviceArray x, DeviceArray cos, DeviceArray sin, boolean inverse,
            DeviceArray out) {
        on("rope", k -> k.rope(x, cos, sin, inverse, out));
    }

    @Override public void fwht(DeviceArray x, int block, float scale, DeviceArray out) {
        on("fwht", k -> k.fwht(x, block, scale, out));
    }

    // IndexKernels

    @Override public void gather(DeviceArray table, DeviceArray indices, DeviceArray out) {
        on("gather", k -> k.gather(table, indices, out));
    }

    @Override public void scatterAdd(DeviceArray source, DeviceArray indices, DeviceArray out) {
        on("scatterAdd", k -> k.scatterAdd(source, indices, out));
    }

    @Override public void hashGather(DeviceArray theta, HashSpec spec, DeviceArray out) {
        on("hashGather", k -> k.hashGather(theta, spec, out));
    }

    @Override public void hashScatterAdd(DeviceArray source, HashSpec spec, DeviceArray out) {
        on("hashScatterAdd", k -> k.hashScatterAdd(source, spec, out));
    }

    @Override public void topK(DeviceArray x, int k, DeviceArray values, DeviceArray indices) {
        on("topK", ops -> ops.topK(x, k, values, indices));
    }

    // QuantKernels

    @Override public void cast(DeviceArray x, DeviceArray out) {
        on("cast", k -> k.cast(x, out));
    }

    @Override public void quantize(DeviceArray x, DeviceArray scales, DeviceArray zeros,
            DeviceArray out) {
        on("quantize", k -> k.quantize(x, scales, zeros, out));
    }

    @Override public void dequantize(DeviceArray codes, DeviceArray scales, DeviceArray zeros,
            DeviceArray out) {
        on("dequantize", k -> k.dequantize(codes, scales, zeros, out));
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
