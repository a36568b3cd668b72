package dev.presso.plugins.tensorcpu.internal.gemm;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/**
 * One randomly filled product problem, with stored operands surrounded by padding, and its
 * float64 reference.
 */
final class GemmCase {
    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;
    final float alpha;
    final float beta;
    final float[] a;
    final float[] b;
    final float[] c;
    final int aOffset;
    final int bOffset;
    final int cOffset;
    final int lda;
    final int ldb;
    final int ldc;
    private final float[] initialC;

    GemmCase(Random random, boolean transA, boolean transB, int m, int n, int k, float alpha,
            float beta, int padding) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        this.lda = aCols + random.nextInt(padding + 1);
        this.ldb = bCols + random.nextInt(padding + 1);
        this.ldc = n + random.nextInt(padding + 1);
        this.aOffset = random.nextInt(padding + 1);
        this.bOffset = random.nextInt(padding + 1);
        this.cOffset = random.nextInt(padding + 1);
        this.a = randomArray(random, aOffset + aRows * lda + padding);
        this.b = randomArray(random, bOffset + bRows * ldb + padding);
        this.c = randomArray(random, cOffset + m * ldc + padding);
        this.initialC = c.clone();
    }

    /** Runs the product under test on this case's arrays. */
    void run(Sgemm gemm) {
        gemm.multiply(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                cOffset, ldc);
    }

    /** Returns {@code op(A)[i][p]}. */
    float a(int i, int p) {
        return transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
    }

    /** Returns {@code op(B)[p][j]}. */
    float b(int p, int j) {
        return transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
    }

    /**
     * Checks every element of C against a float64 reference within a bound relative to the
     * magnitudes summed, and checks that the padding around C is untouched.
     */
    void verify() {
        double unit = Math.ulp(1f);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double term = (double) a(i, p) * b(p, j);
                    sum += term;
                    magnitude += Math.abs(term);
                }
                int index = cOffset + i * ldc + j;
                double old = beta == 0f ? 0 : (double) beta * initialC[index];
                double expected = alpha * sum + old;
                double bound = (k + 4) * unit * (Math.abs(alpha) * magnitude + Math.abs(old))
                        + Float.MIN_NORMAL;
                if (!(Math.abs(c[index] - expected) <= bound)) {
                    fail(describe() + ": C[" + i + "][" + j + "] = " + c[index] + ", expected "
                            + expected + " within " + bound);
                }
            }
        }
        for (int index = 0; index < c.length; index++) {
            int rel = index - cOffset;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside && Float.floatToRawIntBits(c[index])
                    != Float.floatToRawIntBits(initialC[index])) {
                fail(describe() + ": wrote outside C at array index " + index);
            }
        }
    }

    String describe() {
        return "gemm(transA=" + transA + ", transB=" + transB + ", m=" + m + ", n=" + n + ", k="
                + k + ", alpha=" + alpha + ", beta=" + beta + ", lda=" + lda + ", ldb=" + ldb
                + ", ldc=" + ldc + ", offsets=" + aOffset + "/" + bOffset + "/" + cOffset + ")";
    }

    private static float[] randomArray(Random random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (random.nextGaussian());
        }
        return values;
    }
}
