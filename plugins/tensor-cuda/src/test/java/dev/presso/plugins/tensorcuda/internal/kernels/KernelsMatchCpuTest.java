package dev.presso.plugins.tensorcuda.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.HashSpec;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.UnaryOp;
import dev.presso.tck.TensorBackendTestKit;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CUDA kernels, compiled for the host, against tensor-cpu on random inputs: bit for bit
 * where both compute the same operations in the same order (element-wise functions built from
 * the same exp polynomial, comparisons, layout, gathers, the ordered scatter-adds, top-k,
 * casts, quantization), and within 2e-6 where the summation order differs (softmax, RMSNorm,
 * sums, the Walsh-Hadamard transform). Shapes include odd sizes, broadcasting and more loop
 * dimensions than one launch takes.
 */
class KernelsMatchCpuTest {
    private static final double SUMMATION = 2e-6;
    /**
     * Operations rounded differently: through libm (LOG, TANH, GELU), or RSQRT, which the CUDA
     * kernel rounds once from double while tensor-cpu's vector lanes round twice in float.
     */
    private static final Set<UnaryOp> LIBM = EnumSet.of(UnaryOp.LOG, UnaryOp.TANH, UnaryOp.GELU,
            UnaryOp.RSQRT);

    private static TensorBackend cpu;
    private static HostKernelBackend host;
    private long seed = 1;

    @BeforeAll
    static void open() {
        assumeTrue(HostKernels.compilerAvailable(), "g++ is not installed");
        cpu = TensorBackendTestKit.openProvider("cpu");
        host = new HostKernelBackend(HostKernels.library());
    }

    @AfterAll
    static void close() {
        if (host != null) {
            host.close();
            cpu.close();
        }
    }

    @AfterEach
    void everyTemporaryIsFreed() {
        assertEquals(0, host.memory().liveTemporaries(), "temporaries left allocated");
    }

    private Twins twins() {
        return new Twins(cpu, host, seed++);
    }

    @Test
    void unaryOperations() {
        for (UnaryOp op : UnaryOp.values()) {
            Twins twins = twins().gaussian(3, 37).zeros(DType.F32, 3, 37);
            if (LIBM.contains(op)) {
                twins.close("unary " + op, 1e-7, (b, a) -> b.unary(op, a[0], a[1]));
            } else {
                twins.exact("unary " + op, (b, a) -> b.unary(op, a[0], a[1]));
            }
            twins().bits(DType.F32, 301).zeros(DType.F32, 301).close("unary " + op + " on any bits",
                    LIBM.contains(op) ? 1e-7 : 0, (b, a) -> b.unary(op, a[0], a[1]));
        }
    }

    @Test
    void binaryOperationsWithBroadcasting() {
        long[][][] shapes = {
            {{4099}, {4099}, {4099}},
            {{5, 1, 7}, {3, 1}, {5, 3, 7}},
            {{1}, {6, 5}, {6, 5}},
            {{2, 1, 3, 1, 2, 1, 3, 1}, {4, 1, 2, 1, 3, 1, 2}, {2, 4, 3, 2, 2, 3, 3, 2}},
        };
        for (BinaryOp op : BinaryOp.values()) {
            for (long[][] s : shapes) {
                Twins twins = twins().fewValues(true, s[0]).gaussian(s[1]).zeros(DType.F32, s[2]);
                twins.close("binary " + op, op == BinaryOp.POW ? 1e-7 : 0,
                        (b, a) -> b.binary(op, a[0], a[1], a[2]));
            }
            twins().gaussian(9, 31).zeros(DType.F32, 9, 31).close("scalar " + op,
                    op == BinaryOp.POW ? 1e-7 : 0, (b, a) -> b.scalar(op, a[0], 0.75f, a[1]));
        }
    }

    @Test
    void clampAndFill() {
        twins().fewValues(true, 17, 3).zeros(DType.F32, 17, 3)
                .exact("clamp", (b, a) -> b.clamp(a[0], -1f, 0.5f, a[1]));
        twins().zeros(DType.F32, 1000).zeros(DType.I32, 7, 3).exact("fill", (b, a) -> {
            b.fill(a[0], -2.5f);
            b.fill(a[1], -2.5f);
        });
    }

    @Test
    void reductionsOverAnyAxes() {
        long[][][] cases = {
            {{6, 37}, {6, 1}}, {{6, 37}, {1, 37}}, {{6, 37}, {1, 1}}, {{4, 5, 6, 7}, {4, 1, 6, 1}},
            {{4, 5, 6, 7}, {1, 5, 1, 7}}, {{3, 1, 5}, {3, 1, 5}}, {{0, 3}, {1, 3}}, {{2, 0}, {2, 1}},
        };
        for (ReduceOp op : ReduceOp.values()) {
            for (long[][] c : cases) {
                Twins twins = twins().uniform(0.5, 1.5, c[0]).zeros(DType.F32, c[1]);
                twins.close("reduce " + op, op == ReduceOp.MAX || op == ReduceOp.MIN ? 0 : SUMMATION,
                        (b, a) -> b.reduce(op, a[0], a[1]));
            }
        }
    }

    @Test
    void argMaxTakesTheFirstMaximumOrTheFirstNaN() {
        twins().fewValues(false, 33, 300).zeros(DType.I32, 33).exact("argMax",
                (b, a) -> b.argMax(a[0], a[1]));
        twins().fewValues(true, 33, 300).zeros(DType.I32, 33).exact("argMax with NaN",
                (b, a) -> b.argMax(a[0], a[1]));
    }

    @Test
    void layoutKernels() {
        twins().bits(DType.F16, 3, 5, 7, 2).zeros(DType.F16, 7, 3, 2, 5).exact("permute",
                (b, a) -> b.permute(a[0], new int[] {2, 0, 3, 1}, a[1]));
        twins().bits(DType.U8, 2, 3, 2, 3, 2, 3, 2, 3).zeros(DType.U8, 3, 2, 3, 2, 3, 2, 3, 2)
                .exact("permute of 8 axes", (b, a) -> b.permute(a[0],
                        new int[] {7, 6, 5, 4, 3, 2, 1, 0}, a[1]));
        twins().gaussian(4, 12, 3).zeros(DType.F32, 4, 9, 3).exact("copySlice",
                (b, a) -> b.copySlice(a[0], a[1], 1, 4, 2, 6));
        twins().bits(DType.I4, 11, 3).zeros(DType.I4, 33).exact("copy packed",
                (b, a) -> b.copy(a[0], a[1]));
    }

    @Test
    void rowKernels() {
        twins().gaussian(7, 1000).zeros(DType.F32, 7, 1000).close("softmax", SUMMATION,
                (b, a) -> b.softmax(a[0], a[1]));
        twins().gaussian(7, 33).zeros(DType.F32, 7, 33).close("logSoftmax", SUMMATION,
                (b, a) -> b.logSoftmax(a[0], a[1]));
        twins().gaussian(5, 3, 96).gaussian(96).zeros(DType.F32, 5, 3, 96).close("rmsNorm",
                SUMMATION, (b, a) -> b.rmsNorm(a[0], a[1], 1e-5f, a[2]));
        for (boolean inverse : new boolean[] {false, true}) {
            twins().gaussian(2, 5, 3, 10).gaussian(5, 5).gaussian(5, 5).zeros(DType.F32, 2, 5, 3, 10)
                    .exact("rope", (b, a) -> b.rope(a[0], a[1], a[2], inverse, a[3]));
        }
        for (int block : new int[] {1, 2, 64, 8192}) {
            twins().gaussian(3, 16384).zeros(DType.F32, 3, 16384).close("fwht " + block, SUMMATION,
                    (b, a) -> b.fwht(a[0], block, 0.125f, a[1]));
        }
    }

    @Test
    void indexKernels() {
        twins().gaussian(50, 7).ints(50, 3, 11).zeros(DType.F32, 3, 11, 7).exact("gather",
                (b, a) -> b.gather(a[0], a[1], a[2]));
        twins().gaussian(3, 11, 7).ints(5, 3, 11).gaussian(5, 7).exact("scatterAdd",
                (b, a) -> b.scatterAdd(a[0], a[1], a[2]));
        twins().gaussian(37).zeros(DType.F32, 13, 29).exact("hashGather",
                (b, a) -> b.hashGather(a[0], new HashSpec(42), a[1]));
        for (int buckets : new int[] {1, 7, 5000}) {
            twins().gaussian(61, 47).gaussian(buckets).exact("hashScatterAdd into " + buckets,
                    (b, a) -> b.hashScatterAdd(a[0], new HashSpec(-7), a[1]));
        }
        for (int k : new int[] {1, 5, 40}) {
            twins().fewValues(true, 9, 40).zeros(DType.F32, 9, k).zeros(DType.I32, 9, k)
                    .exact("topK " + k, (b, a) -> b.topK(a[0], k, a[1], a[2]));
        }
        int large = IndexOps.ROUNDS_UP_TO_K + 1;
        twins().fewValues(true, 4, 700).zeros(DType.F32, 4, large).zeros(DType.I32, 4, large)
                .exact("topK " + large + " with a heap per row",
                        (b, a) -> b.topK(a[0], large, a[1], a[2]));
        twins().gaussian(2, 5000).zeros(DType.F32, 2, 3).zeros(DType.I32, 2, 3)
                .exact("topK of long rows", (b, a) -> b.topK(a[0], 3, a[1], a[2]));
    }

    @Test
    void indicesOutsideTheTableAreNamed() {
        try (DeviceArray table = host.fromFloats(new float[12], Shape.of(4, 3));
                DeviceArray indices = host.fromInts(new int[] {0, 3, 4, -1}, Shape.of(4));
                DeviceArray out = host.allocate(DType.F32, Shape.of(4, 3))) {
            TensorException e = assertThrows(TensorException.class,
                    () -> host.gather(table, indices, out));
            assertEquals("gather: indices[2] = 4 is outside the table's rows [0, 4)",
                    e.getMessage());
        }
    }

    @Test
    void castsBetweenEveryPair() {
        DType[] castable = {DType.F32, DType.F16, DType.BF16, DType.I32, DType.I8, DType.U8};
        for (DType from : castable) {
            for (DType to : castable) {
                twins().bits(from, 7, 41).zeros(to, 7, 41).exact("cast " + from + " -> " + to,
                        (b, a) -> b.cast(a[0], a[1]));
                if (from == DType.F32) {
                    twins().gaussian(7, 41).zeros(to, 7, 41).exact("cast of normal floats to "
                            + to, (b, a) -> b.cast(a[0], a[1]));
                }
            }
        }
    }

    @Test
    void quantizeAndDequantizeEveryWidth() {
        for (DType codes : new DType[] {DType.I1, DType.I2, DType.I4, DType.U8}) {
            twins().gaussian(5, 36).gaussian(5, 4).gaussian(5, 4).zeros(codes, 5, 36)
                    .zeros(DType.F32, 5, 36).exact("quantize and dequantize " + codes, (b, a) -> {
                        b.quantize(a[0], a[1], a[2], a[3]);
                        b.dequantize(a[3], a[1], a[2], a[4]);
                    });
            twins().gaussian(3, 7).gaussian(3, 1).gaussian(3, 1).zeros(codes, 3, 7)
                    .exact("quantize of odd rows " + codes, (b, a) -> b.quantize(a[0], a[1], a[2],
                            a[3]));
        }
    }
}
