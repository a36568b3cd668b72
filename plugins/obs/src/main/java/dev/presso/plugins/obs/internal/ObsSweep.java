package dev.presso.plugins.obs.internal;

/**
 * The optimal-brain-surgeon column sweep of GPTQ and SparseGPT: columns are compressed left to
 * right and each column's error, scaled by the diagonal of {@code U} (the upper Cholesky factor of
 * {@code H^{-1}}), is subtracted from the columns after it, {@code w_{:,k} -= e * U_{j,k}}; inside
 * a block of {@link #BLOCK} columns immediately, for the later columns once per block (lazy batch
 * update).
 */
public final class ObsSweep {
    /** Columns per lazy-update block. */
    public static final int BLOCK = 128;

    private ObsSweep() {}

    /**
     * Sweeps a weight in place.
     *
     * @param weights the weights {@code [out][in]}, replaced by the compressed ones
     * @param inverseFactor {@code U [in][in]}
     * @param rule the column rule
     */
    public static void sweep(double[][] weights, double[][] inverseFactor, ColumnRule rule) {
        int out = weights.length;
        int in = inverseFactor.length;
        for (int start = 0; start < in; start += BLOCK) {
            int end = Math.min(start + BLOCK, in);
            rule.beginBlock(weights, start, end, inverseFactor);
            double[][] errors = new double[out][end - start];
            for (int j = start; j < end; j++) {
                double[] compressed = rule.compress(weights, j);
                double[] factorRow = inverseFactor[j];
                double diagonal = factorRow[j];
                for (int r = 0; r < out; r++) {
                    double[] row = weights[r];
                    double error = (row[j] - compressed[r]) / diagonal;
                    row[j] = compressed[r];
                    errors[r][j - start] = error;
                    for (int k = j + 1; k < end; k++) {
                        row[k] -= error * factorRow[k];
                    }
                }
            }
            for (int r = 0; r < out; r++) {
                double[] row = weights[r];
                for (int j = start; j < end; j++) {
                    double error = errors[r][j - start];
                    if (error != 0) {
                        double[] factorRow = inverseFactor[j];
                        for (int k = end; k < in; k++) {
                            row[k] -= error * factorRow[k];
                        }
                    }
                }
            }
        }
    }
}
