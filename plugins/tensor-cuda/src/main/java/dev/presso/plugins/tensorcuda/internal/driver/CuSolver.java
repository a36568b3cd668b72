package dev.presso.plugins.tensorcuda.internal.driver;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * cuSOLVER dense ({@code libcusolver.so.12}) as used by the provider: the 64-bit generic API
 * ({@code cusolverDnX*}) in fp32 for SVD, symmetric eigendecomposition, Cholesky and QR, plus the
 * legacy {@code cusolverDnSorgqr} (the generic API has no orgqr). All matrices are column-major
 * device memory. Each factorization sizes its workspace with the matching {@code _bufferSize}
 * call and takes it from a {@link Workspace}; the {@code devInfo} result is returned for the
 * caller to interpret. Call it on the backend's {@link CudaThread} with the context current.
 */
public final class CuSolver implements AutoCloseable {
    /** The library's soname. */
    public static final String SONAME = "libcusolver.so.12";

    private static final int R_32F = 0;
    private static final int EIG_MODE_VECTOR = 1;

    /** Device and host scratch memory for one call, released after it. */
    public interface Workspace {
        /**
         * Allocates device memory.
         *
         * @param bytes at least 1
         * @return the device pointer
         */
        long allocate(long bytes);

        /**
         * Releases device memory once queued work has used it.
         *
         * @param pointer from {@link #allocate}
         */
        void free(long pointer);

        /**
         * Reads a device {@code int} (a devInfo), waiting for queued work first.
         *
         * @param pointer a device pointer
         * @return its value
         */
        int readInt(long pointer);
    }

    private final MethodHandle destroy;
    private final MethodHandle destroyParams;
    private final MethodHandle setStream;
    private final MethodHandle gesvdBufferSize;
    private final MethodHandle gesvd;
    private final MethodHandle syevdBufferSize;
    private final MethodHandle syevd;
    private final MethodHandle potrfBufferSize;
    private final MethodHandle potrf;
    private final MethodHandle geqrfBufferSize;
    private final MethodHandle geqrf;
    private final MethodHandle orgqrBufferSize;
    private final MethodHandle orgqr;
    private final MemorySegment handle;
    private final MemorySegment params;

    /**
     * Binds cuSOLVER and creates a handle and a parameter object in the current context.
     *
     * @param lookup the symbols of a loaded {@code libcusolver.so.12}
     */
    public CuSolver(SymbolLookup lookup) {
        Downcalls d = new Downcalls(lookup, SONAME);
        FunctionDescriptor outHandle = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        MethodHandle create = d.bind("cusolverDnCreate", outHandle);
        MethodHandle createParams = d.bind("cusolverDnCreateParams", outHandle);
        destroy = d.bind("cusolverDnDestroy", outHandle);
        destroyParams = d.bind("cusolverDnDestroyParams", outHandle);
        setStream = d.bind("cusolverDnSetStream", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        gesvdBufferSize = d.bind("cusolverDnXgesvd_bufferSize", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_BYTE, JAVA_BYTE, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG,
                JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT,
                JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
        gesvd = d.bind("cusolverDnXgesvd", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS,
                JAVA_BYTE, JAVA_BYTE, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG,
                JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG,
                JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG));
        syevdBufferSize = d.bind("cusolverDnXsyevd_bufferSize", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG,
                JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
        syevd = d.bind("cusolverDnXsyevd", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS,
                JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG,
                JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG));
        potrfBufferSize = d.bind("cusolverDnXpotrf_bufferSize", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT,
                ADDRESS, ADDRESS));
        potrf = d.bind("cusolverDnXpotrf", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS,
                JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG,
                JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG));
        geqrfBufferSize = d.bind("cusolverDnXgeqrf_bufferSize", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT,
                JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
        geqrf = d.bind("cusolverDnXgeqrf", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS,
                JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG,
                JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG));
        orgqrBufferSize = d.bind("cusolverDnSorgqr_bufferSize", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS));
        orgqr = d.bind("cusolverDnSorgqr", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT,
                JAVA_LONG));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            int rc;
            try {
                rc = (int) create.invokeExact(out);
            } catch (Throwable t) {
                throw Downcalls.failure("cusolverDnCreate", t);
            }
            check(rc, "cusolverDnCreate");
            handle = out.get(ADDRESS, 0);
            try {
                rc = (int) createParams.invokeExact(out);
            } catch (Throwable t) {
                throw Downcalls.failure("cusolverDnCreateParams", t);
            }
            check(rc, "cusolverDnCreateParams");
            params = out.get(ADDRESS, 0);
        }
    }

    /**
     * Makes the handle's work go to a stream.
     *
     * @param stream a {@code CUstream}
     */
    public void setStream(long stream) {
        int rc;
        try {
            rc = (int) setStream.invokeExact(handle, MemorySegment.ofAddress(stream));
        } catch (Throwable t) {
            throw Downcalls.failure("cusolverDnSetStream", t);
        }
        check(rc, "cusolverDnSetStream");
    }

    /**
     * SVD of a column-major {@code m x n} matrix with {@code m >= n} ({@code cusolverDnXgesvd});
     * A is destroyed.
     *
     * @param job {@code 'S'} (thin U and VT) or {@code 'A'} (full)
     * @param m rows, at least {@code n}
     * @param n columns
     * @param a device pointer of A
     * @param lda A's leading dimension
     * @param s device pointer of the singular values
     * @param u device pointer of U
     * @param ldu U's leading dimension
     * @param vt device pointer of VT
     * @param ldvt VT's leading dimension
     * @param workspace scratch memory
     * @return devInfo: 0 on success, above 0 when the bidiagonal QR did not converge
     */
    public int gesvd(char job, long m, long n, long a, long lda, long s, long u, long ldu, long vt,
            long ldvt, Workspace workspace) {
        byte j = (byte) job;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment deviceBytes = arena.allocate(JAVA_LONG);
            MemorySegment hostBytes = arena.allocate(JAVA_LONG);
            int rc;
            try {
                rc = (int) gesvdBufferSize.invokeExact(handle, params, j, j, m, n, R_32F, a, lda,
                        R_32F, s, R_32F, u, ldu, R_32F, vt, ldvt, R_32F, deviceBytes, hostBytes);
            } catch (Throwable t) {
                throw Downcalls.failure("cusolverDnXgesvd_bufferSize", t);
            }
            check(rc, "cusolverDnXgesvd_bufferSize");
            Scratch scratch = new Scratch(workspace, arena, deviceBytes, hostBytes);
            try {
                try {
                    rc = (int) gesvd.invokeExact(handle, params, j, j, m, n, R_32F, a, lda, R_32F,
                            s, R_32F, u, ldu, R_32F, vt, ldvt, R_32F, scratch.device,
                            scratch.deviceBytes, scratch.host, scratch.hostBytes, scratch.info);
                } catch (Throwable t) {
                    throw Downcalls.failure("cusolverDnXgesvd", t);
                }
                check(rc, "cusolverDnXgesvd");
                return scratch.info();
            } finally {
                scratch.release();
            }
        }
    }

    /**
     * Eigenvalues (ascending) and eigenvectors of a symmetric column-major matrix
     * ({@code cusolverDnXsyevd}); the eigenvectors overwrite A.
     *
     * @param fill the triangle read: {@link CuBlas#FILL_LOWER} or {@link CuBlas#FILL_UPPER}
     * @param n the order
     * @param a device pointer of A
     * @param lda A's leading dimension
     * @param w device pointer of the eigenvalues
     * @param workspace scratch memory
     * @return devInfo: 0 on success, above 0 when the algorithm did not converge
     */
    public int syevd(int fill, long n, long a, long lda, long w, Workspace workspace) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment deviceBytes = arena.allocate(JAVA_LONG);
            MemorySegment hostBytes = arena.allocate(JAVA_LONG);
            int rc;
            try {
                rc = (int) syevdBufferSize.invokeExact(handle, params, EIG_MODE_VECTOR, fill, n,
                        R_32F, a, lda, R_32F, w, R_32F, deviceBytes, hostBytes);
            } catch (Throwable t) {
                throw Downcalls.failure("cusolverDnXsyevd_bufferSize", t);
            }
            check(rc, "cusolverDnXsyevd_bufferSize");
            Scratch scratch = new Scratch(workspace, arena, deviceBytes, hostBytes);
            try {
                try {
                    rc = (int) syevd.invokeExact(handle, params, EIG_MODE_VECTOR, fill, n, R_32F, a,
                            lda, R_32F, w, R_32F, scratch.device, scratch.deviceBytes,
                            scratch.host, scratch.hostBytes, scratch.info);
                } catch (Throwable t) {
                    throw Downcalls.failure("cusolverDnXsyevd", t);
                }
                check(rc, "cusolverDnXsyevd");
                return scratch.info();
            } finally {
                scratch.release();
            }
        }
    }

    /**
     * Cholesky factorization in place ({@code cusolverDnXpotrf}).
     *
     * @param fill the triangle read and written
     * @param n the order
     * @param a device pointer of A
     * @param lda A's leading dimension
     * @param workspace scratch memory
     * @return devInfo: 0 on success, {@code i > 0} when the leading minor of order i is not
     *     positive definite
     */
    public int potrf(int fill, long n, long a, long lda, Workspace workspace) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment deviceBytes = arena.allocate(JAVA_LONG);
            MemorySegment hostBytes = arena.allocate(JAVA_LONG);
            int rc;
            try {
                rc = (int) potrfBufferSize.invokeExact(handle, params, fill, n, R_32F, a, lda,
                        R_32F, deviceBytes, hostBytes);
            } catch (Throwable t) {
                throw Downcalls.failure("cusolverDnXpotrf_bufferSize", t);
            }
            check(rc, "cusolverDnXpotrf_bufferSize");
            Scratch scratch = new Scratch(workspace, arena, deviceBytes, hostBytes);
            try {
                try {
                    rc = (int) potrf.invokeExact(handle, params, fill, n, R_32F, a, lda, R_32F,
                            scratch.device, scratch.deviceBytes, scratch.host, scratch.hostBytes,
                            scratch.info);
                } catch (Throwable t) {
                    throw Downcalls.failure("cusolverDnXpotrf", t);
                }
                check(rc, "cusolverDnXpotrf");
                return scratch.info();
            } finally {
                scratch.release();
            }
        }
    }

    /**
     * Householder QR in place ({@code cusolverDnXgeqrf}): R in the upper triangle, reflectors
     * below it, their scales in {@code tau}.
     *
     * @param m rows
     * @param n columns
     * @param a device pointer of A
     * @param lda A's leading dimension
     * @param tau device pointer of {@code min(m, n)} scales
     * @param workspace scratch memory
     * @return devInfo: 0 on success
     */
    public int geqrf(long m, long n, long a, long lda, long tau, Workspace workspace) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment deviceBytes = arena.allocate(JAVA_LONG);
            MemorySegment hostBytes = arena.allocate(JAVA_LONG);
            int rc;
            try {
                rc = (int) geqrfBufferSize.invokeExact(handle, params, m, n, R_32F, a, lda, R_32F,
                        tau, R_32F, deviceBytes, hostBytes);
            } catch (Throwable t) {
                throw Downcalls.failure("cusolverDnXgeqrf_bufferSize", t);
            }
            check(rc, "cusolverDnXgeqrf_bufferSize");
            Scratch scratch = new Scratch(workspace, arena, deviceBytes, hostBytes);
            try {
                try {
                    rc = (int) geqrf.invokeExact(handle, params, m, n, R_32F, a, lda, R_32F, tau,
                            R_32F, scratch.device, scratch.deviceBytes, scratch.host,
                            scratch.hostBytes, scratch.info);
                } catch (Throwable t) {
                    throw Downcalls.failure("cusolverDnXgeqrf", t);
                }
                check(rc, "cusolverDnXgeqrf");
                return scratch.info();
            } finally {
                scratch.release();
            }
        }
    }

    /**
     * Forms the first {@code n} columns of Q from {@link #geqrf}'s reflectors, in place
     * ({@code cusolverDnSorgqr}).
     *
     * @param m rows of Q
     * @param n columns of Q, at most {@code m}
     * @param k reflectors, at most {@code n}
     * @param a device pointer of the reflectors, overwritten with Q
     * @param lda A's leading dimension
     * @param tau device pointer of the reflectors' scales
     * @param workspace scratch memory
     * @return devInfo: 0 on success
     */
    public int orgqr(int m, int n, int k, long a, int lda, long tau, Workspace workspace) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment lwork = arena.allocate(JAVA_INT);
            int rc;
            try {
                rc = (int) orgqrBufferSize.invokeExact(handle, m, n, k, a, lda, tau, lwork);
            } catch (Throwable t) {
                throw Downcalls.failure("cusolverDnSorgqr_bufferSize", t);
            }
            check(rc, "cusolverDnSorgqr_bufferSize");
            int floats = Math.max(1, lwork.get(JAVA_INT, 0));
            long work = workspace.allocate(4L * floats);
            long info = workspace.allocate(4);
            try {
                try {
                    rc = (int) orgqr.invokeExact(handle, m, n, k, a, lda, tau, work, floats, info);
                } catch (Throwable t) {
                    throw Downcalls.failure("cusolverDnSorgqr", t);
                }
                check(rc, "cusolverDnSorgqr");
                return workspace.readInt(info);
            } finally {
                workspace.free(work);
                workspace.free(info);
            }
        }
    }

    /** Destroys the parameter object and the handle. */
    @Override
    public void close() {
        int rc;
        try {
            rc = (int) destroyParams.invokeExact(params);
        } catch (Throwable t) {
            throw Downcalls.failure("cusolverDnDestroyParams", t);
        }
        check(rc, "cusolverDnDestroyParams");
        try {
            rc = (int) destroy.invokeExact(handle);
        } catch (Throwable t) {
            throw Downcalls.failure("cusolverDnDestroy", t);
        }
        check(rc, "cusolverDnDestroy");
    }

    /**
     * Throws a {@link CudaException} for a failed cuSOLVER status.
     *
     * @param rc the status
     * @param function the function that returned it
     */
    public static void check(int rc, String function) {
        if (rc != 0) {
            throw new CudaException(function, rc, StatusNames.cusolverName(rc),
                    StatusNames.cusolverDescription(rc));
        }
    }

    /** The device and host workspace and the devInfo word of one generic-API call. */
    private static final class Scratch {
        private final Workspace workspace;
        private final long device;
        private final long deviceBytes;
        private final MemorySegment host;
        private final long hostBytes;
        private final long info;

        Scratch(Workspace workspace, Arena arena, MemorySegment deviceSize, MemorySegment hostSize) {
            this.workspace = workspace;
            this.deviceBytes = deviceSize.get(JAVA_LONG, 0);
            this.hostBytes = hostSize.get(JAVA_LONG, 0);
            this.host = hostBytes > 0 ? arena.allocate(hostBytes, 16) : MemorySegment.NULL;
            this.info = workspace.allocate(4);
            long buffer = 0;
            if (deviceBytes > 0) {
                try {
                    buffer = workspace.allocate(deviceBytes);
                } catch (RuntimeException e) {
                    workspace.free(info);
                    throw e;
                }
            }
            this.device = buffer;
        }

        int info() {
            return workspace.readInt(info);
        }

        void release() {
            if (device != 0) {
                workspace.free(device);
            }
            workspace.free(info);
        }
    }
}
