package dev.presso.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * One timed operation, described the same way to the Java side and to the numpy script.
 *
 * @param kind the operation: {@code gemm}, {@code svd}, {@code cholesky}, {@code eigh} or
 *     {@code fwht}
 * @param dims {@code [n]} for square cases, {@code [rows, cols]} for svd,
 *     {@code [rows, cols, block]} for fwht
 * @param reps timed calls after warm-up; the median is reported
 * @param label the row title in the table
 * @param metric how the median is reported
 * @param work operations (GFLOP/s) or elements (Melem/s) per call
 */
record BenchCase(String kind, int[] dims, int reps, String label, Metric metric, double work) {
    /** Returns the case's name, as the numpy script prints it, such as {@code svd:4096x1024}. */
    String id() {
        return switch (kind) {
            case "svd" -> kind + ":" + dims[0] + "x" + dims[1];
            case "fwht" -> kind + ":" + dims[0] + "x" + dims[1] + "/" + dims[2];
            default -> kind + ":" + dims[0];
        };
    }

    /** Returns the numpy script's argument for this case. */
    String spec() {
        return id() + "@" + reps;
    }

    /**
     * Returns the cases of the standard table.
     *
     * @param quick whether to use fewer repeats and skip the largest sizes
     * @return the cases in table order
     */
    static List<BenchCase> standard(boolean quick) {
        List<BenchCase> cases = new ArrayList<>();
        int[][] gemm = {{256, 101}, {512, 41}, {1024, 21}, {2048, 7}};
        for (int[] g : gemm) {
            int n = g[0];
            if (!quick || n <= 1024) {
                cases.add(new BenchCase("gemm", new int[] {n}, reps(g[1], quick),
                        "gemm fp32 " + n + "^3", Metric.GFLOPS, 2.0 * n * n * n));
            }
        }
        cases.add(new BenchCase("svd", new int[] {1024, 1024}, reps(5, quick),
                "svd thin+vectors 1024x1024", Metric.MILLIS, 0));
        if (!quick) {
            cases.add(new BenchCase("svd", new int[] {4096, 1024}, 3,
                    "svd thin+vectors 4096x1024", Metric.MILLIS, 0));
        }
        cases.add(new BenchCase("cholesky", new int[] {1024}, reps(11, quick), "cholesky 1024",
                Metric.MILLIS, 0));
        cases.add(new BenchCase("eigh", new int[] {1024}, reps(5, quick),
                "eigh+vectors 1024", Metric.MILLIS, 0));
        int rows = quick ? 1024 : 4096;
        cases.add(new BenchCase("fwht", new int[] {rows, 4096, 4096}, reps(7, quick),
                "fwht " + rows + "x4096 block 4096", Metric.MELEMS, (double) rows * 4096));
        return cases;
    }

    private static int reps(int full, boolean quick) {
        return quick ? Math.max(3, full / 4) : full;
    }
}
