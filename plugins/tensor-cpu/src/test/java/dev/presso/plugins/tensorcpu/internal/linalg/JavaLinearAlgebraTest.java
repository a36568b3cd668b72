package dev.presso.plugins.tensorcpu.internal.linalg;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Runs the contract against the pure-Java implementation. */
class JavaLinearAlgebraTest extends DenseLinearAlgebraContract {
    @Override
    DenseLinearAlgebra algebra() {
        return LinearAlgebraFactory.createJava(pool, gemm);
    }

    @Test
    void isNotNative() {
        assertFalse(algebra().isNative());
    }
}
