package dev.presso.plugins.tensorcpu.internal.linalg;

import dev.presso.plugins.tensorcpu.internal.gemm.Sgemm;
import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Timing harness (not a test): median milliseconds of the decompositions for the selected
 * implementation, next to numpy's in the same run.
 *
 * <p>Arguments: {@code native|java [reps]}. Run with {@code --enable-native-access=ALL-UNNAMED}.
 */
public final class LinalgTimingMain {
    private static final String NUMPY = """
            import numpy as np, time, sys
            reps = int(sys.argv[1])
            rng = np.random.default_rng(0)
            def med(f):
                f()
                ts = []
                for _ in range(reps):
                    t = time.perf_counter(); f(); ts.append((time.perf_counter() - t) * 1e3)
                return sorted(ts)[len(ts) // 2]
            a = rng.standard_normal((1024, 1024), dtype=np.float32)
            t = rng.standard_normal((4096, 1024), dtype=np.float32)
            spd = a @ a.T + 1024 * np.eye(1024, dtype=np.float32)
            sym = (a + a.T) / 2
            print('svd 1024x1024 thin', med(lambda: np.linalg.svd(a, full_matrices=False)))
            print('svd 4096x1024 thin', med(lambda: np.linalg.svd(t, full_matrices=False)))
            print('cholesky 1024', med(lambda: np.linalg.cholesky(spd)))
            print('eigh 1024', med(lambda: np.linalg.eigh(sym)))
            print('qr 1024', med(lambda: np.linalg.qr(a)))
            """;

    private LinalgTimingMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        boolean useNative = args.length == 0 || args[0].equals("native");
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (WorkerPool pool = new WorkerPool(Runtime.getRuntime().availableProcessors())) {
            Sgemm gemm = new Sgemm(pool);
            DenseLinearAlgebra la = useNative ? LinearAlgebraFactory.create(pool, gemm)
                    : LinearAlgebraFactory.createJava(pool, gemm);
            System.out.println(la.description() + " | " + LinearAlgebraFactory.nativeStatus());
            Random random = new Random(0);
            float[] a = Matrices.random(random, 1024, 1024);
            float[] tall = Matrices.random(random, 4096, 1024);
            float[] spd = Matrices.narrow(Matrices.multiply(a, false, a, true, 1024, 1024, 1024));
            for (int i = 0; i < 1024; i++) {
                spd[i * 1024 + i] += 1024;
            }
            float[] sym = Matrices.mirrorLower(a, 1024);
            float[] u = new float[4096 * 1024];
            float[] s = new float[1024];
            float[] vt = new float[1024 * 1024];
            report("svd 1024x1024 thin", reps, () -> la.svd(a, 1024, 1024, false, u, s, vt));
            report("svd 4096x1024 thin", reps, () -> la.svd(tall, 4096, 1024, false, u, s, vt));
            report("cholesky 1024", reps, () -> la.cholesky(spd, 1024, vt));
            report("eigh 1024", reps, () -> la.eigh(sym, 1024, s, vt));
            report("qr 1024", reps, () -> la.qr(a, 1024, 1024, u, vt));
        }
        Process numpy = new ProcessBuilder("python3", "-c", NUMPY, Integer.toString(reps))
                .redirectErrorStream(true).start();
        String out = new String(numpy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        numpy.waitFor();
        for (String line : out.strip().split("\n")) {
            System.out.println("numpy " + line);
        }
    }

    private static void report(String name, int reps, Runnable op) {
        op.run();
        double[] ms = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t = System.nanoTime();
            op.run();
            ms[r] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-22s %9.1f ms (min %.1f)%n", name, ms[reps / 2], ms[0]);
    }
}
