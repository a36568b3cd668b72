package dev.presso.plugins.tensorcpu.internal.gemm;

import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * Writes finished dot products into C as {@code C = alpha * product + beta * C}, never reading C
 * when {@code beta == 0} (so NaN there is ignored).
 */
final class Epilogue {
    private Epilogue() {}

    /** Stores a full vector of products at {@code c[index]}. */
    static void store(FloatVector product, float alpha, float beta, float[] c, int index) {
        FloatVector scaled = product.mul(alpha);
        if (beta != 0f) {
            scaled = FloatVector.fromArray(SPECIES, c, index)
                    .fma(FloatVector.broadcast(SPECIES, beta), scaled);
        }
        scaled.intoArray(c, index);
    }

    /** Stores one product at {@code c[index]}. */
    static void store(float product, float alpha, float beta, float[] c, int index) {
        float scaled = alpha * product;
        c[index] = beta == 0f ? scaled : Math.fma(beta, c[index], scaled);
    }
}
