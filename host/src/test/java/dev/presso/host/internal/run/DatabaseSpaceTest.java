package dev.presso.host.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.host.internal.pipeline.spec.Location;
import dev.presso.host.internal.pipeline.spec.SearchBudget;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.SearchSpace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The search space of a database under each kind of budget, and the summary of an allocation. */
class DatabaseSpaceTest {
    private static final Location AT = new Location(Path.of("p.yaml"), 1, 1);

    @Test
    void bitWidthLaddersTakeExactStorageOrNominalBitsOrTheCentreLevel() {
        LevelDatabase database = database("levels", List.of(unit("a", "all", 100, bits(100)), unit("b", "all", 300,
                bits(300))));
        SearchSpace exact = DatabaseSpace.of(database, new SearchBudget.BitsPerParameter(3.5, AT), "here");
        assertEquals(1400, exact.budgetBits());
        assertEquals(List.of(432L, 332L, 232L), exact.units().getFirst().levelCostsBits());
        SearchSpace nominal = DatabaseSpace.of(database, new SearchBudget.NominalBits(2.5, AT), "here");
        assertEquals(1000, nominal.budgetBits());
        assertEquals(List.of(400L, 300L, 200L), nominal.units().getFirst().levelCostsBits());
        assertEquals(List.of(0.01, 0.05, 0.2), nominal.units().getFirst().levelErrors());
        SearchSpace centre = DatabaseSpace.of(database, new SearchBudget.Center(false, AT), "here");
        assertEquals(332 + 3 * 300 + 32, centre.budgetBits());

        Map<String, Object> summary = DatabaseSpace.summary(database, nominal, new Allocation(List.of(0, 2)));
        assertEquals(400L + 600L, summary.get("spentBits"));
        assertEquals(432L + 632L, summary.get("storageBits"));
        assertEquals((4.0 * 100 + 2.0 * 300) / 400, (double) summary.get("nominalBitsPerParameter"), 1e-12);
        assertThrows(PressoException.class, () -> DatabaseSpace.of(database, new SearchBudget.Drop(Map.of("all", 1),
                AT), "here"));
    }

    @Test
    void aDropBudgetKeepsAllButKOfEachGroup() {
        LevelDatabase database = database("depth", List.of(
                unit("l0.attn", "attention", 10, depth(10)), unit("l0.mlp", "mlp", 30, depth(30)),
                unit("l1.attn", "attention", 10, depth(10)), unit("l1.mlp", "mlp", 30, depth(30)),
                unit("l2.attn", "attention", 10, depth(10)), unit("l2.mlp", "mlp", 30, depth(30))));
        SearchSpace space = DatabaseSpace.of(database, new SearchBudget.Drop(Map.of("attention", 2, "mlp", 1), AT),
                "here");
        assertEquals(Map.of("attention", 160L, "mlp", 960L), space.groupBudgetsBits());
        assertTrue(space.fits(new int[] {1, 0, 1, 1, 0, 0}));
        assertTrue(!space.fits(new int[] {1, 0, 0, 1, 0, 0}), "only one attention sub-block dropped");
        PressoException missing = assertThrows(PressoException.class, () -> DatabaseSpace.of(database,
                new SearchBudget.Drop(Map.of("attention", 2), AT), "here"));
        assertTrue(missing.getMessage().contains("group 'mlp'"), missing.getMessage());
        assertThrows(PressoException.class, () -> DatabaseSpace.of(database,
                new SearchBudget.Drop(Map.of("attention", 4, "mlp", 0), AT), "here"));
    }

    /** Levels 4, 3 and 2 bits with a 32-bit overhead. */
    private static List<LevelDatabase.Entry> bits(long parameters) {
        return List.of(new LevelDatabase.Entry("4bit", 4, 4 * parameters + 32, 0.01, 0),
                new LevelDatabase.Entry("3bit", 3, 3 * parameters + 32, 0.05, 0),
                new LevelDatabase.Entry("2bit", 2, 2 * parameters + 32, 0.2, 0));
    }

    private static List<LevelDatabase.Entry> depth(long parameters) {
        return List.of(new LevelDatabase.Entry("kept", 0, 16 * parameters, 0, 0),
                new LevelDatabase.Entry("dropped", 1, 0, 1, parameters));
    }

    private static LevelDatabase.Unit unit(String name, String group, long parameters,
            List<LevelDatabase.Entry> levels) {
        return new LevelDatabase.Unit(name, group, parameters, List.of(name), levels);
    }

    private static LevelDatabase database(String kind, List<LevelDatabase.Unit> units) {
        LevelDatabase.Provenance provenance = new LevelDatabase.Provenance(kind, Map.of(), "", "", Map.of(), "", "",
                units.stream().map(LevelDatabase.Unit::name).toList());
        return new LevelDatabase(LevelDatabase.FORMAT, provenance.digest(), provenance, units);
    }
}
