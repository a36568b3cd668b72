package dev.presso.plugins.tensorcpu.internal.elementwise;

import static dev.presso.plugins.tensorcpu.internal.kernel.Simd.F32;
import static dev.presso.plugins.tensorcpu.internal.kernel.Simd.LANES;

import dev.presso.kernel.tensor.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Each {@link BinaryOp} over a run of elements where each operand either advances (stride 1) or
 * repeats its first value (stride 0). Every op has its own lambda and loop method, for the
 * reason given in {@code UnaryFunctions}.
 */
final class BinaryFunctions {
    private BinaryFunctions() {}

    /** Writes {@code out[offset + i] = op(a_i, b_i)} for {@code i < length}. */
    @FunctionalInterface
    interface Run {
        /** Processes one run. */
        void run(Operands operands, float[] out, int offset, int length);
    }

    /** Returns the run function of an op. */
    static Run body(BinaryOp op) {
        return switch (op) {
            case ADD -> (o, out, offset, n) -> tail(op, o, out, offset, add(o, out, offset, n), n);
            case SUB -> (o, out, offset, n) -> tail(op, o, out, offset, sub(o, out, offset, n), n);
            case MUL -> (o, out, offset, n) -> tail(op, o, out, offset, mul(o, out, offset, n), n);
            case DIV -> (o, out, offset, n) -> tail(op, o, out, offset, div(o, out, offset, n), n);
            case MAX -> (o, out, offset, n) -> tail(op, o, out, offset, max(o, out, offset, n), n);
            case MIN -> (o, out, offset, n) -> tail(op, o, out, offset, min(o, out, offset, n), n);
            case GREATER -> (o, out, offset, n) ->
                    tail(op, o, out, offset, compare(o, VectorOperators.GT, out, offset, n), n);
            case LESS -> (o, out, offset, n) ->
                    tail(op, o, out, offset, compare(o, VectorOperators.LT, out, offset, n), n);
            case EQUAL -> (o, out, offset, n) ->
                    tail(op, o, out, offset, compare(o, VectorOperators.EQ, out, offset, n), n);
            case POW -> (o, out, offset, n) -> tail(op, o, out, offset, 0, n);
        };
    }

    /** The scalar definition. */
    static float scalar(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case POW -> (float) StrictMath.pow(a, b);
            case GREATER -> a > b ? 1f : 0f;
            case LESS -> a < b ? 1f : 0f;
            case EQUAL -> a == b ? 1f : 0f;
        };
    }

    private static void tail(BinaryOp op, Operands o, float[] out, int offset, int from, int n) {
        for (int i = from; i < n; i++) {
            out[offset + i] = scalar(op, o.aAt(i), o.bAt(i));
        }
    }

    private static int add(Operands o, float[] out, int offset, int n) {
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += LANES) {
            o.a(i).add(o.b(i)).intoArray(out, offset + i);
        }
        return upper;
    }

    private static int sub(Operands o, float[] out, int offset, int n) {
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += LANES) {
            o.a(i).sub(o.b(i)).intoArray(out, offset + i);
        }
        return upper;
    }

    private static int mul(Operands o, float[] out, int offset, int n) {
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += LANES) {
            o.a(i).mul(o.b(i)).intoArray(out, offset + i);
        }
        return upper;
    }

    private static int div(Operands o, float[] out, int offset, int n) {
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += LANES) {
            o.a(i).div(o.b(i)).intoArray(out, offset + i);
        }
        return upper;
    }

    private static int max(Operands o, float[] out, int offset, int n) {
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += LANES) {
            o.a(i).max(o.b(i)).intoArray(out, offset + i);
        }
        return upper;
    }

    private static int min(Operands o, float[] out, int offset, int n) {
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += LANES) {
            o.a(i).min(o.b(i)).intoArray(out, offset + i);
        }
        return upper;
    }

    /** 1 where the comparison holds, else 0; the comparison is a constant at every call site. */
    private static int compare(Operands o, VectorOperators.Comparison test, float[] out,
            int offset, int n) {
        int upper = F32.loopBound(n);
        FloatVector zero = FloatVector.zero(F32);
        for (int i = 0; i < upper; i += LANES) {
            zero.blend(1f, o.a(i).compare(test, o.b(i))).intoArray(out, offset + i);
        }
        return upper;
    }

    /**
     * The two operands of a run: arrays, start offsets, and whether each advances.
     *
     * @param a the left array
     * @param aOffset the left start
     * @param aAdvances whether the left operand advances (else repeats {@code a[aOffset]})
     * @param b the right array
     * @param bOffset the right start
     * @param bAdvances whether the right operand advances
     */
    record Operands(float[] a, int aOffset, boolean aAdvances, float[] b, int bOffset,
            boolean bAdvances) {
        FloatVector a(int i) {
            return aAdvances ? FloatVector.fromArray(F32, a, aOffset + i)
                    : FloatVector.broadcast(F32, a[aOffset]);
        }

        FloatVector b(int i) {
            return bAdvances ? FloatVector.fromArray(F32, b, bOffset + i)
                    : FloatVector.broadcast(F32, b[bOffset]);
        }

        float aAt(int i) {
            return a[aAdvances ? aOffset + i : aOffset];
        }

        float bAt(int i) {
            return b[bAdvances ? bOffset + i : bOffset];
        }
    }
}
