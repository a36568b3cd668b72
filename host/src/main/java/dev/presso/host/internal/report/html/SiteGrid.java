package dev.presso.host.internal.report.html;

import dev.presso.host.internal.report.model.LayerRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SequencedSet;
import java.util.TreeSet;

/**
 * Sites laid out as a grid: one column per block (the first number in a site's name, as in
 * {@code model.layers.3.mlp.up_proj}) and one row per role (the rest of the name after it, as
 * {@code mlp.up_proj}). Sites without a number each get their own row in a last column.
 *
 * @param columns the column labels: block numbers ascending, then {@link #UNNUMBERED} if needed
 * @param rows the row labels, in the order the roles first appear
 * @param cells the site at each {@code (row, column)}
 */
record SiteGrid(List<String> columns, List<String> rows, Map<Position, LayerRow> cells) {
    /** The label of the column holding sites whose name has no block number. */
    static final String UNNUMBERED = "·";

    /**
     * A cell's place in the grid.
     *
     * @param row the row index
     * @param column the column index
     */
    record Position(int row, int column) {}

    /** Lays out sites. */
    static SiteGrid of(List<LayerRow> layers) {
        TreeSet<Integer> blocks = new TreeSet<>();
        SequencedSet<String> roles = new LinkedHashSet<>();
        boolean unnumbered = false;
        for (LayerRow layer : layers) {
            SiteName name = SiteName.parse(layer.site());
            name.block().ifPresent(blocks::add);
            unnumbered |= name.block().isEmpty();
            roles.add(name.role());
        }
        List<String> columns = new ArrayList<>(blocks.stream().map(String::valueOf).toList());
        if (unnumbered) {
            columns.add(UNNUMBERED);
        }
        List<String> rows = List.copyOf(roles);
        List<Integer> blockList = List.copyOf(blocks);
        Map<Position, LayerRow> cells = new HashMap<>();
        for (LayerRow layer : layers) {
            SiteName name = SiteName.parse(layer.site());
            int column = name.block().isPresent() ? blockList.indexOf(name.block().getAsInt()) : columns.size() - 1;
            cells.put(new Position(rows.indexOf(name.role()), column), layer);
        }
        return new SiteGrid(List.copyOf(columns), rows, Map.copyOf(cells));
    }

    /**
     * A site's name split at its first number.
     *
     * @param block the block number, if the name has one followed by more
     * @param role the part after the number, or the whole name
     */
    record SiteName(OptionalInt block, String role) {
        static SiteName parse(String site) {
            String[] parts = site.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                if (!parts[i].isEmpty() && parts[i].length() <= 9 && parts[i].chars().allMatch(Character::isDigit)) {
                    String role = String.join(".", List.of(parts).subList(i + 1, parts.length));
                    return new SiteName(OptionalInt.of(Integer.parseInt(parts[i])), role);
                }
            }
            return new SiteName(OptionalInt.empty(), site);
        }
    }
}
