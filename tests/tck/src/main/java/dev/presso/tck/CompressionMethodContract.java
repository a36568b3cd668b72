package dev.presso.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.tck.internal.MethodWorkbench;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance kit for {@link CompressionMethodProvider}s. A provider passes it in a few lines:
 *
 * <pre>{@code
 * class MyMethodConformanceTest implements CompressionMethodContract {
 *     @Override
 *     public CompressionMethodProvider provider() {
 *         return new MyMethodProvider();
 *     }
 * }
 * }</pre>
 *
 * <p>Methods run on small layers ({@link #shapes()}: by default 8 x 32, 6 x 45 and 24 x 16) whose
 * weights are Gaussian with every 17th entry six times larger, with calibration over 96 correlated
 * input rows (Gram matrix and sample both offered), on a fresh backend per test ({@link
 * #openBackend()}: by default the float64 reference backend of the fixtures, which needs no
 * native code).
 *
 * <h2>What is checked</h2>
 * <ul>
 *   <li>the provider: a non-blank id and description, distinct option names, defaults that
 *       {@code create} accepts, methods whose id is the provider's; an unknown setting refused
 *       with a {@link PressoException} naming it; a nonsense value of any option either accepted
 *       or refused with a {@code PressoException} naming the option, never another exception;</li>
 *   <li>levels: at least one, distinct non-blank names, the same list from every call and every
 *       created method;</li>
 *   <li>cost: positive, the same on every call, never higher for a more compressed level (levels
 *       go from least to most compressed), and exactly the {@code storageBits()} of what
 *       {@code compress} returns;</li>
 *   <li>compress at every level and shape: an operator of the layer's widths whose dense weight
 *       is F32 {@code [out, in]}, whose {@code apply} on 2-D and 3-D inputs matches
 *       {@code x denseWeight^T}, which approximates the weight better than the zero matrix does,
 *       and which leaves the site's weight untouched;</li>
 *   <li>restore: from the payload copied through bytes (as saving does), the operator has the
 *       same widths, size, parameter count and payload, and its dense weight and outputs are
 *       identical bit for bit;</li>
 *   <li>determinism: the same seed gives the same payload, bit for bit;</li>
 *   <li>bad input is a {@code PressoException}: a level the method does not offer (in
 *       {@code costBits} and {@code compress}), a layer of no width, a weight that is not a
 *       matrix, a cancelled run, an empty payload, a payload restored at other widths.</li>
 * </ul>
 *
 * @since 1.0
 */
public interface CompressionMethodContract {
    /** The seed of the contexts the kit compresses with. */
    long SEED = 11;
    /** A level no method offers. */
    Level FOREIGN_LEVEL = new Level("no-such-level-42", 4.2);

    /**
     * Returns the provider under test.
     *
     * @return a provider, fresh or shared
     */
    CompressionMethodProvider provider();

    /**
     * Returns the settings the kit creates methods with; by default none, so every option takes
     * its default.
     *
     * @return the settings
     */
    default Map<String, String> settings() {
        return Map.of();
    }

    /**
     * Opens the backend one test runs on; the kit closes it when the test ends.
     *
     * @return a fresh backend, by default the fixtures' float64 {@link ReferenceBackend}
     */
    default TensorBackend openBackend() {
        return new ReferenceBackend();
    }

    /**
     * Returns the layer shapes {@code {out, in}} the kit compresses.
     *
     * @return the shapes, by default 8 x 32, 6 x 45 (an input width no power of two divides) and
     *     24 x 16 (more outputs than inputs)
     */
    default List<long[]> shapes() {
        return List.of(new long[] {8, 32}, new long[] {6, 45}, new long[] {24, 16});
    }

    /** The provider describes itself and its options, and its defaults create a method. */
    @Test
    default void providerDescribesItselfAndAcceptsItsDefaults() {
        CompressionMethodProvider provider = provider();
        assertFalse(provider.id().isBlank(), "id() must not be blank");
        assertFalse(provider.description().isBlank(), "description() must not be blank");
        Set<String> names = new HashSet<>();
        Map<String, String> defaults = new HashMap<>();
        for (PluginOption option : provider.options()) {
            assertTrue(names.add(option.name()), "option " + option.name() + " is declared twice");
            defaults.put(option.name(), option.defaultValue());
        }
        assertEquals(provider.id(), provider.create(Map.of()).id(), "the method's id must be the provider's");
        assertEquals(provider.id(), provider.create(defaults).id(),
                "every option's default, given explicitly, must be accepted");
        assertEquals(provider.id(), method().id());
    }

    /** An unknown setting is a PressoException that names it. */
    @Test
    default void unknownSettingIsRefusedByName() {
        Map<String, String> settings = new HashMap<>(settings());
        settings.put("no-such-setting-42", "7");
        PressoException e = assertThrows(PressoException.class, () -> provider().create(settings));
        assertTrue(String.valueOf(e.getMessage()).contains("no-such-setting-42"),
                "the message must name the unknown setting: " + e.getMessage());
    }

    /**
     * A nonsense value of an option is accepted or refused by name, never with another exception.
     *
     * @return one test per option
     */
    @TestFactory
    default Stream<DynamicTest> nonsenseValuesAreRefusedByName() {
        return provider().options().stream().map(option -> dynamicTest("nonsense value: " + option.name(), () -> {
            for (String value : List.of("#not a value#", "-1e999", "")) {
                Map<String, String> settings = new HashMap<>(settings());
                settings.put(option.name(), value);
                try {
                    provider().create(settings);
                } catch (PressoException e) {
                    assertTrue(String.valueOf(e.getMessage()).contains(option.name()), "refusing " + option.name()
                            + "=\"" + value + "\" must name the setting: " + e.getMessage());
                }
            }
        }));
    }

    /** Levels exist, have distinct names, and are the same on every call. */
    @Test
    default void levelsAreStableAndDistinct() {
        CompressionMethod method = method();
        List<Level> levels = method.levels();
        assertFalse(levels.isEmpty(), "levels() must not be empty");
        Set<String> names = new HashSet<>();
        for (Level level : levels) {
            assertTrue(names.add(level.name()), "level name " + level.name() + " is used twice in " + levels);
        }
        assertEquals(levels, method.levels(), "levels() must return the same levels on every call");
        assertEquals(levels, method().levels(), "methods created with the same settings must offer the same levels");
    }

    /** Costs are positive, repeatable and never higher for a more compressed level. */
    @Test
    default void costIsPositiveRepeatableAndFallsWithCompression() {
        CompressionMethod method = method();
        for (long[] shape : shapes()) {
            long previous = Long.MAX_VALUE;
            Level previousLevel = null;
            for (Level level : method.levels()) {
                long bits = method.costBits(shape[0], shape[1], level);
                assertTrue(bits > 0, "costBits(" + shape[0] + ", " + shape[1] + ", " + level.name() + ") = " + bits);
                assertEquals(bits, method.costBits(shape[0], shape[1], level), "costBits must be repeatable");
                assertTrue(bits <= previous, "level " + level.name() + " costs " + bits + " bits for " + shape[0]
                        + " x " + shape[1] + ", more than the less compressed level " + previousLevel + " ("
                        + previous + " bits); levels go from least to most compressed");
                previous = bits;
                previousLevel = level;
            }
        }
    }

    /**
     * Every level of every shape compresses into an operator that is the right shape, costs what
     * the cost model says, applies its own dense weight and approximates the layer.
     *
     * @return one test per level and shape
     */
    @TestFactory
    default Stream<DynamicTest> compressesAtEveryLevel() {
        List<DynamicTest> tests = new ArrayList<>();
        CompressionMethod method = method();
        for (Level level : method.levels()) {
            for (long[] shape : shapes()) {
                tests.add(dynamicTest("compress " + level.name() + " " + shape[0] + "x" + shape[1],
                        () -> withBench(bench -> checkCompressed(bench, method, level, shape[0], shape[1]))));
            }
        }
        return tests.stream();
    }

    /**
     * Restoring the payload, copied through bytes, rebuilds the operator exactly.
     *
     * @return one test per level
     */
    @TestFactory
    default Stream<DynamicTest> restoreReproducesTheOperator() {
        CompressionMethod method = method();
        long[] shape = shapes().getFirst();
        return method.levels().stream().map(level -> dynamicTest("restore " + level.name(), () -> withBench(bench -> {
            Tensor weight = bench.weight(shape[0], shape[1], 1);
            LinearOperator original = method.compress(MethodWorkbench.site("tck.layer", weight), level,
                    bench.calibration(96, shape[1], 2), bench.context(SEED));
            OperatorPayload saved = bench.copy(original.payload());
            LinearOperator restored = method.restore(shape[0], shape[1], saved, bench.context(SEED));
            assertEquals(original.outFeatures(), restored.outFeatures(), "outFeatures after restore");
            assertEquals(original.inFeatures(), restored.inFeatures(), "inFeatures after restore");
            assertEquals(original.storageBits(), restored.storageBits(), "storageBits after restore");
            assertEquals(original.parameterCount(), restored.parameterCount(), "parameterCount after restore");
            bench.difference(original.payload(), restored.payload()).ifPresent(d -> fail("the restored payload: " + d));
            assertArrayEquals(bench.bytes(original.denseWeight()), bench.bytes(restored.denseWeight()),
                    "the restored operator's dense weight must equal the original's bit for bit");
            Tensor input = bench.tensors().randn(Shape.of(5, shape[1]), 3);
            assertArrayEquals(bench.bytes(original.apply(input)), bench.bytes(restored.apply(input)),
                    "the restored operator's outputs must equal the original's bit for bit");
        })));
    }

    /** The same seed gives the same payload. */
    @Test
    default void sameSeedSamePayload() {
        CompressionMethod method = method();
        long[] shape = shapes().getFirst();
        withBench(bench -> {
            Tensor weight = bench.weight(shape[0], shape[1], 4);
            Calibration calibration = bench.calibration(96, shape[1], 5);
            for (Level level : method.levels()) {
                OperatorPayload first = method.compress(MethodWorkbench.site("tck.layer", weight), level, calibration,
                        bench.context(SEED)).payload();
                OperatorPayload second = method.compress(MethodWorkbench.site("tck.layer", weight), level, calibration,
                        bench.context(SEED)).payload();
                bench.difference(first, second).ifPresent(d -> fail("two runs with seed " + SEED + " at "
                        + level.name() + " gave different payloads: " + d));
            }
        });
    }

    /** A level the method does not offer and a layer of no width are PressoExceptions. */
    @Test
    default void badCostQueriesAreRefused() {
        CompressionMethod method = method();
        Level level = method.levels().getFirst();
        assertThrows(PressoException.class, () -> method.costBits(8, 32, FOREIGN_LEVEL),
                "costBits at a level the method does not offer");
        assertThrows(PressoException.class, () -> method.costBits(0, 32, level), "costBits of a layer 0 x 32");
        assertThrows(PressoException.class, () -> method.costBits(8, 0, level), "costBits of a layer 8 x 0");
    }

    /** Compressing at a foreign level, a non-matrix weight or in a cancelled run is a PressoException. */
    @Test
    default void badCompressionsAreRefused() {
        CompressionMethod method = method();
        Level level = method.levels().getFirst();
        withBench(bench -> {
            Tensor weight = bench.weight(8, 32, 6);
            Calibration calibration = bench.calibration(96, 32, 7);
            assertThrows(PressoException.class, () -> method.compress(MethodWorkbench.site("tck.layer", weight),
                    FOREIGN_LEVEL, calibration, bench.context(SEED)), "compress at a level the method does not offer");
            Tensor vector = bench.tensors().randn(Shape.of(32), 8);
            assertThrows(PressoException.class, () -> method.compress(MethodWorkbench.site("tck.vector", vector),
                    level, calibration, bench.context(SEED)), "compress a weight of shape [32], not a matrix");
            assertThrows(PressoException.class, () -> method.compress(MethodWorkbench.site("tck.layer", weight),
                    level, calibration, bench.cancelledContext()), "compress in a cancelled run");
        });
    }

    /** Restoring an empty payload, or a payload at other widths, is a PressoException. */
    @Test
    default void badPayloadsAreRefused() {
        CompressionMethod method = method();
        withBench(bench -> {
            assertThrows(PressoException.class, () -> method.restore(8, 32, new OperatorPayload(Map.of(), Map.of()),
                    bench.context(SEED)), "restore an empty payload");
            for (Level level : method.levels()) {
                OperatorPayload payload = method.compress(MethodWorkbench.site("tck.layer", bench.weight(8, 32, 9)),
                        level, bench.calibration(96, 32, 10), bench.context(SEED)).payload();
                assertThrows(PressoException.class, () -> method.restore(8, 33, payload, bench.context(SEED)),
                        "restore a payload of an 8 x 32 layer (" + level.name() + ") as 8 x 33");
                assertThrows(PressoException.class, () -> method.restore(9, 32, payload, bench.context(SEED)),
                        "restore a payload of an 8 x 32 layer (" + level.name() + ") as 9 x 32");
            }
        });
    }

    private CompressionMethod method() {
        CompressionMethod method = provider().create(settings());
        assertNotNull(method, "create(settings()) returned null");
        return method;
    }

    private void withBench(Consumer<MethodWorkbench> test) {
        try (MethodWorkbench bench = new MethodWorkbench(openBackend())) {
            test.accept(bench);
        }
    }

    private static void checkCompressed(MethodWorkbench bench, CompressionMethod method, Level level, long out,
            long in) {
        Tensor weight = bench.weight(out, in, out * 1000 + in);
        float[] before = weight.toFloatArray();
        LinearOperator operator = method.compress(MethodWorkbench.site("tck.layer", weight), level,
                bench.calibration(96, in, 2), bench.context(SEED));
        String where = method.id() + " at " + level.name() + " on " + out + " x " + in + ": ";
        assertArrayEquals(before, weight.toFloatArray(), where + "compress must not modify the site's weight");
        assertEquals(out, operator.outFeatures(), where + "outFeatures");
        assertEquals(in, operator.inFeatures(), where + "inFeatures");
        assertEquals(method.costBits(out, in, level), operator.storageBits(),
                where + "storageBits() must be exactly costBits()");
        assertTrue(operator.parameterCount() > 0, where + "parameterCount() must be positive");
        Tensor dense = operator.denseWeight();
        assertEquals(DType.F32, dense.dtype(), where + "denseWeight() dtype");
        assertEquals(Shape.of(out, in), dense.shape(), where + "denseWeight() shape");
        float[] approximation = dense.toFloatArray();
        double error = 0;
        double norm = 0;
        for (int i = 0; i < before.length; i++) {
            double d = (double) before[i] - approximation[i];
            error += d * d;
            norm += (double) before[i] * before[i];
        }
        assertTrue(error < norm, where + "the compressed weight is no closer to the weight than zero is (squared error "
                + error + ", squared norm " + norm + ")");
        Tensor flat = bench.tensors().randn(Shape.of(7, in), 12);
        assertApplies(where + "2-D input", operator.apply(flat), flat.matmul(dense, false, true), Shape.of(7, out));
        Tensor batched = bench.tensors().randn(Shape.of(2, 3, in), 13);
        Tensor expected = batched.reshape(6, in).matmul(dense, false, true).reshape(2, 3, out);
        assertApplies(where + "3-D input", operator.apply(batched), expected, Shape.of(2, 3, out));
    }

    private static void assertApplies(String where, Tensor actual, Tensor expected, Shape shape) {
        assertEquals(shape, actual.shape(), where + ": apply's output shape");
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        double scale = 0;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= 1e-4 * (1 + scale))) {
                fail(where + ": apply(x)[" + i + "] = " + a[i] + " but x denseWeight^T gives " + e[i]);
            }
        }
    }
}
