package dev.presso.benchmarks.jmh;

import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorProvider;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square fp32 {@code gemm} on the {@code cpu} provider, opened through the SPI. The score is the
 * time per call; GFLOP/s is {@code 2 n^3 / time}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "--enable-native-access=ALL-UNNAMED"})
public class GemmBenchmark {
    /** The matrix size. */
    @Param({"256", "512", "1024", "2048"})
    public int n;

    /** The transposition of the operands: {@code nn}, {@code nt}, {@code tn} or {@code tt}. */
    @Param({"nn", "nt"})
    public String layout;

    private @Nullable TensorBackend backend;
    private @Nullable DeviceArray a;
    private @Nullable DeviceArray b;
    private @Nullable DeviceArray c;

    /** Opens the backend and fills the operands. */
    @Setup(Level.Trial)
    public void open() {
        TensorBackend opened = ServiceLoader.load(TensorProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("cpu")).findFirst()
                .orElseThrow(() -> new TensorException("open", "no 'cpu' tensor provider"))
                .open(BackendOptions.defaults());
        backend = opened;
        a = opened.fromFloats(gaussian(n * n, 1), Shape.of(n, n));
        b = opened.fromFloats(gaussian(n * n, 2), Shape.of(n, n));
        c = opened.allocate(DType.F32, Shape.of(n, n));
    }

    /** One product. */
    @Benchmark
    public void gemm() {
        requireNonNull(backend).gemm(layout.charAt(0) == 't', layout.charAt(1) == 't', 1f,
                requireNonNull(a), requireNonNull(b), 0f, requireNonNull(c));
    }

    /** Releases the arrays and the backend. */
    @TearDown(Level.Trial)
    public void close() {
        requireNonNull(a).close();
        requireNonNull(b).close();
        requireNonNull(c).close();
        requireNonNull(backend).close();
    }

    private static <T> T requireNonNull(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("benchmark state is not set up");
        }
        return value;
    }

    private static float[] gaussian(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
