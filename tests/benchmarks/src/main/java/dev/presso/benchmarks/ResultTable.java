package dev.presso.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plain-text result table: one row per case, the tensor-cpu number, each numpy run's number
 * and the speed ratio of tensor-cpu to each numpy run.
 */
final class ResultTable {
    private ResultTable() {}

    /**
     * Formats the table.
     *
     * @param cases the cases, in row order
     * @param javaSeconds tensor-cpu's median seconds per case id; a missing id is shown as
     *     {@code javaErrors}' message
     * @param javaErrors why a tensor-cpu case failed, per case id
     * @param runs the numpy runs, one column pair each
     * @return the table, lines separated by {@code \n}
     */
    static String format(List<BenchCase> cases, Map<String, Double> javaSeconds,
            Map<String, String> javaErrors, List<NumpyRun> runs) {
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("case", "unit", "tensor-cpu"));
        runs.forEach(r -> header.add(r.title()));
        runs.forEach(r -> header.add("java/" + r.title()));
        rows.add(header.toArray(String[]::new));
        for (BenchCase c : cases) {
            List<String> row = new ArrayList<>(List.of(c.label(), c.metric().unit()));
            Double java = javaSeconds.get(c.id());
            row.add(java != null ? number(c, java) : "error");
            for (NumpyRun run : runs) {
                Double numpy = run.seconds().get(c.id());
                row.add(numpy != null ? number(c, numpy) : "n/a");
            }
            for (NumpyRun run : runs) {
                Double numpy = run.seconds().get(c.id());
                row.add(java != null && numpy != null ? String.format("%.2fx", numpy / java)
                        : "n/a");
            }
            rows.add(row.toArray(String[]::new));
        }
        StringBuilder out = new StringBuilder(render(rows));
        javaErrors.forEach((id, message) -> out.append("tensor-cpu ").append(id).append(" failed: ")
                .append(message).append('\n'));
        return out.toString();
    }

    private static String number(BenchCase c, double seconds) {
        double value = c.metric().report(c.work(), seconds);
        return value >= 100 ? String.format("%.0f", value) : String.format("%.1f", value);
    }

    private static String render(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int i = 0; i < columns; i++) {
                String cell = row[i];
                String pad = " ".repeat(widths[i] - cell.length());
                out.append(i < 2 ? cell + pad : pad + cell).append(i + 1 < columns ? "  " : "");
            }
            out.append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w + 2;
                }
                out.append("-".repeat(total - 2)).append('\n');
            }
        }
        return out.toString();
    }
}
