package dev.presso.plugins.tensorcuda.bench;

import dev.presso.host.TensorRuntime;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The GPU measurements of {@code gpu/run.sh}, printed as {@code key value} lines the script turns
 * into a table: GEMM TFLOP/s (fp32, tf32, bf16 at 4096 and 8192), SVD of 4096 x 4096, and
 * stories260K evaluation tokens/s on tensor-cuda and tensor-cpu with the logits' largest
 * difference (the reference check: at most 1e-4). Usage:
 * {@code java ... CudaBench <shared-data-folder> [svd-size [gemm-sizes...]]} (defaults 4096, then
 * 4096 and 8192); the system property {@code presso.bench.rows} (default 64) sets how many
 * 256-token sample rows the evaluation runs. Exits 1 if the reference check fails.
 */
public final class CudaBench {
    private CudaBench() {}

    /**
     * Runs every measurement.
     *
     * @param args the shared data folder
     */
    public static void main(String[] args) {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        TensorRuntime.providers().forEach(p -> System.out.println("probe_" + p.name() + " "
                + (p.available() ? "available: " : "unavailable: ") + p.reason()));
        int svdSize = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        int[] sizes = args.length > 2
                ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {4096, 8192};
        try (TensorBackend fp32 = open(Map.of())) {
            for (int n : sizes) {
                System.out.printf("gemm_fp32_%d %.2f%n", n, gemmTflops(fp32, DType.F32, n));
                System.out.printf("gemm_bf16_%d %.2f%n", n, gemmTflops(fp32, DType.BF16, n));
            }
            System.out.printf("svd_seconds %.3f%n", svdSeconds(fp32, svdSize));
        }
        try (TensorBackend tf32 = open(Map.of("cuda.tf32", "true"))) {
            for (int n : sizes) {
                System.out.printf("gemm_tf32_%d %.2f%n", n, gemmTflops(tf32, DType.F32, n));
            }
        }
        int rows = Integer.getInteger("presso.bench.rows", 64);
        ModelRun gpu;
        try (TensorBackend cuda = open(Map.of())) {
            gpu = ModelRun.run(data, cuda, rows);
        }
        ModelRun cpu;
        try (TensorBackend host = TensorRuntime.openBackend(Optional.of("cpu"), BackendOptions.defaults())) {
            cpu = ModelRun.run(data, host, rows);
        }
        double tokens = rows * (double) ModelRun.ROW_LENGTH;
        System.out.printf("eval_tokens_per_s_cuda %.0f%n", tokens / gpu.seconds());
        System.out.printf("eval_tokens_per_s_cpu %.0f%n", tokens / cpu.seconds());
        double difference = gpu.maxDifference(cpu);
        System.out.printf("logits_max_abs_diff %.3e%n", difference);
        if (!(difference <= 1e-4)) {
            System.out.println("reference_check FAILED");
            System.exit(1);
        }
        System.out.println("reference_check passed");
    }

    private static TensorBackend open(Map<String, String> properties) {
        return TensorRuntime.openBackend(Optional.of("cuda"), new BackendOptions(0, 0, properties));
    }

    private static double gemmTflops(TensorBackend backend, DType dtype, int n) {
        try (DeviceArray a32 = random(backend, n, 1); DeviceArray b32 = random(backend, n, 2);
                DeviceArray a = dtype == DType.F32 ? null : backend.allocate(dtype, Shape.of(n, n));
                DeviceArray b = dtype == DType.F32 ? null : backend.allocate(dtype, Shape.of(n, n));
                DeviceArray c = backend.allocate(DType.F32, Shape.of(n, n))) {
            DeviceArray left = a32;
            DeviceArray right = b32;
            if (a != null && b != null) {
                backend.cast(a32, a);
                backend.cast(b32, b);
                left = a;
                right = b;
            }
            backend.gemm(false, false, 1f, left, right, 0f, c);
            backend.synchronize();
            int iterations = n >= 8192 ? 10 : 30;
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                backend.gemm(false, false, 1f, left, right, 0f, c);
            }
            backend.synchronize();
            double seconds = (System.nanoTime() - start) / 1e9;
            return 2.0 * n * n * (double) n * iterations / seconds / 1e12;
        }
    }

    private static double svdSeconds(TensorBackend backend, int n) {
        try (DeviceArray a = random(backend, n, 3);
                DeviceArray u = backend.allocate(DType.F32, Shape.of(n, n));
                DeviceArray s = backend.allocate(DType.F32, Shape.of(n));
                DeviceArray vt = backend.allocate(DType.F32, Shape.of(n, n))) {
            try (DeviceArray small = random(backend, 256, 4);
                    DeviceArray su = backend.allocate(DType.F32, Shape.of(256, 256));
                    DeviceArray ss = backend.allocate(DType.F32, Shape.of(256));
                    DeviceArray svt = backend.allocate(DType.F32, Shape.of(256, 256))) {
                backend.svd(small, false, su, ss, svt);
                backend.synchronize();
            }
            long start = System.nanoTime();
            backend.svd(a, false, u, s, vt);
            backend.synchronize();
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static DeviceArray random(TensorBackend backend, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment values = arena.allocate(ValueLayout.JAVA_FLOAT, (long) n * n);
            for (long i = 0; i < (long) n * n; i++) {
                values.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (random.nextDouble() * 2 - 1));
            }
            return backend.upload(values, DType.F32, Shape.of(n, n));
        }
    }
}
