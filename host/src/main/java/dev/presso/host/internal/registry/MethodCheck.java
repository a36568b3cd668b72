package dev.presso.host.internal.registry;

import dev.presso.host.internal.model.LinearLayer;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The host-side conformance check of one compression method, as {@code presso registry publish}
 * runs it before uploading: with its default settings it must offer levels with distinct names;
 * at every level it compresses a small Gaussian matrix with calibration inputs, and the operator
 * must have the layer's shape, store exactly the bits {@code costBits} promised, compute what its
 * own dense weight computes, come out the same when compressed again (determinism) and be rebuilt
 * exactly from its payload by {@code restore}.
 */
final class MethodCheck {
    static final int OUT = 16;
    static final int IN = 64;
    static final int ROWS = 96;
    private static final double APPLY_TOLERANCE = 1e-3;
    private static final double EXACT_TOLERANCE = 1e-6;

    private final Tensors tensors;
    private final PluginContext context;

    MethodCheck(PluginContext context) {
        this.context = context;
        this.tensors = context.tensors();
    }

    /**
     * Checks a method.
     *
     * @param provider the method's provider
     * @param passed receives the name of every check that passed
     * @param failed receives a message for every check that failed
     */
    void check(CompressionMethodProvider provider, Consumer<String> passed, Consumer<String> failed) {
        String name = "method " + provider.id();
        CompressionMethod method;
        try {
            Map<String, String> defaults = provider.options().stream()
                    .collect(Collectors.toMap(PluginOption::name, PluginOption::defaultValue, (a, b) -> a));
            method = provider.create(defaults);
        } catch (RuntimeException e) {
            failed.accept(name + ": create with the default settings threw " + e);
            return;
        }
        List<Level> levels = method.levels();
        if (levels.isEmpty() || new HashSet<>(levels.stream().map(Level::name).toList()).size() != levels.size()) {
            failed.accept(name + ": levels() must be non-empty with distinct names, got " + levels);
            return;
        }
        passed.accept(name + ": " + levels.size() + " levels");
        SplittableRandom random = new SplittableRandom(context.seed());
        float[] weight = gaussian(random, OUT * IN);
        float[] inputs = gaussian(random, ROWS * IN);
        for (Level level : levels) {
            String at = name + " level " + level.name();
            TensorScope scope = tensors.scope();
            try {
                List<String> problems = checkLevel(method, level, weight, inputs);
                if (problems.isEmpty()) {
                    passed.accept(at);
                } else {
                    problems.forEach(p -> failed.accept(at + ": " + p));
                }
            } catch (RuntimeException e) {
                failed.accept(at + ": threw " + e);
            } finally {
                scope.close();
            }
        }
    }

    private List<String> checkLevel(CompressionMethod method, Level level, float[] weight, float[] inputs) {
        List<String> problems = new ArrayList<>();
        long cost = method.costBits(OUT, IN, level);
        Tensor x = tensors.of(inputs, Shape.of(ROWS, IN));
        LinearOperator operator = compress(method, level, weight, inputs);
        if (operator.outFeatures() != OUT || operator.inFeatures() != IN) {
            problems.add("the operator is " + operator.outFeatures() + "x" + operator.inFeatures() + "; expected "
                    + OUT + "x" + IN);
            return problems;
        }
        if (operator.storageBits() != cost) {
            problems.add("storageBits() is " + operator.storageBits() + " but costBits() promised " + cost);
        }
        float[] applied = operator.apply(x).toFloatArray();
        float[] dense = x.matmul(operator.denseWeight(), false, true).toFloatArray();
        double applyError = relativeError(applied, dense);
        if (applyError > APPLY_TOLERANCE) {
            problems.add("apply(x) differs from x times denseWeight() by " + applyError + " (relative)");
        }
        float[] again = compress(method, level, weight, inputs).apply(x).toFloatArray();
        if (relativeError(again, applied) > EXACT_TOLERANCE) {
            problems.add("compressing the same layer twice with the same seed gives different operators");
        }
        LinearOperator restored = method.restore(OUT, IN, operator.payload(), context);
        double restoreError = relativeError(restored.apply(x).toFloatArray(), applied);
        if (restoreError > EXACT_TOLERANCE) {
            problems.add("restore(payload()) computes something else (relative difference " + restoreError + ")");
        }
        return problems;
    }

    private LinearOperator compress(CompressionMethod method, Level level, float[] weight, float[] inputs) {
        LinearLayer site = new LinearLayer("check.proj", tensors.of(weight, Shape.of(OUT, IN)), null);
        return method.compress(site, level, new SampleCalibration(tensors, inputs, ROWS, IN), context);
    }

    private static float[] gaussian(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) gaussian(random);
        }
        return values;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double relativeError(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            return Double.POSITIVE_INFINITY;
        }
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < actual.length; i++) {
            diff += (double) (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += (double) expected[i] * expected[i];
        }
        return Math.sqrt(diff / Math.max(norm, 1e-30));
    }
}
