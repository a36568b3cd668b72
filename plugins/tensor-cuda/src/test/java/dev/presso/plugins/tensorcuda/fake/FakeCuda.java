package dev.presso.plugins.tensorcuda.fake;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.presso.plugins.tensorcuda.internal.driver.LibrarySearch;
import dev.presso.plugins.tensorcuda.internal.kernels.HostKernels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The fake CUDA libraries of {@code src/test/c}, compiled by gcc into {@code target/fake}
 * ({@code libcuda.so.1}, {@code libcublas.so.13}, {@code libcusolver.so.12}), and their control
 * functions: reset, error injection, device choice, allocation counts and the kernels-on-host
 * library that {@code cuModuleGetFunction} resolves {@code presso_host_<name>} in. Tests that
 * need them skip (JUnit assumption) where gcc is absent.
 */
public final class FakeCuda {
    private static Path directory;
    private static Boolean gccPresent;

    private FakeCuda() {}

    /**
     * Returns the folder holding the three fake libraries, building them when stale.
     *
     * @return {@code target/fake}
     */
    public static synchronized Path directory() {
        Assumptions.assumeTrue(gccAvailable(), "gcc is not installed; the fake-driver tests need it");
        if (directory == null) {
            Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
            Path sources = module.resolve("src/test/c");
            Path out = module.resolve("target/fake");
            build(sources, out, "fake_cuda.c", "libcuda.so.1", "-ldl");
            build(sources, out, "fake_cublas.c", "libcublas.so.13", "-lm");
            build(sources, out, "fake_cusolver.c", "libcusolver.so.12", "-lm");
            directory = out;
        }
        return directory;
    }

    /**
     * Returns a search that finds only the fake libraries.
     *
     * @return the search
     */
    public static LibrarySearch search() {
        return LibrarySearch.only(directory());
    }

    /**
     * Returns a folder holding only the fake driver (a link to it), for "cuBLAS missing" tests.
     *
     * @return the folder
     */
    public static synchronized Path driverOnly() {
        Path folder = directory().resolveSibling("fake-driver-only");
        try {
            Files.createDirectories(folder);
            Path link = folder.resolve("libcuda.so.1");
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, directory().resolve("libcuda.so.1"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** Restores the defaults: one device of compute capability 9.0, memory pools, no errors. */
    public static void reset() {
        call(driver(), "fake_cuda_reset", FunctionDescriptor.ofVoid());
    }

    /**
     * Makes the next call of a driver function return a status.
     *
     * @param function the exact symbol, or {@code "*"} for any
     * @param code the {@code CUresult}
     */
    public static void failNextDriverCall(String function, int code) {
        failNext(driver(), "fake_cuda_fail_next", function, code);
    }

    /**
     * Makes the next call of a cuBLAS function return a status.
     *
     * @param function the exact symbol
     * @param code the {@code cublasStatus_t}
     */
    public static void failNextBlasCall(String function, int code) {
        failNext(library("libcublas.so.13"), "fake_cublas_fail_next", function, code);
    }

    /**
     * Makes the next call of a cuSOLVER function return a status.
     *
     * @param function the exact symbol
     * @param code the {@code cusolverStatus_t}
     */
    public static void failNextSolverCall(String function, int code) {
        failNext(library("libcusolver.so.12"), "fake_cusolver_fail_next", function, code);
    }

    /** Makes {@code cuInit} return a status. @param code the {@code CUresult} */
    public static void setInitResult(int code) {
        call(driver(), "fake_cuda_set_init_result", FunctionDescriptor.ofVoid(JAVA_INT), code);
    }

    /**
     * Sets the devices the fake reports.
     *
     * @param count how many
     * @param major compute capability major
     * @param minor compute capability minor
     */
    public static void setDevices(int count, int major, int minor) {
        call(driver(), "fake_cuda_set_devices",
                FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT), count, major, minor);
    }

    /** Sets whether the device supports memory pools. @param supported 1 or 0 */
    public static void setMemoryPools(int supported) {
        call(driver(), "fake_cuda_set_memory_pools", FunctionDescriptor.ofVoid(JAVA_INT), supported);
    }

    /** Returns the fake device allocations not yet freed. @return the count */
    public static long liveAllocations() {
        return (long) call(driver(), "fake_cuda_live_allocations", FunctionDescriptor.of(JAVA_LONG));
    }

    /** Returns the default pool's release threshold as last set. @return the raw value */
    public static long poolReleaseThreshold() {
        return (long) call(driver(), "fake_cuda_pool_release_threshold", FunctionDescriptor.of(JAVA_LONG));
    }

    /** Returns the primary-context retains not yet released. @return the count */
    public static int contextRetains() {
        return (int) call(driver(), "fake_cuda_context_retains", FunctionDescriptor.of(JAVA_INT));
    }

    /** Returns the cuBLAS handles not yet destroyed. @return the count */
    public static int blasHandles() {
        return (int) call(library("libcublas.so.13"), "fake_cublas_live_handles",
                FunctionDescriptor.of(JAVA_INT));
    }

    /** Returns the cuSOLVER handles not yet destroyed. @return the count */
    public static int solverHandles() {
        return (int) call(library("libcusolver.so.12"), "fake_cusolver_live_handles",
                FunctionDescriptor.of(JAVA_INT));
    }

    /**
     * Points {@code cuModuleGetFunction} at a library exporting {@code presso_host_<name>}.
     *
     * @param library the shared library
     */
    public static void setKernelLibrary(Path library) {
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) call(driver(), "fake_cuda_set_kernel_library",
                    FunctionDescriptor.of(JAVA_INT, ADDRESS),
                    arena.allocateFrom(library.toAbsolutePath().toString()));
            if (rc != 0) {
                throw new IllegalStateException("the fake driver cannot load " + library);
            }
        }
    }

    /** Points the fake driver at the provider's kernels compiled for the host (skips without g++). */
    public static void useHostKernels() {
        setKernelLibrary(HostKernels.library());
    }

    /**
     * Compiles a C file of {@code src/test/c} into a shared library under {@code target/fake}.
     *
     * @param source the file name
     * @param output the library's file name
     * @return its path
     */
    public static Path compile(String source, String output) {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path out = directory().resolveSibling("fake-extra");
        build(module.resolve("src/test/c"), out, source, output, "-lm");
        return out.resolve(output);
    }

    private static SymbolLookup driver() {
        return library("libcuda.so.1");
    }

    private static SymbolLookup library(String name) {
        return SymbolLookup.libraryLookup(directory().resolve(name), Arena.global());
    }

    private static void failNext(SymbolLookup lookup, String control, String function, int code) {
        try (Arena arena = Arena.ofConfined()) {
            call(lookup, control, FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT),
                    arena.allocateFrom(function), code);
        }
    }

    private static Object call(SymbolLookup lookup, String name, FunctionDescriptor descriptor,
            Object... args) {
        MethodHandle handle = Linker.nativeLinker().downcallHandle(lookup.find(name).orElseThrow(),
                descriptor);
        try {
            return handle.invokeWithArguments(args);
        } catch (Throwable t) {
            throw new IllegalStateException(name + " failed", t);
        }
    }

    private static synchronized boolean gccAvailable() {
        if (gccPresent == null) {
            try {
                Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                gccPresent = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                gccPresent = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                gccPresent = false;
            }
        }
        return gccPresent;
    }

    private static void build(Path sources, Path out, String source, String library, String lib) {
        Path target = out.resolve(library);
        try {
            Path input = sources.resolve(source);
            Path header = sources.resolve("fake_common.h");
            if (Files.exists(target)
                    && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(input)) > 0
                    && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(header)) > 0) {
                return;
            }
            Files.createDirectories(out);
            Path temporary = Files.createTempFile(out, "build-", ".so");
            List<String> command = new ArrayList<>(List.of("gcc", "-O2", "-shared", "-fPIC", "-Wall",
                    "-I", sources.toString(), "-o", temporary.toString(), input.toString(), lib));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                Files.deleteIfExists(temporary);
                throw new IllegalStateException("gcc failed: " + String.join(" ", command) + "\n" + log);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
