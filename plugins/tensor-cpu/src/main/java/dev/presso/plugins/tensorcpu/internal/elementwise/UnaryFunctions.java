package dev.presso.plugins.tensorcpu.internal.elementwise;

import static dev.presso.plugins.tensorcpu.internal.kernel.Simd.F32;
import static dev.presso.plugins.tensorcpu.internal.kernel.Simd.LANES;

import dev.presso.kernel.tensor.UnaryOp;
import dev.presso.plugins.tensorcpu.internal.kernel.Parallel;
import dev.presso.plugins.tensorcpu.internal.kernel.VectorExp;
import jdk.incubator.vector.FloatVector;

/**
 * Each {@link UnaryOp} over a range: one small vector loop method per op, plus a scalar
 * definition for the tails.
 *
 * <p>Why one lambda and method per op: C2 keeps Vector API values in registers only when the
 * whole chain is inlined and no value merges vectors of different ops. A switch inside the loop,
 * or many loops in one compiled method (which exhausts C2's inlining budget), both fall back to
 * boxed vectors and run 5 to 20 times slower.
 */
final class UnaryFunctions {
    private UnaryFunctions() {}

    /**
     * Returns the loop body that writes {@code out[i] = op(x[i])} over a range; out may be x.
     * Each op gets its own lambda, so that C2 compiles each loop as its own unit.
     */
    static Parallel.RangeBody body(UnaryOp op, float[] x, float[] out) {
        return switch (op) {
            case NEG -> (from, to) -> tail(op, x, out, neg(x, out, from, to), to);
            case ABS -> (from, to) -> tail(op, x, out, abs(x, out, from, to), to);
            case EXP -> (from, to) -> tail(op, x, out, exp(x, out, from, to), to);
            case LOG -> (from, to) -> tail(op, x, out, from, to);
            case SQRT -> (from, to) -> tail(op, x, out, sqrt(x, out, from, to), to);
            case RSQRT -> (from, to) -> tail(op, x, out, rsqrt(x, out, from, to), to);
            case SQUARE -> (from, to) -> tail(op, x, out, square(x, out, from, to), to);
            case RECIPROCAL -> (from, to) -> tail(op, x, out, reciprocal(x, out, from, to), to);
            case SIGMOID -> (from, to) -> tail(op, x, out, sigmoid(x, out, from, to), to);
            case TANH -> (from, to) -> tail(op, x, out, from, to);
            case RELU -> (from, to) -> tail(op, x, out, relu(x, out, from, to), to);
            case SILU -> (from, to) -> tail(op, x, out, silu(x, out, from, to), to);
            case GELU -> (from, to) -> tail(op, x, out, from, to);
            case SIGN -> (from, to) -> tail(op, x, out, from, to);
            case ROUND -> (from, to) -> {
                for (int i = from; i < to; i++) {
                    out[i] = (float) Math.rint(x[i]);
                }
            };
            case FLOOR -> (from, to) -> {
                for (int i = from; i < to; i++) {
                    out[i] = (float) Math.floor(x[i]);
                }
            };
        };
    }

    private static void tail(UnaryOp op, float[] x, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = scalar(op, x[i]);
        }
    }

    /** The scalar definition, evaluated in double where that is more accurate. */
    static float scalar(UnaryOp op, float x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case EXP -> VectorExp.exp(x);
            case LOG -> (float) StrictMath.log(x);
            case SQRT -> (float) Math.sqrt(x);
            case RSQRT -> (float) (1.0 / Math.sqrt(x));
            case SQUARE -> x * x;
            case RECIPROCAL -> 1f / x;
            case SIGMOID -> 1f / (VectorExp.exp(-x) + 1f);
            case TANH -> (float) StrictMath.tanh(x);
            case RELU -> Math.max(x, 0f);
            case SILU -> x / (VectorExp.exp(-x) + 1f);
            case GELU -> (float) (0.5 * x * (1.0 + StrictMath.tanh(
                    Math.sqrt(2.0 / Math.PI) * (x + 0.044715 * (double) x * x * x))));
            case SIGN -> Math.signum(x);
            case ROUND -> (float) Math.rint(x);
            case FLOOR -> (float) Math.floor(x);
        };
    }

    private static int neg(float[] x, float[] out, int from, int to) {
        int upper = from + F32.loopBound(to - from);
        for (int i = from; i < upper; i += LANES) {
            FloatVector.fromArray(F32, x, i).neg().intoArray(out, i);
        }
        return upper;
    }

    private static int abs(float[] x, float[] out, int from, int to) {
        int upper = from + F32.loopBound(to - from);
        for (int i = from; i < upper; i += LANES) {
            FloatVector.fromArray(F32, x, i).abs().intoArray(out, i);
        }
        return upper;
    }

    private static int exp(float[] x, float[] out, int from, int to) {
        int upper = from + F32.loopBound(to - from);
        for (int i = from; i < upper; i += LANES) {
            VectorExp.exp(FloatVector.fromArray(F32, x, i)).intoArray(out, i);
        }
        return upper;
    }


    private static int sqrt(float[] x, float[] out, int from, int to) {
        int upper = from + F32.loopBound(to - from);
        for (int i = from; i < upper; i += LANES) {
            FloatVector.fromArray(F32, x, i).sqrt().intoArray(out, i);
        }
        return upper;
    }

    private static int rsqrt(float[] x, float[] out, int from, int to) {
        int upper = from + F32.loopBound(to - from);
        FloatVector one = FloatVector.broadcast(F32, 1f);
        for (int i = from; i < upper; i += LANES) {
            one.div(FloatVector.fromArray(F32, x, i).sqrt()).intoArray(out, i);
        }
        return upper;
    }

    private static int square(float[] x, float[] out, int from, int to) {
        int upper = from + F32.loopBound(to - from);
        for (int i = from; i < upper; i += LANES) {
            FloatVector v = FloatVector.fromArray(F32, x, i);
            v.mul(v).intoArray(out, i);
        }
        return upper;
    }

    private static int reciprocal(float[] x, float[] out, int from, int to) {
        int upper = from + F32.loopBound(to - from);
        FloatVector one = FloatVector.broadcast(F32, 1f);
        for (int i = from; i < upper; i += LANES) {
            one.div(FloatVector.fromArray(F32, x, i)).intoArray(out, i);
        }
        return upper;
    }

    private static int sigmoid(float[] x, float[] out, int from, int to) {
        int upper = from + F32.loopBound(to - from);
        FloatVector one = FloatVector.broadcast(F32, 1f);
        for (int i = from; i < upper; i += LANES) {
            FloatVector v = FloatVector.fromArray(F32, x, i);
            one.div(VectorExp.exp(v.neg()).add(1f)).intoArray(out, i);
        }
        return upper;
    }


    private static int relu(float[] x, float[] out, int from, int to) {
        int upper = from + F32.loopBound(to - from);
        for (int i = from; i < upper; i += LANES) {
            FloatVector.fromArray(F32, x, i).max(0f).intoArray(out, i);
        }
        return upper;
    }

    private static int silu(float[] x, float[] out, int from, int to) {
        int upper = from + F32.loopBound(to - from);
        for (int i = from; i < upper; i += LANES) {
            FloatVector v = FloatVector.fromArray(F32, x, i);
            v.div(VectorExp.exp(v.neg()).add(1f)).intoArray(out, i);
        }
        return upper;
    }

}
