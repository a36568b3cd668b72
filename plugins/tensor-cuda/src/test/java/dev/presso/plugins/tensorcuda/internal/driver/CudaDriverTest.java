package dev.presso.plugins.tensorcuda.internal.driver;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.plugins.tensorcuda.fake.FakeCuda;
import dev.presso.plugins.tensorcuda.internal.kernels.KernelArg;
import dev.presso.plugins.tensorcuda.internal.kernels.LaunchShape;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver bindings against the fake libcuda: marshalling, statuses, JIT logs, discovery. */
class CudaDriverTest {
    private static final String PTX = """
            .version 9.0
            .target sm_80
            .address_size 64
            .visible .entry probe_args(.param .u64 out, .param .u32 i, .param .u64 l, .param .f32 f)
            { ret; }
            """;

    private CudaDriver driver;
    private long stream;

    @BeforeEach
    void bind() {
        driver = new CudaDriver(FakeCuda.search().load(CudaDriver.SONAME));
        FakeCuda.reset();
        driver.init();
        driver.setCurrentContext(driver.retainPrimaryContext(driver.device(0)));
        stream = driver.createStream(CudaDriver.STREAM_NON_BLOCKING);
    }

    @Test
    void devicesAndVersionAreRead() {
        assertEquals(13000, driver.driverVersion());
        assertEquals(1, driver.deviceCount());
        assertEquals("Fake GPU 0", driver.deviceName(driver.device(0)));
        assertEquals(9, driver.attribute(CudaDriver.ATTRIBUTE_CC_MAJOR, 0));
        assertTrue(driver.hasStreamOrderedAllocation());
        long[] info = driver.memoryInfo();
        assertTrue(info[0] > 0 && info[1] >= info[0]);
        driver.releasePrimaryContext(0);
    }

    @Test
    void memoryRoundTripsThroughCopiesAndMemset() {
        long before = FakeCuda.liveAllocations();
        long a = driver.allocateAsync(16, stream);
        long b = driver.allocate(16);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocateFrom(JAVA_INT, 1, 2, 3, 4);
            driver.copyToDevice(a, host, 16, stream);
            driver.copyOnDevice(b, a, 16, stream);
            driver.setWords(a, 7, 2, stream);
            MemorySegment back = arena.allocate(16);
            driver.copyToHost(back, b, 16, stream);
            driver.synchronizeStream(stream);
            assertArrayEquals(new int[] {1, 2, 3, 4}, back.toArray(JAVA_INT));
            driver.copyToHost(back, a, 16, stream);
            assertArrayEquals(new int[] {7, 7, 3, 4}, back.toArray(JAVA_INT));
        }
        assertEquals(before + 2, FakeCuda.liveAllocations());
        driver.freeAsync(a, stream);
        driver.free(b);
        assertEquals(before, FakeCuda.liveAllocations());
    }

    @Test
    void aFailedCallCarriesItsCodeNameAndDescription() {
        FakeCuda.failNextDriverCall("cuMemAlloc_v2", 2);
        CudaException e = assertThrows(CudaException.class, () -> driver.allocate(64));
        assertEquals(2, e.code());
        assertEquals("CUDA_ERROR_OUT_OF_MEMORY", e.statusName());
        assertEquals("cuMemAlloc_v2", e.op());
        assertTrue(e.getMessage().contains("out of memory"), e.getMessage());
        FakeCuda.failNextDriverCall("cuLaunchKernel", 719);
        long module = driver.loadModule(text(PTX));
        FakeCuda.setKernelLibrary(FakeCuda.compile("probe_kernel.c", "libprobe_kernel.so"));
        long function = driver.function(module, "probe_args");
        CudaException launch = assertThrows(CudaException.class,
                () -> driver.launch(function, LaunchShape.linear(1, 1), stream));
        assertEquals("CUDA_ERROR_LAUNCH_FAILED", launch.statusName());
        assertEquals("unspecified launch failure", launch.getMessage()
                .substring(launch.getMessage().indexOf("): ") + 3));
    }

    @Test
    void anUnknownStatusStillGetsAName() {
        assertEquals("CUDA_ERROR_12345", driver.errorName(12345));
        assertEquals("unknown error", driver.errorString(12345));
    }

    @Test
    void badPtxPutsTheJitErrorLogIntoTheException() {
        CudaException e = assertThrows(CudaException.class,
                () -> driver.loadModule(text("this is not ptx")));
        assertEquals(218, e.code());
        assertEquals("CUDA_ERROR_INVALID_PTX", e.statusName());
        assertTrue(e.getMessage().contains("JIT error log: ptxas fatal"), e.getMessage());
        assertTrue(e.getMessage().contains("this is not PTX"), e.getMessage());
    }

    @Test
    void launchesMarshalEveryParameterTypeAndTheGeometry() throws Throwable {
        Path probe = FakeCuda.compile("probe_kernel.c", "libprobe_kernel.so");
        FakeCuda.setKernelLibrary(probe);
        long module = driver.loadModule(text(PTX));
        long function = driver.function(module, "probe_args");
        long out = driver.allocate(4);
        driver.launch(function, new LaunchShape(3, 2, 1, 32, 4, 1, 128), stream,
                new KernelArg.Pointer(out), new KernelArg.I32(-7), new KernelArg.I64(1L << 40),
                new KernelArg.F32(0.5f));
        SymbolLookup lib = SymbolLookup.libraryLookup(probe, Arena.global());
        Linker linker = Linker.nativeLinker();
        int i32 = (int) linker.downcallHandle(lib.find("probe_last_i32").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT)).invokeExact();
        long i64 = (long) linker.downcallHandle(lib.find("probe_last_i64").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG)).invokeExact();
        float f32 = (float) linker.downcallHandle(lib.find("probe_last_f32").orElseThrow(),
                FunctionDescriptor.of(JAVA_FLOAT)).invokeExact();
        var geometry = linker.downcallHandle(lib.find("probe_last_geometry").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        int[] shape = new int[7];
        for (int i = 0; i < 7; i++) {
            shape[i] = (int) geometry.invokeExact(i);
        }
        assertEquals(-7, i32);
        assertEquals(1L << 40, i64);
        assertEquals(0.5f, f32);
        assertArrayEquals(new int[] {3, 2, 1, 32, 4, 1, 128}, shape);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment back = arena.allocate(4);
            driver.copyToHost(back, out, 4, stream);
            assertEquals(-7f + (1L << 40) + 0.5f, back.get(JAVA_FLOAT, 0));
        }
        driver.free(out);
        driver.unloadModule(module);
    }

    @Test
    void anUnknownKernelIsNotFoundByName() {
        long module = driver.loadModule(text(PTX));
        CudaException e = assertThrows(CudaException.class, () -> driver.function(module, "nope"));
        assertEquals("CUDA_ERROR_NOT_FOUND", e.statusName());
        assertTrue(e.getMessage().contains("kernel 'nope'"), e.getMessage());
        driver.unloadModule(module);
    }

    @Test
    void aMissingLibraryListsEveryPathTried(@TempDir Path empty) {
        LibrarySearch search = new LibrarySearch(List.of(empty), true,
                List.of(empty.resolve("lib64")));
        MissingLibraryException e = assertThrows(MissingLibraryException.class,
                () -> search.load("libcuda-absent.so.1"));
        assertEquals(List.of(empty.resolve("libcuda-absent.so.1") + " (absent)",
                e.tried().get(1), empty.resolve("lib64/libcuda-absent.so.1") + " (absent)"),
                e.tried());
        assertTrue(e.tried().get(1).startsWith("libcuda-absent.so.1 (dynamic loader: "),
                e.tried().get(1));
        assertTrue(e.getMessage().contains("libcuda-absent.so.1 not found (tried: "), e.getMessage());
    }

    @Test
    void thePropertyDirectoriesAreSearchedFirst() {
        String previous = System.getProperty(LibrarySearch.PROPERTY);
        System.setProperty(LibrarySearch.PROPERTY, FakeCuda.directory() + ":/opt/elsewhere");
        try {
            LibrarySearch search = LibrarySearch.standard();
            assertEquals(List.of(FakeCuda.directory(), Path.of("/opt/elsewhere")),
                    search.directoriesFirst());
            assertEquals(FakeCuda.search().load(CudaDriver.SONAME), search.load(CudaDriver.SONAME),
                    "the same loaded library");
        } finally {
            if (previous == null) {
                System.clearProperty(LibrarySearch.PROPERTY);
            } else {
                System.setProperty(LibrarySearch.PROPERTY, previous);
            }
        }
    }

    @Test
    void theStandardSearchLooksInTheUsualCudaFolders() {
        LibrarySearch search = LibrarySearch.standard();
        assertTrue(search.trySoname());
        assertTrue(search.directoriesAfter().contains(Path.of("/usr/local/cuda/lib64")));
        assertTrue(search.directoriesAfter().contains(
                Path.of("/usr/local/cuda/targets/x86_64-linux/lib")));
    }

    private static MemorySegment text(String ptx) {
        return Arena.ofAuto().allocateFrom(ptx);
    }
}
