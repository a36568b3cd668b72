package dev.presso.plugins.obs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.CountingPluginContext;
import dev.presso.host.internal.calibration.InputStatistics;
import dev.presso.kernel.evaluation.EvaluationData;
import dev.presso.kernel.evaluation.EvaluationRequest;
import dev.presso.kernel.evaluation.Metric;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.modelfixtures.MethodFixture;
import dev.presso.modelfixtures.Stories260k;
import dev.presso.plugins.baselines.MagnitudeMethodProvider;
import dev.presso.plugins.baselines.RtnMethodProvider;
import dev.presso.plugins.evaluators.PerplexityEvaluatorProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GPTQ and SparseGPT against the baselines at equal size on the 35 decoder-layer sites of the real
 * stories260K (lm_head stays dense), Grams from 16 sampled sequences (4,096 tokens), scored by
 * perplexity on the real TinyStories text (all 134 stories).
 */
class Stories260kObsTest {
    private static final int CALIBRATION_ROWS = 16;

    record Variant(String name, CompressionMethod method, String level) {}

    @Test
    void obsMethodsBeatTheBaselinesOnTheRealModel() {
        try (Stories260k data = new Stories260k()) {
            CausalLM model = data.model();
            CountingPluginContext context = new CountingPluginContext(data.tensors());
            EvaluationData text = data.stories();
            List<LinearSite> sites = Stories260k.decoderSites(model);
            assertEquals(35, sites.size());
            Map<String, InputStatistics> calibration = data.calibration(model, CALIBRATION_ROWS);
            List<Variant> variants = List.of(
                    new Variant("rtn 3-bit g128", new RtnMethodProvider().create(Map.of("group-size", "128")), "3bit"),
                    new Variant("gptq 3-bit g128", new GptqMethodProvider().create(Map.of()), "3bit"),
                    new Variant("magnitude 50%", new MagnitudeMethodProvider().create(Map.of()), "sparsity-0.50"),
                    new Variant("sparsegpt 50%", new SparseGptMethodProvider().create(Map.of()), "sparsity-0.50"));
            Map<String, Double> perplexity = new LinkedHashMap<>();
            Map<String, Double> bitsPerWeight = new LinkedHashMap<>();
            perplexity.put("dense", perplexity(model, text, context));
            bitsPerWeight.put("dense", 32.0);
            for (Variant variant : variants) {
                Level level = MethodFixture.level(variant.method(), variant.level());
                Map<LinearSite, LinearOperator> originals = new LinkedHashMap<>();
                try (TensorScope _ = data.tensors().scope()) {
                    long start = System.nanoTime();
                    long bits = 0;
                    long weights = 0;
                    for (LinearSite site : sites) {
                        originals.put(site, site.operator());
                        LinearOperator op = variant.method().compress(site, level, calibration.get(site.name()),
                                context);
                        site.replace(op);
                        bits += op.storageBits();
                        weights += op.outFeatures() * op.inFeatures();
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    perplexity.put(variant.name(), perplexity(model, text, context));
                    bitsPerWeight.put(variant.name(), (double) bits / weights);
                    System.out.printf("%s: compressed in %.1f s%n", variant.name(), seconds);
                } finally {
                    originals.forEach(LinearSite::replace);
                }
            }
            System.out.println("stories260K, 35 decoder-layer sites, perplexity on tinystories-text.ids.json:");
            System.out.println("| variant | bits/weight | perplexity |");
            System.out.println("|---|---|---|");
            perplexity.forEach((name, ppl) -> System.out.printf("| %s | %.3f | %.4f |%n", name,
                    bitsPerWeight.get(name), ppl));
            assertAll(
                    () -> assertEquals(bitsPerWeight.get("rtn 3-bit g128"), bitsPerWeight.get("gptq 3-bit g128"),
                            "equal size"),
                    () -> assertEquals(bitsPerWeight.get("magnitude 50%"), bitsPerWeight.get("sparsegpt 50%"), 0.01,
                            "about equal size"),
                    () -> assertTrue(perplexity.get("gptq 3-bit g128") < perplexity.get("rtn 3-bit g128"),
                            "gptq 3-bit < rtn 3-bit"),
                    () -> assertTrue(perplexity.get("sparsegpt 50%") < perplexity.get("magnitude 50%"),
                            "sparsegpt 50% < magnitude 50%"));
        }
    }

    private static double perplexity(CausalLM model, EvaluationData text, CountingPluginContext context) {
        List<Metric> metrics = new PerplexityEvaluatorProvider().create(Map.of("max-length", "512"))
                .evaluate(EvaluationRequest.of(model, text), context);
        return metrics.stream().filter(m -> m.name().equals("perplexity")).findFirst().orElseThrow().value();
    }
}
