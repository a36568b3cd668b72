package dev.presso.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    private final BenchCase gemm = new BenchCase("gemm", new int[] {1000}, 3, "gemm 1000",
            Metric.GFLOPS, 2e9);
    private final BenchCase svd = new BenchCase("svd", new int[] {40, 20}, 3, "svd 40x20",
            Metric.MILLIS, 0);

    @Test
    void casesNameThemselvesTheWayTheNumpyScriptParses() {
        assertEquals("gemm:1000@3", gemm.spec());
        assertEquals("svd:40x20", svd.id());
        BenchCase fwht = new BenchCase("fwht", new int[] {8, 64, 16}, 7, "fwht", Metric.MELEMS,
                512);
        assertEquals("fwht:8x64/16@7", fwht.spec());
    }

    @Test
    void reportsMetricsAndSpeedRatios() {
        NumpyRun numpy = new NumpyRun("np", Map.of(), Map.of("gemm:1000", 0.02, "svd:40x20", 0.5),
                "");
        String table = ResultTable.format(List.of(gemm, svd),
                Map.of("gemm:1000", 0.01, "svd:40x20", 1.0), Map.of(), List.of(numpy));
        List<String> lines = table.lines().toList();
        assertEquals(4, lines.size(), table);
        assertTrue(lines.get(0).startsWith("case"), table);
        // 2e9 flops in 10 ms is 200 GFLOP/s; numpy took twice as long: ratio 2
        assertTrue(lines.get(2).matches("gemm 1000 +GFLOP/s +200 +100 +2\\.00x"), lines.get(2));
        assertTrue(lines.get(3).matches("svd 40x20 +ms +1000 +500 +0\\.50x"), lines.get(3));
    }

    @Test
    void showsFailuresInsteadOfNumbers() {
        String table = ResultTable.format(List.of(svd), Map.of(),
                Map.of("svd:40x20", "boom"), List.of());
        assertTrue(table.contains("error"), table);
        assertTrue(table.contains("tensor-cpu svd:40x20 failed: boom"), table);
    }
}
