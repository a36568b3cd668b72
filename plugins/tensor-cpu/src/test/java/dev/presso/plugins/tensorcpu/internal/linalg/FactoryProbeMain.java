package dev.presso.plugins.tensorcpu.internal.linalg;

import dev.presso.plugins.tensorcpu.internal.gemm.Sgemm;
import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;

/**
 * Run in a child JVM by {@link LinearAlgebraFactoryFallbackTest}: prints whether the factory's
 * choice is native, the load status, and the singular values of {@code [[3, 0], [4, 5]]}.
 */
final class FactoryProbeMain {
    private FactoryProbeMain() {
    }

    public static void main(String[] args) {
        try (WorkerPool pool = new WorkerPool(1)) {
            DenseLinearAlgebra algebra = LinearAlgebraFactory.create(pool, new Sgemm(pool));
            float[] s = new float[2];
            algebra.svd(new float[] {3, 0, 4, 5}, 2, 2, false, new float[4], s, new float[4]);
            System.out.println("native=" + algebra.isNative());
            System.out.println("status=" + LinearAlgebraFactory.nativeStatus());
            System.out.println("s=" + s[0] * s[0] + "," + s[1] * s[1]);
        }
    }
}
