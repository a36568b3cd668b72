package dev.presso.plugins.tensorcpu.internal.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the contract against the LAPACK implementation. On linux-x86_64 the OpenBLAS natives jar is
 * on the test class path, so native LAPACK must load there; elsewhere the factory's fallback is
 * tested instead.
 */
class NativeLinearAlgebraTest extends DenseLinearAlgebraContract {
    private static boolean bundledPlatform;

    @BeforeAll
    static void detectPlatform() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        bundledPlatform = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    @Override
    DenseLinearAlgebra algebra() {
        return LinearAlgebraFactory.create(pool, gemm);
    }

    @Test
    void loadsNativeLapackWhereTheBundleHasIt() {
        String status = LinearAlgebraFactory.nativeStatus();
        if (bundledPlatform) {
            assertTrue(algebra().isNative(), status);
            assertTrue(status.startsWith("loaded: ") && status.contains("OpenBLAS"), status);
        } else {
            assertTrue(status.startsWith("unavailable: "), status);
        }
    }

    @Test
    void singularValuesAndEigenvaluesAgreeWithThePureJavaImplementation() {
        DenseLinearAlgebra lapack = algebra();
        assumeTrue(lapack.isNative(), LinearAlgebraFactory.nativeStatus());
        DenseLinearAlgebra java = LinearAlgebraFactory.createJava(pool, gemm);
        float[] a = Matrices.random(new Random(11), 90, 70);
        float[] expected = new float[70];
        float[] actual = new float[70];
        java.svd(a, 90, 70, false, new float[90 * 70], expected, new float[70 * 70]);
        lapack.svd(a, 90, 70, false, new float[90 * 70], actual, new float[70 * 70]);
        assertArrayEquals(expected, actual, 1e-5f * expected[0]);
        float[] sym = Matrices.random(new Random(12), 70, 70);
        java.eigh(sym, 70, expected, new float[70 * 70]);
        lapack.eigh(sym, 70, actual, new float[70 * 70]);
        assertArrayEquals(expected, actual, 1e-5f * Math.max(-expected[0], expected[69]));
    }
}
