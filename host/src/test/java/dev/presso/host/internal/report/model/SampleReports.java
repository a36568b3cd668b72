package dev.presso.host.internal.report.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reports shaped like a run on stories260k (5 blocks, 7 linear sites each): a dense baseline,
 * RTN at 4 and 3 bits, magnitude pruning, plain and whitened SVD, and a searched variant with a
 * fitness trace. The numbers are made up for the tests; the shapes and costs follow the model.
 */
public final class SampleReports {
    /** The roles of a block's sites, with their input and output widths. */
    private static final List<Object[]> ROLES = List.of(
            new Object[] {"self_attn.q_proj", 64, 64}, new Object[] {"self_attn.k_proj", 64, 32},
            new Object[] {"self_attn.v_proj", 64, 32}, new Object[] {"self_attn.o_proj", 64, 64},
            new Object[] {"mlp.gate_proj", 64, 172}, new Object[] {"mlp.up_proj", 64, 172},
            new Object[] {"mlp.down_proj", 172, 64});
    public static final int BLOCKS = 5;
    public static final int SITES = BLOCKS * 7;

    private SampleReports() {}

    /** The full sample: baseline and six variants. */
    public static RunReport stories() {
        VariantReport dense = variant("dense", List.of(), Map.of("perplexity", 3.3926, "kl", 0.0), "dense", "f16",
                bits -> 16.0, List.of());
        List<VariantReport> variants = List.of(
                variant("rtn-4bit", List.of("calibrate", "compress", "evaluate"),
                        Map.of("perplexity", 3.52, "kl", 0.0231), "rtn", "4bit", rows -> 4.0, List.of()),
                variant("rtn-3bit", List.of("calibrate", "compress", "evaluate"),
                        Map.of("perplexity", 4.31, "kl", 0.161), "rtn", "3bit", rows -> 3.0, List.of()),
                variant("magnitude-50", List.of("compress", "evaluate"),
                        Map.of("perplexity", 6.9, "kl", 0.52), "magnitude", "sparsity-0.50", rows -> 9.0, List.of()),
                variant("svd-plain-50", List.of("compress", "evaluate"),
                        Map.of("perplexity", 41.7, "kl", 1.9), "svd", "rank-0.50", rows -> 8.0, List.of()),
                variant("svd-whitened-50", List.of("calibrate", "compress", "evaluate"),
                        Map.of("perplexity", 12.4, "kl", 1.1), "svd-whitened", "rank-0.50", rows -> 8.0, List.of()),
                variant("search-3.5", List.of("calibrate", "search", "evaluate"),
                        Map.of("perplexity", 3.9, "kl", 0.09), "rtn", "mixed",
                        row -> row % 3 == 0 ? 3.0 : 4.0,
                        List.of(new SearchTrace("search", "kl", List.of(new SearchPoint(0, 0.31),
                                new SearchPoint(1, 0.22), new SearchPoint(2, 0.15), new SearchPoint(3, 0.11),
                                new SearchPoint(4, 0.095), new SearchPoint(5, 0.09)), allocation(),
                                Map.of("budgetBits", 700_000L, "spentBits", 699_968L,
                                        "groupSpentBits.all", 699_968L)))));
        RunInfo run = new RunInfo("stories-baselines", "examples/pipelines/stories.yaml", 1234,
                "/work/shared/data/stories260k", "cpu", "0.1.0-SNAPSHOT",
                List.of(new PluginInfo("presso-plugin-baselines", "0.1.0", "ab".repeat(32)),
                        new PluginInfo("presso-evaluators", "0.1.0", "")));
        return new RunReport(run, Map.of("perplexity", MetricInfo.minimize(""), "kl", MetricInfo.minimize("nats/token")),
                dense, variants);
    }

    /** The allocation of the sample search: 3 bits (level 1) on every third site, else 4 bits (level 0). */
    private static List<UnitLevel> allocation() {
        List<UnitLevel> units = new ArrayList<>();
        for (int site = 0; site < SITES; site++) {
            int level = site % 3 == 0 ? 1 : 0;
            units.add(new UnitLevel("site-" + site, "all", level, 3, level == 1 ? "3bit" : "4bit"));
        }
        return units;
    }

    /** Bits per weight of the site at a position in the model. */
    private interface BitsPerWeight {
        double at(int position);
    }

    private static VariantReport variant(String name, List<String> stages, Map<String, Double> metrics,
            String method, String level, BitsPerWeight bits, List<SearchTrace> searches) {
        List<LayerRow> rows = new ArrayList<>();
        int position = 0;
        for (int block = 0; block < BLOCKS; block++) {
            for (Object[] role : ROLES) {
                long in = (int) role[1];
                long out = (int) role[2];
                double weightBits = bits.at(position++);
                long parameters = in * out;
                long overhead = method.equals("dense") ? 0 : out * 32; // a 16-bit scale and zero per row
                long storage = Math.round(parameters * weightBits) + overhead;
                String siteLevel = level.equals("mixed") ? (int) weightBits + "bit" : level;
                rows.add(new LayerRow("model.layers." + block + "." + role[0], method, siteLevel, parameters,
                        storage));
            }
        }
        return VariantReport.ofLayers(name, stages, metrics, rows, searches);
    }
}
