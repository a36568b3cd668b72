package dev.presso.modelfixtures;

import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.tensor.Tensor;

/** Read-backs of tensors and operators that tests compare in double precision. */
public final class Matrices {
    private Matrices() {}

    /** Returns a row-major float matrix {@code [rows, columns]} as rows of doubles. */
    public static double[][] rows(Tensor t) {
        float[] values = t.toFloatArray();
        int rows = Math.toIntExact(t.shape().dim(0));
        int columns = Math.toIntExact(t.shape().dim(1));
        double[][] m = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                m[r][c] = values[r * columns + c];
            }
        }
        return m;
    }

    /** Returns {@code ||X W^T - op(X)||_F^2}, the squared output error of an operator standing in for a weight. */
    public static double outputError(Tensor inputs, Tensor weight, LinearOperator operator) {
        float[] exact = inputs.matmul(weight, false, true).toFloatArray();
        float[] approximate = operator.apply(inputs).toFloatArray();
        double sum = 0;
        for (int i = 0; i < exact.length; i++) {
            double d = (double) exact[i] - approximate[i];
            sum += d * d;
        }
        return sum;
    }
}
