package dev.presso.plugins.tensorcuda.internal.driver;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.presso.plugins.tensorcuda.internal.kernels.KernelArg;
import dev.presso.plugins.tensorcuda.internal.kernels.LaunchShape;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import org.jspecify.annotations.Nullable;

/**
 * The CUDA driver API ({@code libcuda.so.1}) as used by the provider, bound by the versioned names
 * that {@code cuda.h} maps the plain names to. Every call checks its status and throws a
 * {@link CudaException} with the driver's error name and description.
 *
 * <p>Handles ({@code CUcontext}, {@code CUstream}, {@code CUmodule}, {@code CUfunction}) and
 * device pointers are carried as {@code long}s. Contexts are current per OS thread: call
 * everything but the probe functions on the backend's {@link CudaThread}.
 */
public final class CudaDriver {
    /** The driver's soname. */
    public static final String SONAME = "libcuda.so.1";
    /** {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR}. */
    public static final int ATTRIBUTE_CC_MAJOR = 75;
    /** {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR}. */
    public static final int ATTRIBUTE_CC_MINOR = 76;
    /** {@code CU_DEVICE_ATTRIBUTE_MEMORY_POOLS_SUPPORTED}. */
    public static final int ATTRIBUTE_MEMORY_POOLS = 115;
    /** {@code CU_STREAM_NON_BLOCKING}. */
    public static final int STREAM_NON_BLOCKING = 1;

    private static final int MEMPOOL_RELEASE_THRESHOLD = 4;
    private static final int JIT_INFO_LOG_BUFFER = 3;
    private static final int JIT_INFO_LOG_BUFFER_SIZE = 4;
    private static final int JIT_ERROR_LOG_BUFFER = 5;
    private static final int JIT_ERROR_LOG_BUFFER_SIZE = 6;
    private static final int JIT_LOG_BYTES = 16384;

    private static final FunctionDescriptor INT_INT = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
    private static final FunctionDescriptor INT_PTR = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    private static final FunctionDescriptor INT_VOID = FunctionDescriptor.of(JAVA_INT);

    private final MethodHandle cuInit;
    private final MethodHandle cuDriverGetVersion;
    private final MethodHandle cuDeviceGetCount;
    private final MethodHandle cuDeviceGet;
    private final MethodHandle cuDeviceGetName;
    private final MethodHandle cuDeviceGetAttribute;
    private final MethodHandle cuDevicePrimaryCtxRetain;
    private final MethodHandle cuDevicePrimaryCtxRelease;
    private final MethodHandle cuCtxSetCurrent;
    private final MethodHandle cuCtxSynchronize;
    private final MethodHandle cuStreamCreate;
    private final MethodHandle cuStreamDestroy;
    private final MethodHandle cuStreamSynchronize;
    private final @Nullable MethodHandle cuMemAllocAsync;
    private final @Nullable MethodHandle cuMemFreeAsync;
    private final @Nullable MethodHandle cuDeviceGetDefaultMemPool;
    private final @Nullable MethodHandle cuMemPoolSetAttribute;
    private final MethodHandle cuMemAlloc;
    private final MethodHandle cuMemFree;
    private final MethodHandle cuMemcpyHtoDAsync;
    private final MethodHandle cuMemcpyDtoHAsync;
    private final MethodHandle cuMemcpyDtoDAsync;
    private final MethodHandle cuMemsetD32Async;
    private final MethodHandle cuMemGetInfo;
    private final MethodHandle cuModuleLoadDataEx;
    private final MethodHandle cuModuleGetFunction;
    private final MethodHandle cuModuleUnload;
    private final MethodHandle cuLaunchKernel;
    private final MethodHandle cuGetErrorName;
    private final MethodHandle cuGetErrorString;

    /**
     * Binds the driver's functions.
     *
     * @param lookup the symbols of a loaded {@code libcuda.so.1}
     * @throws dev.presso.kernel.tensor.TensorException if a required function is missing
     */
    public CudaDriver(SymbolLookup lookup) {
        Downcalls d = new Downcalls(lookup, SONAME);
        cuInit = d.bind("cuInit", INT_INT);
        cuDriverGetVersion = d.bind("cuDriverGetVersion", INT_PTR);
        cuDeviceGetCount = d.bind("cuDeviceGetCount", INT_PTR);
        cuDeviceGet = d.bind("cuDeviceGet", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        cuDeviceGetName = d.bind("cuDeviceGetName",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        cuDeviceGetAttribute = d.bind("cuDeviceGetAttribute",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        cuDevicePrimaryCtxRetain = d.bind("cuDevicePrimaryCtxRetain",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        cuDevicePrimaryCtxRelease = d.bind("cuDevicePrimaryCtxRelease_v2", INT_INT);
        cuCtxSetCurrent = d.bind("cuCtxSetCurrent", INT_PTR);
        cuCtxSynchronize = d.bind("cuCtxSynchronize", INT_VOID);
        cuStreamCreate = d.bind("cuStreamCreate", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        cuStreamDestroy = d.bind("cuStreamDestroy_v2", INT_PTR);
        cuStreamSynchronize = d.bind("cuStreamSynchronize", INT_PTR);
        cuMemAllocAsync = d.bindOptional("cuMemAllocAsync",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS));
        cuMemFreeAsync = d.bindOptional("cuMemFreeAsync",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
        cuDeviceGetDefaultMemPool = d.bindOptional("cuDeviceGetDefaultMemPool",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        cuMemPoolSetAttribute = d.bindOptional("cuMemPoolSetAttribute",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        cuMemAlloc = d.bind("cuMemAlloc_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        cuMemFree = d.bind("cuMemFree_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
        cuMemcpyHtoDAsync = d.bind("cuMemcpyHtoDAsync_v2",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS));
        cuMemcpyDtoHAsync = d.bind("cuMemcpyDtoHAsync_v2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
        cuMemcpyDtoDAsync = d.bind("cuMemcpyDtoDAsync_v2",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS));
        cuMemsetD32Async = d.bind("cuMemsetD32Async",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS));
        cuMemGetInfo = d.bind("cuMemGetInfo_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        cuModuleLoadDataEx = d.bind("cuModuleLoadDataEx",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        cuModuleGetFunction = d.bind("cuModuleGetFunction",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        cuModuleUnload = d.bind("cuModuleUnload", INT_PTR);
        cuLaunchKernel = d.bind("cuLaunchKernel", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                ADDRESS, ADDRESS));
        cuGetErrorName = d.bind("cuGetErrorName", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        cuGetErrorString = d.bind("cuGetErrorString",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    /** Initializes the driver ({@code cuInit(0)}). */
    public void init() {
        int rc;
        try {
            rc = (int) cuInit.invokeExact(0);
        } catch (Throwable t) {
            throw Downcalls.failure("cuInit", t);
        }
        check(rc, "cuInit");
    }

    /** Returns the driver's CUDA version. @return for example 13000 for 13.0 */
    public int driverVersion() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            int rc;
            try {
                rc = (int) cuDriverGetVersion.invokeExact(out);
            } catch (Throwable t) {
                throw Downcalls.failure("cuDriverGetVersion", t);
            }
            check(rc, "cuDriverGetVersion");
            return out.get(JAVA_INT, 0);
        }
    }

    /** Returns the number of devices. @return 0 or more */
    public int deviceCount() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            int rc;
            try {
                rc = (int) cuDeviceGetCount.invokeExact(out);
            } catch (Throwable t) {
                throw Downcalls.failure("cuDeviceGetCount", t);
            }
            check(rc, "cuDeviceGetCount");
            return out.get(JAVA_INT, 0);
        }
    }

    /**
     * Returns the handle of a device.
     *
     * @param ordinal the device ordinal
     * @return the {@code CUdevice}
     */
    public int device(int ordinal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            int rc;
            try {
                rc = (int) cuDeviceGet.invokeExact(out, ordinal);
            } catch (Throwable t) {
                throw Downcalls.failure("cuDeviceGet", t);
            }
            check(rc, "cuDeviceGet");
            return out.get(JAVA_INT, 0);
        }
    }

    /**
     * Returns a device's marketing name.
     *
     * @param device a {@code CUdevice}
     * @return for example "NVIDIA H100 80GB HBM3"
     */
    public String deviceName(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(256);
            int rc;
            try {
                rc = (int) cuDeviceGetName.invokeExact(out, 256, device);
            } catch (Throwable t) {
                throw Downcalls.failure("cuDeviceGetName", t);
            }
            check(rc, "cuDeviceGetName");
            return out.getString(0);
        }
    }

    /**
     * Returns a device attribute.
     *
     * @param attribute a {@code CUdevice_attribute} code
     * @param device a {@code CUdevice}
     * @return its value
     */
    public int attribute(int attribute, int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            int rc;
            try {
                rc = (int) cuDeviceGetAttribute.invokeExact(out, attribute, device);
            } catch (Throwable t) {
                throw Downcalls.failure("cuDeviceGetAttribute", t);
            }
            check(rc, "cuDeviceGetAttribute");
            return out.get(JAVA_INT, 0);
        }
    }

    /**
     * Retains a device's primary context.
     *
     * @param device a {@code CUdevice}
     * @return the {@code CUcontext}
     */
    public long retainPrimaryContext(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            int rc;
            try {
                rc = (int) cuDevicePrimaryCtxRetain.invokeExact(out, device);
            } catch (Throwable t) {
                throw Downcalls.failure("cuDevicePrimaryCtxRetain", t);
            }
            check(rc, "cuDevicePrimaryCtxRetain");
            return out.get(ADDRESS, 0).address();
        }
    }

    /** Releases a device's primary context. @param device a {@code CUdevice} */
    public void releasePrimaryContext(int device) {
        int rc;
        try {
            rc = (int) cuDevicePrimaryCtxRelease.invokeExact(device);
        } catch (Throwable t) {
            throw Downcalls.failure("cuDevicePrimaryCtxRelease_v2", t);
        }
        check(rc, "cuDevicePrimaryCtxRelease_v2");
    }

    /** Makes a context current on the calling thread. @param context a {@code CUcontext} */
    public void setCurrentContext(long context) {
        call1(cuCtxSetCurrent, "cuCtxSetCurrent", context);
    }

    /** Waits for all work of the current context. */
    public void synchronizeContext() {
        int rc;
        try {
            rc = (int) cuCtxSynchronize.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.failure("cuCtxSynchronize", t);
        }
        check(rc, "cuCtxSynchronize");
    }

    /**
     * Creates a stream in the current context.
     *
     * @param flags for example {@link #STREAM_NON_BLOCKING}
     * @return the {@code CUstream}
     */
    public long createStream(int flags) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            int rc;
            try {
                rc = (int) cuStreamCreate.invokeExact(out, flags);
            } catch (Throwable t) {
                throw Downcalls.failure("cuStreamCreate", t);
            }
            check(rc, "cuStreamCreate");
            return out.get(ADDRESS, 0).address();
        }
    }

    /** Destroys a stream. @param stream a {@code CUstream} */
    public void destroyStream(long stream) {
        call1(cuStreamDestroy, "cuStreamDestroy_v2", stream);
    }

    /** Waits for a stream's work. @param stream a {@code CUstream} */
    public void synchronizeStream(long stream) {
        call1(cuStreamSynchronize, "cuStreamSynchronize", stream);
    }

    /** Returns whether stream-ordered allocation is bound. @return whether cuMemAllocAsync exists */
    public boolean hasStreamOrderedAllocation() {
        return cuMemAllocAsync != null && cuMemFreeAsync != null;
    }

    /**
     * Lets a device's default memory pool keep freed memory for reuse instead of returning it to
     * the system at every synchronization ({@code CU_MEMPOOL_ATTR_RELEASE_THRESHOLD} = max), as
     * caching allocators do; a no-op where the driver lacks the functions.
     *
     * @param device a {@code CUdevice}
     */
    public void keepPoolMemory(int device) {
        if (cuDeviceGetDefaultMemPool == null || cuMemPoolSetAttribute == null) {
            return;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment pool = a.allocate(ADDRESS);
            MemorySegment threshold = a.allocateFrom(JAVA_LONG, -1L);
            int rc;
            try {
                rc = (int) cuDeviceGetDefaultMemPool.invokeExact(pool, device);
            } catch (Throwable t) {
                throw Downcalls.failure("cuDeviceGetDefaultMemPool", t);
            }
            check(rc, "cuDeviceGetDefaultMemPool");
            try {
                rc = (int) cuMemPoolSetAttribute.invokeExact(pool.get(ADDRESS, 0),
                        MEMPOOL_RELEASE_THRESHOLD, threshold);
            } catch (Throwable t) {
                throw Downcalls.failure("cuMemPoolSetAttribute", t);
            }
            check(rc, "cuMemPoolSetAttribute");
        }
    }

    /**
     * Allocates device memory ordered on a stream ({@code cuMemAllocAsync}).
     *
     * @param bytes at least 1
     * @param stream the stream
     * @return the device pointer
     */
    public long allocateAsync(long bytes, long stream) {
        MethodHandle h = require(cuMemAllocAsync, "cuMemAllocAsync");
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            int rc;
            try {
                rc = (int) h.invokeExact(out, bytes, MemorySegment.ofAddress(stream));
            } catch (Throwable t) {
                throw Downcalls.failure("cuMemAllocAsync", t);
            }
            check(rc, "cuMemAllocAsync");
            return out.get(JAVA_LONG, 0);
        }
    }

    /**
     * Frees device memory once a stream reaches this point ({@code cuMemFreeAsync}).
     *
     * @param pointer from {@link #allocateAsync}
     * @param stream the stream
     */
    public void freeAsync(long pointer, long stream) {
        MethodHandle h = require(cuMemFreeAsync, "cuMemFreeAsync");
        int rc;
        try {
            rc = (int) h.invokeExact(pointer, MemorySegment.ofAddress(stream));
        } catch (Throwable t) {
            throw Downcalls.failure("cuMemFreeAsync", t);
        }
        check(rc, "cuMemFreeAsync");
    }

    /**
     * Allocates device memory ({@code cuMemAlloc_v2}).
     *
     * @param bytes at least 1
     * @return the device pointer
     */
    public long allocate(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            int rc;
            try {
                rc = (int) cuMemAlloc.invokeExact(out, bytes);
            } catch (Throwable t) {
                throw Downcalls.failure("cuMemAlloc_v2", t);
            }
            check(rc, "cuMemAlloc_v2");
            return out.get(JAVA_LONG, 0);
        }
    }

    /** Frees device memory ({@code cuMemFree_v2}). @param pointer from {@link #allocate} */
    public void free(long pointer) {
        int rc;
        try {
            rc = (int) cuMemFree.invokeExact(pointer);
        } catch (Throwable t) {
            throw Downcalls.failure("cuMemFree_v2", t);
        }
        check(rc, "cuMemFree_v2");
    }

    /**
     * Queues a host-to-device copy.
     *
     * @param target device pointer
     * @param source native host memory of at least {@code bytes}
     * @param bytes the count
     * @param stream the stream
     */
    public void copyToDevice(long target, MemorySegment source, long bytes, long stream) {
        int rc;
        try {
            rc = (int) cuMemcpyHtoDAsync.invokeExact(target, source, bytes,
                    MemorySegment.ofAddress(stream));
        } catch (Throwable t) {
            throw Downcalls.failure("cuMemcpyHtoDAsync_v2", t);
        }
        check(rc, "cuMemcpyHtoDAsync_v2");
    }

    /**
     * Queues a device-to-host copy.
     *
     * @param target native host memory of at least {@code bytes}
     * @param source device pointer
     * @param bytes the count
     * @param stream the stream
     */
    public void copyToHost(MemorySegment target, long source, long bytes, long stream) {
        int rc;
        try {
            rc = (int) cuMemcpyDtoHAsync.invokeExact(target, source, bytes,
                    MemorySegment.ofAddress(stream));
        } catch (Throwable t) {
            throw Downcalls.failure("cuMemcpyDtoHAsync_v2", t);
        }
        check(rc, "cuMemcpyDtoHAsync_v2");
    }

    /**
     * Queues a device-to-device copy.
     *
     * @param target device pointer
     * @param source device pointer
     * @param bytes the count
     * @param stream the stream
     */
    public void copyOnDevice(long target, long source, long bytes, long stream) {
        int rc;
        try {
            rc = (int) cuMemcpyDtoDAsync.invokeExact(target, source, bytes,
                    MemorySegment.ofAddress(stream));
        } catch (Throwable t) {
            throw Downcalls.failure("cuMemcpyDtoDAsync_v2", t);
        }
        check(rc, "cuMemcpyDtoDAsync_v2");
    }

    /**
     * Queues setting 32-bit words to a value.
     *
     * @param target device pointer, 4-byte aligned
     * @param value the word
     * @param words how many words
     * @param stream the stream
     */
    public void setWords(long target, int value, long words, long stream) {
        int rc;
        try {
            rc = (int) cuMemsetD32Async.invokeExact(target, value, words,
                    MemorySegment.ofAddress(stream));
        } catch (Throwable t) {
            throw Downcalls.failure("cuMemsetD32Async", t);
        }
        check(rc, "cuMemsetD32Async");
    }

    /** Returns free and total device memory of the current context. @return {free, total} bytes */
    public long[] memoryInfo() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment free = a.allocate(JAVA_LONG);
            MemorySegment total = a.allocate(JAVA_LONG);
            int rc;
            try {
                rc = (int) cuMemGetInfo.invokeExact(free, total);
            } catch (Throwable t) {
                throw Downcalls.failure("cuMemGetInfo_v2", t);
            }
            check(rc, "cuMemGetInfo_v2");
            return new long[] {free.get(JAVA_LONG, 0), total.get(JAVA_LONG, 0)};
        }
    }

    /**
     * Loads a module from PTX text (NUL-terminated), a cubin or a fatbin, collecting the JIT
     * compiler's logs; a failure's exception carries the error log.
     *
     * @param image the image bytes; PTX must end with a NUL byte
     * @return the {@code CUmodule}
     */
    public long loadModule(MemorySegment image) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment errorLog = a.allocate(JIT_LOG_BYTES);
            MemorySegment infoLog = a.allocate(JIT_LOG_BYTES);
            MemorySegment options = a.allocateFrom(JAVA_INT, JIT_ERROR_LOG_BUFFER,
                    JIT_ERROR_LOG_BUFFER_SIZE, JIT_INFO_LOG_BUFFER, JIT_INFO_LOG_BUFFER_SIZE);
            MemorySegment values = a.allocate(ADDRESS, 4);
            values.setAtIndex(ADDRESS, 0, errorLog);
            values.setAtIndex(ADDRESS, 1, MemorySegment.ofAddress(JIT_LOG_BYTES));
            values.setAtIndex(ADDRESS, 2, infoLog);
            values.setAtIndex(ADDRESS, 3, MemorySegment.ofAddress(JIT_LOG_BYTES));
            MemorySegment out = a.allocate(ADDRESS);
            int rc;
            try {
                rc = (int) cuModuleLoadDataEx.invokeExact(out, image, 4, options, values);
            } catch (Throwable t) {
                throw Downcalls.failure("cuModuleLoadDataEx", t);
            }
            if (rc != 0) {
                long written = Math.min(values.getAtIndex(ADDRESS, 1).address(), JIT_LOG_BYTES);
                String log = written > 0 ? errorLog.getString(0).strip() : "";
                throw error(rc, "cuModuleLoadDataEx",
                        log.isEmpty() ? " (no JIT error log)" : "; JIT error log: " + log);
            }
            return out.get(ADDRESS, 0).address();
        }
    }

    /**
     * Finds a kernel in a module.
     *
     * @param module a {@code CUmodule}
     * @param name the entry name
     * @return the {@code CUfunction}
     */
    public long function(long module, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            int rc;
            try {
                rc = (int) cuModuleGetFunction.invokeExact(out, MemorySegment.ofAddress(module),
                        a.allocateFrom(name));
            } catch (Throwable t) {
                throw Downcalls.failure("cuModuleGetFunction", t);
            }
            if (rc != 0) {
                throw error(rc, "cuModuleGetFunction", "; kernel '" + name + "'");
            }
            return out.get(ADDRESS, 0).address();
        }
    }

    /** Unloads a module. @param module a {@code CUmodule} */
    public void unloadModule(long module) {
        call1(cuModuleUnload, "cuModuleUnload", module);
    }

    /**
     * Launches a kernel on a stream; the parameters are copied by the driver before this returns.
     *
     * @param function the {@code CUfunction}
     * @param shape grid, block and dynamic shared memory
     * @param stream the stream
     * @param args the kernel's parameters with their C types
     */
    public void launch(long function, LaunchShape shape, long stream, KernelArg... args) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = a.allocate(ADDRESS, Math.max(1, args.length));
            for (int i = 0; i < args.length; i++) {
                MemorySegment value = switch (args[i]) {
                    case KernelArg.Pointer p -> a.allocateFrom(JAVA_LONG, p.address());
                    case KernelArg.I64 v -> a.allocateFrom(JAVA_LONG, v.value());
                    case KernelArg.I32 v -> a.allocateFrom(JAVA_INT, v.value());
                    case KernelArg.F32 v -> a.allocateFrom(JAVA_FLOAT, v.value());
                };
                params.setAtIndex(ADDRESS, i, value);
            }
            int rc;
            try {
                rc = (int) cuLaunchKernel.invokeExact(MemorySegment.ofAddress(function),
                        shape.gridX(), shape.gridY(), shape.gridZ(), shape.blockX(),
                        shape.blockY(), shape.blockZ(), shape.sharedBytes(),
                        MemorySegment.ofAddress(stream), params, MemorySegment.NULL);
            } catch (Throwable t) {
                throw Downcalls.failure("cuLaunchKernel", t);
            }
            check(rc, "cuLaunchKernel");
        }
    }

    /**
     * Returns a status's name.
     *
     * @param code a {@code CUresult}
     * @return for example {@code CUDA_ERROR_NO_DEVICE}, or {@code CUDA_ERROR_<code>} if unknown
     */
    public String errorName(int code) {
        String name = describe(cuGetErrorName, code);
        return name == null ? "CUDA_ERROR_" + code : name;
    }

    /**
     * Returns a status's description.
     *
     * @param code a {@code CUresult}
     * @return the driver's text, or "unknown error" if it has none
     */
    public String errorString(int code) {
        String text = describe(cuGetErrorString, code);
        return text == null ? "unknown error" : text;
    }

    /**
     * Throws a {@link CudaException} for a failed status.
     *
     * @param rc the status
     * @param function the function that returned it
     */
    public void check(int rc, String function) {
        if (rc != 0) {
            throw error(rc, function, "");
        }
    }

    private CudaException error(int rc, String function, String detail) {
        return new CudaException(function, rc, errorName(rc), errorString(rc) + detail);
    }

    private @Nullable String describe(MethodHandle handle, int code) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            int rc;
            try {
                rc = (int) handle.invokeExact(code, out);
            } catch (Throwable t) {
                return null;
            }
            MemorySegment text = out.get(ADDRESS, 0);
            if (rc != 0 || text.equals(MemorySegment.NULL)) {
                return null;
            }
            return text.reinterpret(4096).getString(0);
        }
    }

    private void call1(MethodHandle handle, String function, long argument) {
        int rc;
        try {
            rc = (int) handle.invokeExact(MemorySegment.ofAddress(argument));
        } catch (Throwable t) {
            throw Downcalls.failure(function, t);
        }
        check(rc, function);
    }

    private static MethodHandle require(@Nullable MethodHandle handle, String function) {
        if (handle == null) {
            throw new CudaException(function, 500, "CUDA_ERROR_NOT_FOUND",
                    "the driver has no " + function + " (older than CUDA 11.2)");
        }
        return handle;
    }
}
