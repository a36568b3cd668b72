package dev.presso.plugins.tensorcuda.internal.driver;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.plugins.tensorcuda.fake.FakeCuda;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cuBLAS bindings against the fake column-major reference. */
class CuBlasTest {
    private final Arena arena = Arena.ofConfined();
    private CudaDriver driver;
    private CuBlas blas;
    private long stream;

    @BeforeEach
    void open() {
        driver = new CudaDriver(FakeCuda.search().load(CudaDriver.SONAME));
        FakeCuda.reset();
        driver.init();
        driver.setCurrentContext(driver.retainPrimaryContext(driver.device(0)));
        stream = driver.createStream(CudaDriver.STREAM_NON_BLOCKING);
        blas = new CuBlas(FakeCuda.search().load(CuBlas.SONAME));
        blas.setStream(stream);
        blas.setMathMode(CuBlas.DEFAULT_MATH);
    }

    @AfterEach
    void close() {
        blas.close();
        driver.destroyStream(stream);
        driver.releasePrimaryContext(0);
        arena.close();
    }

    @Test
    void rowMajorProductBySwappingTheOperands() {
        float[] a = {1, 2, 3, 4, 5, 6};          // [2, 3]
        float[] b = {1, 0, 2, 1, 0, 1, 3, 1, 1, 0, 2, 2}; // [3, 4]
        long da = upload(a);
        long db = upload(b);
        long dc = upload(new float[8]);
        blas.sgemm(CuBlas.OP_N, CuBlas.OP_N, 4, 2, 3, 1f, db, 4, da, 3, 0f, dc, 4);
        assertArrayEquals(reference(a, b, 2, 3, 4), download(dc, 8));
    }

    @Test
    void bf16OperandsAccumulateInFloat() {
        float[] a = {1.5f, -2f, 0.25f, 3f};  // [2, 2], exact in bf16
        float[] b = {2f, 1f, -1f, 0.5f};
        long da = uploadBf16(a);
        long db = uploadBf16(b);
        long dc = upload(new float[4]);
        blas.gemmEx(CuBlas.OP_N, CuBlas.OP_N, 2, 2, 2, 1f, db, CuBlas.R_16BF, 2, da, 2, 0f, dc, 2,
                CuBlas.COMPUTE_32F);
        assertArrayEquals(reference(a, b, 2, 2, 2), download(dc, 4));
        blas.gemmStridedBatched(CuBlas.OP_N, CuBlas.OP_N, 2, 2, 2, 1f, db, CuBlas.R_16BF, 2, 0, da,
                2, 0, 1f, dc, 2, 0, 1, CuBlas.COMPUTE_32F);
        float[] twice = reference(a, b, 2, 2, 2);
        for (int i = 0; i < 4; i++) {
            twice[i] *= 2;
        }
        assertArrayEquals(twice, download(dc, 4));
    }

    @Test
    void transposeSolveAndScale() {
        long da = upload(new float[] {1, 2, 3, 4, 5, 6});  // column-major 2 x 3
        long dt = upload(new float[6]);
        blas.copyTransposed(CuBlas.OP_T, 3, 2, da, 2, dt, 3);
        assertArrayEquals(new float[] {1, 3, 5, 2, 4, 6}, download(dt, 6));
        long tri = upload(new float[] {2, 1, Float.NaN, 4}); // lower [[2, 0], [1, 4]], column-major
        long rhs = upload(new float[] {2, 9});
        blas.solveTriangular(CuBlas.SIDE_LEFT, CuBlas.FILL_LOWER, CuBlas.OP_N, 2, 1, tri, 2, rhs, 2);
        assertArrayEquals(new float[] {1, 2}, download(rhs, 2));
        blas.scale(2, -0.5f, rhs);
        assertArrayEquals(new float[] {-0.5f, -1f}, download(rhs, 2));
    }

    @Test
    void aFailedStatusBecomesACudaExceptionWithItsName() {
        FakeCuda.failNextBlasCall("cublasGemmEx", 15);
        CudaException e = assertThrows(CudaException.class, () -> blas.gemmEx(CuBlas.OP_N,
                CuBlas.OP_N, 1, 1, 1, 1f, 0, CuBlas.R_16F, 1, 0, 1, 0f, 0, 1, CuBlas.COMPUTE_32F));
        assertEquals(15, e.code());
        assertEquals("CUBLAS_STATUS_NOT_SUPPORTED", e.statusName());
        assertTrue(e.getMessage().startsWith("cublasGemmEx: CUBLAS_STATUS_NOT_SUPPORTED (15)"),
                e.getMessage());
        CudaException invalid = assertThrows(CudaException.class,
                () -> blas.sgemm(CuBlas.OP_N, CuBlas.OP_N, 4, 4, 4, 1f, 0, 1, 0, 1, 0f, 0, 1));
        assertEquals("CUBLAS_STATUS_INVALID_VALUE", invalid.statusName());
    }

    private static float[] reference(float[] a, float[] b, int m, int k, int n) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = (float) sum;
            }
        }
        return c;
    }

    private long upload(float[] values) {
        MemorySegment host = arena.allocateFrom(JAVA_FLOAT, values);
        long device = driver.allocate(host.byteSize());
        driver.copyToDevice(device, host, host.byteSize(), stream);
        return device;
    }

    private long uploadBf16(float[] values) {
        MemorySegment host = arena.allocate(JAVA_SHORT, values.length);
        for (int i = 0; i < values.length; i++) {
            host.setAtIndex(JAVA_SHORT, i, (short) (Float.floatToRawIntBits(values[i]) >>> 16));
        }
        long device = driver.allocate(host.byteSize());
        driver.copyToDevice(device, host, host.byteSize(), stream);
        return device;
    }

    private float[] download(long device, int count) {
        MemorySegment host = arena.allocate(JAVA_FLOAT, count);
        driver.copyToHost(host, device, host.byteSize(), stream);
        driver.synchronizeStream(stream);
        return host.toArray(JAVA_FLOAT);
    }
}
