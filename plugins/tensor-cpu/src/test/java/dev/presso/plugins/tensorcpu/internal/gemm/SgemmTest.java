package dev.presso.plugins.tensorcpu.internal.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SgemmTest {
    private static final WorkerPool POOL = new WorkerPool(3);
    private static final Sgemm GEMM = new Sgemm(POOL);

    @AfterAll
    static void closePool() {
        POOL.close();
    }

    /**
     * Shapes around the tile sizes (8 x 32 on AVX-512), the blocking and the few-row, shallow and
     * narrow paths, on one thread and in parallel.
     */
    static Stream<Arguments> shapes() {
        int[][] mnk = {
            {1, 1, 1}, {1, 37, 5}, {9, 1, 13}, {7, 33, 3}, {8, 32, 1}, {17, 65, 31},
            {172, 172, 172}, {97, 130, 389}, {1, 300, 700}, {250, 3, 300}, {203, 263, 517},
            {96, 1050, 40}, {300, 260, 300}, {3, 200, 77}, {5, 1500, 1100},
            {31, 70, 45}, {32, 33, 64},
            // shallow (k <= 16) and narrow (n <= 16) products at any height: several row
            // blocks, an odd row, N tails; and just past both limits
            {131, 203, 8}, {65, 64, 16}, {257, 8, 300}, {100, 16, 33}, {70, 17, 17},
            // exactly eight columns (NarrowProduct): fewer rows than one group of eight, a
            // partial group after whole ones, a single step of the shared dimension
            {2, 8, 9}, {15, 8, 256}, {129, 8, 1},
        };
        List<Arguments> cases = new ArrayList<>();
        for (int[] s : mnk) {
            for (int t = 0; t < 4; t++) {
                cases.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
    @MethodSource("shapes")
    void matchesFloat64Reference(int m, int n, int k, boolean transA, boolean transB) {
        Random random = new Random(31L * m + 17L * n + k + (transA ? 5 : 0) + (transB ? 7 : 0));
        float[][] scales = {{1f, 0f}, {-0.5f, 1f}, {1.75f, -2.5f}};
        for (float[] s : scales) {
            GemmCase problem = new GemmCase(random, transA, transB, m, n, k, s[0], s[1], 5);
            problem.run(GEMM);
            problem.verify();
        }
    }

    @Test
    void packsBInSeveralBlocksWhenItIsLarge() {
        int k = 2100;
        int n = GemmBlocking.PACKED_B_FLOATS / GemmBlocking.evenBlock(k, GemmBlocking.KC) + 70;
        GemmCase problem = new GemmCase(new Random(3), false, true, 11, n, k, 1f, 0.5f, 3);
        problem.run(GEMM);
        problem.verify();
    }

    @Test
    void sameResultOnOneThreadAndOnSeveral() {
        Random random = new Random(11);
        GemmCase problem = new GemmCase(random, false, false, 300, 290, 310, 1f, 0f, 0);
        problem.run(GEMM);
        try (WorkerPool single = new WorkerPool(1)) {
            float[] parallel = problem.c.clone();
            problem.run(new Sgemm(single));
            assertArrayEquals(parallel, problem.c, "blocking must not depend on the threads");
        }
    }

    @Test
    void zeroBetaIgnoresNanInC() {
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        float[] c = {Float.NaN, Float.POSITIVE_INFINITY, Float.NaN, Float.NaN};
        GEMM.multiply(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {19, 22, 43, 50}, c);
    }

    @Test
    void nanAndInfinityInOperandsPropagate() {
        int size = 40;
        float[] a = new float[size * size];
        float[] b = new float[size * size];
        java.util.Arrays.fill(a, 1f);
        java.util.Arrays.fill(b, 1f);
        a[3 * size + 7] = Float.NaN;
        b[5 * size + 30] = Float.POSITIVE_INFINITY;
        float[] c = new float[size * size];
        GEMM.multiply(false, false, size, size, size, 1f, a, 0, size, b, 0, size, 0f, c, 0, size);
        for (int j = 0; j < size; j++) {
            assertTrue(Float.isNaN(c[3 * size + j]), "row 3 holds a NaN of A");
        }
        assertEquals(Float.POSITIVE_INFINITY, c[0 * size + 30]);
        assertEquals(size, c[0], 0f);
        // alpha == 0 is not a shortcut: 0 * NaN is NaN
        float[] d = new float[size * size];
        GEMM.multiply(false, false, size, size, size, 0f, a, 0, size, b, 0, size, 0f, d, 0, size);
        assertTrue(Float.isNaN(d[3 * size]));
        assertEquals(0f, d[0], 0f);
    }

    @Test
    void emptySharedDimensionScalesC() {
        float[] c = {1, 2, 3, Float.NaN, 9};
        GEMM.multiply(false, false, 2, 2, 0, 1f, new float[0], 0, 0, new float[0], 0, 2, 3f, c, 0,
                2);
        assertArrayEquals(new float[] {3, 6, 9, Float.NaN, 9}, c);
        GEMM.multiply(false, false, 2, 2, 0, 1f, new float[0], 0, 0, new float[0], 0, 2, 0f, c, 0,
                2);
        assertArrayEquals(new float[] {0, 0, 0, 0, 9}, c);
    }

    @Test
    void emptyOutputIsANoOp() {
        float[] c = {4};
        GEMM.multiply(false, false, 0, 1, 3, 1f, new float[0], 0, 3, new float[3], 0, 1, 0f, c, 0,
                1);
        assertArrayEquals(new float[] {4}, c);
    }

    @Test
    void rejectsTooSmallStridesAndArrays() {
        float[] a = new float[6];
        float[] b = new float[6];
        float[] c = new float[4];
        TensorException stride = assertThrows(TensorException.class, () -> GEMM.multiply(false,
                false, 2, 2, 3, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2));
        assertTrue(stride.getMessage().startsWith("gemm: a's row stride 2"),
                stride.getMessage());
        TensorException shortC = assertThrows(TensorException.class, () -> GEMM.multiply(false,
                false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 1, 2));
        assertTrue(shortC.getMessage().contains("c is stored as 2 x 2"), shortC.getMessage());
        assertThrows(TensorException.class, () -> GEMM.multiply(false, false, -1, 2, 3, 1f, a, 0,
                3, b, 0, 2, 0f, c, 0, 2));
    }

    @Test
    void concurrentCallersGetCorrectResults() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<GemmCase>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Random random = new Random(100 + t);
                results.add(callers.submit(() -> {
                    GemmCase problem = new GemmCase(random, false, true, 150, 170, 400, 1f, 0f, 2);
                    problem.run(GEMM);
                    return problem;
                }));
            }
            for (Future<GemmCase> result : results) {
                result.get().verify();
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
