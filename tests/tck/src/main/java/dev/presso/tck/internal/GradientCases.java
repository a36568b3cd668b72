package dev.presso.tck.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.host.GradientCheck;
import dev.presso.host.TensorRuntime;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import dev.presso.tck.BackendPair;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds gradient-check cases on a pair's backend under test, each in its own tensor scope.
 */
public final class GradientCases {
    private final Tensors tensors;
    private final Cases cases;
    private final BackendPair pair;
    private final GradientCheck check;

    /**
     * Starts a collection on the pair's backend under test.
     *
     * @param pair the backends
     */
    public GradientCases(BackendPair pair) {
        this.pair = pair;
        this.tensors = TensorRuntime.tensors(pair.actual());
        this.cases = new Cases(pair);
        this.check = GradientCheck.of(tensors).eps(1e-2)
                .tolerance(pair.tolerances().gradientRelative(), pair.tolerances().gradientAbsolute());
    }

    /**
     * Adds a check of every F32 input.
     *
     * @param name the display name
     * @param function the function to differentiate
     * @param inputs creates the inputs, inside the case's scope
     */
    public void add(String name, Function<List<Tensor>, Tensor> function,
            Supplier<List<Tensor>> inputs) {
        cases.add(name, () -> check(name, check, function, inputs));
    }

    /**
     * Adds a check of some inputs only.
     *
     * @param name the display name
     * @param wrt the positions of the inputs to differentiate
     * @param function the function to differentiate
     * @param inputs creates the inputs, inside the case's scope
     */
    public void addWrt(String name, int[] wrt, Function<List<Tensor>, Tensor> function,
            Supplier<List<Tensor>> inputs) {
        cases.add(name, () -> check(name, check.wrt(wrt), function, inputs));
    }

    /**
     * Runs a check in a tensor scope and fails with the checker's report.
     *
     * @param name the case, for the message
     * @param checker the configured checker
     * @param function the function to differentiate
     * @param inputs creates the inputs
     */
    public void check(String name, GradientCheck checker, Function<List<Tensor>, Tensor> function,
            Supplier<List<Tensor>> inputs) {
        try (TensorScope _ = tensors.scope()) {
            GradientCheck.Result result = checker.check(function, inputs.get());
            assertTrue(result.passed(), () -> name + " on " + pair.actual().name() + ": " + result.report());
        }
    }

    /**
     * Returns normal samples.
     *
     * @param shape the dimensions
     * @param std the standard deviation
     * @return the tensor
     */
    public Tensor gaussian(Shape shape, double std) {
        return tensors.of(floats(pair.gaussianValues(Math.toIntExact(shape.size()), std)), shape);
    }

    /**
     * Returns uniform samples.
     *
     * @param shape the dimensions
     * @param low the lower bound
     * @param high the upper bound
     * @return the tensor
     */
    public Tensor uniform(Shape shape, double low, double high) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) pair.random().nextDouble(low, high);
        }
        return tensors.of(v, shape);
    }

    /**
     * Returns values with magnitudes in {@code [margin, 2]} and random signs.
     *
     * @param shape the dimensions
     * @param margin the smallest magnitude
     * @return the tensor
     */
    public Tensor awayFromZero(Shape shape, double margin) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            double m = pair.random().nextDouble(margin, 2);
            v[i] = (float) (pair.random().nextBoolean() ? m : -m);
        }
        return tensors.of(v, shape);
    }

    /**
     * Returns a random permutation of values 0.1 apart, so MAX and MIN have unique winners.
     *
     * @param shape the dimensions
     * @return the tensor
     */
    public Tensor distinct(Shape shape) {
        int n = Math.toIntExact(shape.size());
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.1f * (i - n / 2);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = pair.random().nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return tensors.of(v, shape);
    }

    /**
     * Returns the front end of the backend under test.
     *
     * @return the tensors
     */
    public Tensors tensors() {
        return tensors;
    }

    /**
     * Returns the collected cases.
     *
     * @return the cases
     */
    public Cases cases() {
        return cases;
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
