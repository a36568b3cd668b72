package dev.presso.plugins.tensorcpu.internal.linalg;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * FFM bindings to the single-precision LAPACK and BLAS routines of OpenBLAS, with the Fortran ABI:
 * every argument by reference (32-bit integers), and a hidden trailing {@code long} length for each
 * character argument. Matrices are column-major off-heap segments.
 */
final class Lapack {
    private final MethodHandle sgesdd;
    private final MethodHandle sgeqrf;
    private final MethodHandle sorgqr;
    private final MethodHandle spotrf;
    private final MethodHandle ssyevd;
    private final MethodHandle strsm;
    private final MethodHandle sgels;
    private final MethodHandle setNumThreads;
    private final MethodHandle getConfig;

    private Lapack(SymbolLookup lookup) {
        sgesdd = fortran(lookup, "sgesdd_", 14, 1);
        sgeqrf = fortran(lookup, "sgeqrf_", 8, 0);
        sorgqr = fortran(lookup, "sorgqr_", 9, 0);
        spotrf = fortran(lookup, "spotrf_", 5, 1);
        ssyevd = fortran(lookup, "ssyevd_", 11, 2);
        strsm = fortran(lookup, "strsm_", 11, 4);
        sgels = fortran(lookup, "sgels_", 11, 1);
        setNumThreads = function(lookup, "openblas_set_num_threads",
                FunctionDescriptor.ofVoid(JAVA_INT));
        getConfig = function(lookup, "openblas_get_config", FunctionDescriptor.of(ADDRESS));
    }

    /**
     * Binds every routine used by {@link NativeLinearAlgebra}.
     *
     * @param lookup the symbols of the loaded OpenBLAS
     * @return the bindings
     * @throws NoSuchElementException if a symbol is missing
     */
    static Lapack bind(SymbolLookup lookup) {
        return new Lapack(lookup);
    }

    /** Sets the OpenBLAS thread count (process wide). */
    void setThreads(int threads) {
        invoke(setNumThreads, threads);
    }

    /** Returns OpenBLAS's build description, for example {@code "OpenBLAS 0.3.31 DYNAMIC_ARCH ..."}. */
    @SuppressWarnings("restricted") // reads OpenBLAS's static NUL-terminated string
    String config() {
        MemorySegment text = (MemorySegment) invoke(getConfig);
        return text.reinterpret(4096).getString(0).trim();
    }

    int sgesdd(char jobz, int m, int n, MemorySegment a, int lda, MemorySegment s, MemorySegment u,
            int ldu, MemorySegment vt, int ldvt, MemorySegment work, int lwork, MemorySegment iwork) {
        try (Call call = new Call()) {
            return call.chars(jobz).ints(m, n).ptr(a).ints(lda).ptr(s).ptr(u).ints(ldu).ptr(vt)
                    .ints(ldvt).ptr(work).ints(lwork).ptr(iwork).run(sgesdd);
        }
    }

    int sgeqrf(int m, int n, MemorySegment a, int lda, MemorySegment tau, MemorySegment work,
            int lwork) {
        try (Call call = new Call()) {
            return call.ints(m, n).ptr(a).ints(lda).ptr(tau).ptr(work).ints(lwork).run(sgeqrf);
        }
    }

    int sorgqr(int m, int n, int k, MemorySegment a, int lda, MemorySegment tau,
            MemorySegment work, int lwork) {
        try (Call call = new Call()) {
            return call.ints(m, n, k).ptr(a).ints(lda).ptr(tau).ptr(work).ints(lwork).run(sorgqr);
        }
    }

    int spotrf(char uplo, int n, MemorySegment a, int lda) {
        try (Call call = new Call()) {
            return call.chars(uplo).ints(n).ptr(a).ints(lda).run(spotrf);
        }
    }

    int ssyevd(char jobz, char uplo, int n, MemorySegment a, int lda, MemorySegment w,
            MemorySegment work, int lwork, MemorySegment iwork, int liwork) {
        try (Call call = new Call()) {
            return call.chars(jobz, uplo).ints(n).ptr(a).ints(lda).ptr(w).ptr(work).ints(lwork)
                    .ptr(iwork).ints(liwork).run(ssyevd);
        }
    }

    /** BLAS {@code strsm}; it has no {@code info}, so this returns nothing. */
    void strsm(char side, char uplo, char transA, char diag, int m, int n, float alpha,
            MemorySegment a, int lda, MemorySegment b, int ldb) {
        try (Call call = new Call()) {
            call.chars(side, uplo, transA, diag).ints(m, n).floats(alpha).ptr(a).ints(lda).ptr(b)
                    .ints(ldb).runWithoutInfo(strsm);
        }
    }

    int sgels(char trans, int m, int n, int nrhs, MemorySegment a, int lda, MemorySegment b,
            int ldb, MemorySegment work, int lwork) {
        try (Call call = new Call()) {
            return call.chars(trans).ints(m, n, nrhs).ptr(a).ints(lda).ptr(b).ints(ldb).ptr(work)
                    .ints(lwork).run(sgels);
        }
    }

    /** Reads the optimal workspace size that a query ({@code lwork = -1}) left in {@code work[0]}. */
    static int workspaceSize(MemorySegment work) {
        return Math.max(1, (int) Math.ceil(work.get(JAVA_FLOAT, 0)));
    }

    /**
     * Binds a Fortran subroutine.
     *
     * @param references the number of by-reference arguments, {@code info} included
     * @param characterLengths the number of character arguments (each gets a hidden length)
     */
    private static MethodHandle fortran(SymbolLookup lookup, String name, int references,
            int characterLengths) {
        List<MemoryLayout> args = new ArrayList<>();
        for (int i = 0; i < references; i++) {
            args.add(ADDRESS);
        }
        for (int i = 0; i < characterLengths; i++) {
            args.add(JAVA_LONG);
        }
        return function(lookup, name, FunctionDescriptor.ofVoid(args.toArray(MemoryLayout[]::new)));
    }

    @SuppressWarnings("restricted") // the descriptors follow OpenBLAS's Fortran and C headers
    private static MethodHandle function(SymbolLookup lookup, String name,
            FunctionDescriptor descriptor) {
        MemorySegment symbol = lookup.find(name)
                .orElseThrow(() -> new NoSuchElementException("symbol " + name + " not found"));
        return Linker.nativeLinker().downcallHandle(symbol, descriptor);
    }

    private static Object invoke(MethodHandle handle, Object... args) {
        try {
            return handle.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("native call failed", e);
        }
    }

    /** Collects by-reference arguments in a confined arena, then calls and reads {@code info}. */
    private static final class Call implements AutoCloseable {
        private final Arena arena = Arena.ofConfined();
        private final List<Object> pointers = new ArrayList<>();
        private final List<Object> lengths = new ArrayList<>();

        Call chars(char... values) {
            for (char c : values) {
                pointers.add(arena.allocateFrom(JAVA_BYTE, (byte) c));
                lengths.add(1L);
            }
            return this;
        }

        Call ints(int... values) {
            for (int v : values) {
                pointers.add(arena.allocateFrom(JAVA_INT, v));
            }
            return this;
        }

        Call floats(float... values) {
            for (float v : values) {
                pointers.add(arena.allocateFrom(JAVA_FLOAT, v));
            }
            return this;
        }

        Call ptr(MemorySegment segment) {
            pointers.add(segment);
            return this;
        }

        int run(MethodHandle handle) {
            MemorySegment info = arena.allocateFrom(JAVA_INT, 0);
            pointers.add(info);
            runWithoutInfo(handle);
            return info.get(JAVA_INT, 0);
        }

        void runWithoutInfo(MethodHandle handle) {
            List<Object> all = new ArrayList<>(pointers);
            all.addAll(lengths);
            invoke(handle, all.toArray());
        }

        @Override
        public void close() {
            arena.close();
        }
    }
}
