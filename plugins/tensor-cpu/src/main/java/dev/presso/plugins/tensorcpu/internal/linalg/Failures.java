package dev.presso.plugins.tensorcpu.internal.linalg;

import dev.presso.kernel.tensor.TensorException;

/** The numerical failures shared by both implementations, with the same wording. */
final class Failures {
    private Failures() {
    }

    static TensorException notPositiveDefinite(int n, int order) {
        return new TensorException("cholesky", "matrix [" + n + ", " + n
                + "] is not positive definite (leading minor of order " + order + ")");
    }

    static TensorException notConverged(String op, int m, int n) {
        return new TensorException(op, "did not converge for matrix [" + m + ", " + n + "]");
    }

    static TensorException rankDeficient(int m, int n) {
        return new TensorException("leastSquares", "matrix [" + m + ", " + n
                + "] does not have full column rank");
    }

    /**
     * Rejects a triangular factor whose smallest diagonal magnitude is below
     * {@code max(m, n) * eps(float)} times its largest: the matrix has no numerically full column
     * rank, and the solution would be dominated by rounding.
     *
     * @param diagonalMagnitudes the absolute diagonal of the triangular factor
     */
    static void requireFullRank(double[] diagonalMagnitudes, int m, int n) {
        double largest = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (double d : diagonalMagnitudes) {
            largest = Math.max(largest, d);
            smallest = Math.min(smallest, d);
        }
        if (!(smallest > largest * Math.max(m, n) * Math.ulp(1f))) {
            throw rankDeficient(m, n);
        }
    }

    static TensorException singularTriangle(int n, int index) {
        return new TensorException("triangularSolve", "triangular matrix [" + n + ", " + n
                + "] is singular (zero diagonal at " + index + ")");
    }
}
