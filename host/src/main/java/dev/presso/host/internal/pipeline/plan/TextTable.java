package dev.presso.host.internal.pipeline.plan;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table whose columns are padded to their widest cell; the last column is not padded. */
final class TextTable {
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * Adds a row.
     *
     * @param cells the cells, as many in every row
     * @return this table
     */
    TextTable row(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    /**
     * Formats the table.
     *
     * @param indent what each line starts with
     * @return the lines, each ending with a newline
     */
    String format(String indent) {
        int columns = rows.isEmpty() ? 0 : rows.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < columns; c++) {
                line.append(c == columns - 1 ? row.get(c) : pad(row.get(c), widths[c] + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
