package dev.presso.host;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Compares autodiff gradients with central finite differences.
 *
 * <p>The function may return a tensor of any shape: the checked scalar is
 * {@code L = sum(out * p)} with a fixed projection {@code p} (all ones for a one-element output,
 * else seeded standard normal values), so one check covers the whole vector-Jacobian product.
 * The analytic side runs {@code out.backward(p)}; the numerical side evaluates the function with
 * each element of each checked input moved by {@code ±eps} (gradient recording off), downloads the
 * output and accumulates {@code L} in double precision on the host, dividing by the step actually
 * representable in float32. An element passes when {@code |analytic - numeric| <= atol + rtol *
 * |numeric|}. Missing gradients count as zero. Instances are immutable.
 *
 * <pre>{@code
 * GradientCheck.Result r = GradientCheck.of(tensors).eps(1e-2).tolerance(1e-2, 1e-3)
 *         .check(in -> in.get(0).matmul(in.get(1)).map(UnaryOp.TANH), a, b);
 * if (!r.passed()) fail(r.report());
 * }</pre>
 *
 * @since 1.0
 */
public final class GradientCheck {
    private static final long PROJECTION_SEED = 0x5EED_0F_6AD5L;

    private final Tensors tensors;
    private final double eps;
    private final double rtol;
    private final double atol;
    private final int[] wrt;

    private GradientCheck(Tensors tensors, double eps, double rtol, double atol, int[] wrt) {
        this.tensors = tensors;
        this.eps = eps;
        this.rtol = rtol;
        this.atol = atol;
        this.wrt = wrt;
    }

    /**
     * Returns a checker with {@code eps = 1e-2}, {@code rtol = 1e-2}, {@code atol = 1e-3}, checking
     * every F32 input.
     *
     * @param tensors the front end the inputs and the function use
     * @return the checker
     */
    public static GradientCheck of(Tensors tensors) {
        return new GradientCheck(tensors, 1e-2, 1e-2, 1e-3, new int[0]);
    }

    /**
     * Returns a checker with another finite-difference step.
     *
     * @param step the step, positive; about {@code 1e-3 .. 1e-2} suits float32
     * @return the new checker
     */
    public GradientCheck eps(double step) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("eps must be positive, got " + step);
        }
        return new GradientCheck(tensors, step, rtol, atol, wrt);
    }

    /**
     * Returns a checker with other tolerances.
     *
     * @param relative the relative tolerance, at least 0
     * @param absolute the absolute tolerance, at least 0
     * @return the new checker
     */
    public GradientCheck tolerance(double relative, double absolute) {
        if (!(relative >= 0 && absolute >= 0)) {
            throw new IllegalArgumentException("tolerances must be >= 0, got " + relative + " and " + absolute);
        }
        return new GradientCheck(tensors, eps, relative, absolute, wrt);
    }

    /**
     * Returns a checker that differentiates only some inputs; the others are passed through as they
     * are (for example indices, or rotary tables that get no gradient).
     *
     * @param inputs positions in the input list; none means every F32 input
     * @return the new checker
     */
    public GradientCheck wrt(int... inputs) {
        return new GradientCheck(tensors, eps, rtol, atol, inputs.clone());
    }

    /**
     * Checks the gradients of a function.
     *
     * @param function computes a tensor from the inputs, in order; called once with gradient
     *     recording on and twice per checked element with it off
     * @param inputs the inputs; left unchanged (checked inputs are copied into new leaves)
     * @return per-input errors and whether all passed
     */
    public Result check(Function<List<Tensor>, Tensor> function, Tensor... inputs) {
        return check(function, List.of(inputs));
    }

    /**
     * Checks the gradients of a function.
     *
     * @param function computes a tensor from the inputs, in order
     * @param inputs the inputs; left unchanged
     * @return per-input errors and whether all passed
     */
    public Result check(Function<List<Tensor>, Tensor> function, List<Tensor> inputs) {
        boolean[] checked = checkedInputs(inputs);
        float[][] values = new float[inputs.size()][];
        for (int i = 0; i < inputs.size(); i++) {
            values[i] = checked[i] ? inputs.get(i).toFloatArray() : null;
        }
        try (TensorScope _ = tensors.scope()) {
            List<Tensor> constants = leaves(inputs, values, false);
            float[] projection;
            float[][] analytic = new float[inputs.size()][];
            try (TensorScope _ = tensors.scope()) {
                List<Tensor> leaves = leaves(inputs, values, true);
                Tensor out = function.apply(leaves);
                projection = projection(out.shape());
                if (out.requiresGrad()) {
                    out.backward(tensors.of(projection, out.shape()));
                }
                for (int i = 0; i < inputs.size(); i++) {
                    if (checked[i]) {
                        Optional<Tensor> grad = leaves.get(i).grad();
                        analytic[i] = grad.isPresent() ? grad.get().toFloatArray() : new float[values[i].length];
                    }
                }
            }
            List<InputResult> results = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                if (checked[i]) {
                    double[] numeric = numericGradient(function, constants, i, values[i], projection);
                    results.add(compare(i, inputs.get(i).shape(), analytic[i], numeric));
                }
            }
            return new Result(List.copyOf(results), eps, rtol, atol);
        }
    }

    private boolean[] checkedInputs(List<Tensor> inputs) {
        boolean[] checked = new boolean[inputs.size()];
        if (wrt.length == 0) {
            for (int i = 0; i < checked.length; i++) {
                checked[i] = inputs.get(i).dtype() == DType.F32;
            }
            return checked;
        }
        for (int i : wrt) {
            if (i < 0 || i >= inputs.size() || inputs.get(i).dtype() != DType.F32) {
                throw new IllegalArgumentException("wrt(" + i + ") must name an F32 input among "
                        + inputs.size() + " inputs");
            }
            checked[i] = true;
        }
        return checked;
    }

    /** Copies the checked inputs into new tensors (leaves requiring a gradient if asked). */
    private List<Tensor> leaves(List<Tensor> inputs, float[][] values, boolean requireGrad) {
        List<Tensor> leaves = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            leaves.add(values[i] == null ? inputs.get(i)
                    : tensors.of(values[i], inputs.get(i).shape()).requiresGrad(requireGrad));
        }
        return leaves;
    }

    private static float[] projection(Shape shape) {
        float[] p = new float[Math.toIntExact(shape.size())];
        if (p.length == 1) {
            p[0] = 1f;
            return p;
        }
        SplittableRandom random = new SplittableRandom(PROJECTION_SEED);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) random.nextGaussian();
        }
        return p;
    }

    private double[] numericGradient(Function<List<Tensor>, Tensor> function, List<Tensor> constants, int input,
            float[] base, float[] projection) {
        double[] numeric = new double[base.length];
        float[] moved = base.clone();
        try (GradMode _ = tensors.noGrad()) {
            for (int j = 0; j < base.length; j++) {
                float up = (float) (base[j] + eps);
                float down = (float) (base[j] - eps);
                moved[j] = up;
                double plus = evaluate(function, constants, input, moved, projection);
                moved[j] = down;
                double minus = evaluate(function, constants, input, moved, projection);
                moved[j] = base[j];
                numeric[j] = (plus - minus) / ((double) up - (double) down);
            }
        }
        return numeric;
    }

    private double evaluate(Function<List<Tensor>, Tensor> function, List<Tensor> constants, int input,
            float[] values, float[] projection) {
        try (TensorScope _ = tensors.scope()) {
            List<Tensor> arguments = new ArrayList<>(constants);
            arguments.set(input, tensors.of(values, constants.get(input).shape()));
            float[] out = function.apply(arguments).toFloatArray();
            double sum = 0;
            for (int k = 0; k < out.length; k++) {
                sum += (double) out[k] * projection[k];
            }
            return sum;
        }
    }

    private InputResult compare(int input, Shape shape, float[] analytic, double[] numeric) {
        double maxAbs = 0;
        double maxRel = 0;
        double worstExcess = Double.NEGATIVE_INFINITY;
        int worst = 0;
        for (int j = 0; j < numeric.length; j++) {
            double abs = Math.abs(analytic[j] - numeric[j]);
            double scale = Math.max(Math.abs(analytic[j]), Math.abs(numeric[j]));
            double rel = scale == 0 ? 0 : abs / scale;
            double excess = Double.isNaN(abs) ? Double.POSITIVE_INFINITY : abs - (atol + rtol * Math.abs(numeric[j]));
            maxAbs = Double.isNaN(abs) ? Double.NaN : Math.max(maxAbs, abs);
            maxRel = Double.isNaN(rel) ? Double.NaN : Math.max(maxRel, rel);
            if (excess > worstExcess) {
                worstExcess = excess;
                worst = j;
            }
        }
        boolean passed = numeric.length == 0 || worstExcess <= 0;
        return new InputResult(input, shape, maxAbs, maxRel, worst,
                numeric.length == 0 ? 0 : analytic[worst], numeric.length == 0 ? 0 : numeric[worst], passed);
    }

    /**
     * The comparison for one input.
     *
     * @param input the input's position
     * @param shape its shape
     * @param maxAbsError the largest {@code |analytic - numeric|}
     * @param maxRelError the largest error relative to {@code max(|analytic|, |numeric|)}
     * @param worstElement the row-major index of the element furthest outside the tolerance
     * @param analytic the autodiff gradient there
     * @param numeric the finite-difference gradient there
     * @param passed whether every element is within tolerance
     * @since 1.0
     */
    public record InputResult(int input, Shape shape, double maxAbsError, double maxRelError, int worstElement,
            double analytic, double numeric, boolean passed) {}

    /**
     * The outcome of a check.
     *
     * @param inputs one entry per checked input
     * @param eps the finite-difference step
     * @param rtol the relative tolerance
     * @param atol the absolute tolerance
     * @since 1.0
     */
    public record Result(List<InputResult> inputs, double eps, double rtol, double atol) {
        /**
         * Returns whether every checked input passed.
         *
         * @return {@code true} if all gradients agree within tolerance
         */
        public boolean passed() {
            return inputs.stream().allMatch(InputResult::passed);
        }

        /**
         * Describes the outcome, one line per input, for test failure messages.
         *
         * @return the report
         */
        public String report() {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                    "gradient check %s (eps %.3g, rtol %.3g, atol %.3g)", passed() ? "passed" : "FAILED", eps, rtol, atol));
            for (InputResult r : inputs) {
                text.append(String.format(Locale.ROOT,
                        "%n  input %d %s: %s, max abs error %.3g, max rel error %.3g; worst element %d: analytic %.6g, numeric %.6g",
                        r.input(), r.shape(), r.passed() ? "ok" : "MISMATCH", r.maxAbsError(), r.maxRelError(),
                        r.worstElement(), r.analytic(), r.numeric()));
            }
            return text.toString();
        }

        @Override
        public String toString() {
            return report();
        }
    }

    @Override
    public String toString() {
        return "GradientCheck[eps=" + eps + ", rtol=" + rtol + ", atol=" + atol + ", wrt=" + Arrays.toString(wrt) + "]";
    }
}
