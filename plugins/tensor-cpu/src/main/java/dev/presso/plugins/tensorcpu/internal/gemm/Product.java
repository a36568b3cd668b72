package dev.presso.plugins.tensorcpu.internal.gemm;

/**
 * The arguments of one call, {@code C = alpha * op(A) * op(B) + beta * C}, validated.
 *
 * @param a the left operand, {@code m x k} after {@code op}
 * @param b the right operand, {@code k x n} after {@code op}
 * @param c the output array
 * @param cOffset the index of {@code C[0][0]}
 * @param ldc the row stride of C
 * @param m the rows of C
 * @param n the columns of C
 * @param k the shared dimension
 * @param alpha the product's scale
 * @param beta the scale of C's previous contents; 0 ignores them
 */
record Product(Operand a, Operand b, float[] c, int cOffset, int ldc, int m, int n, int k,
        float alpha, float beta) {}
