package dev.presso.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.CountingPluginContext;
import dev.presso.host.internal.calibration.InputStatistics;
import dev.presso.kernel.evaluation.EvaluationData;
import dev.presso.kernel.evaluation.EvaluationRequest;
import dev.presso.kernel.evaluation.Metric;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.modelfixtures.MethodFixture;
import dev.presso.modelfixtures.Stories260k;
import dev.presso.plugins.evaluators.KlDivergenceEvaluatorProvider;
import dev.presso.plugins.evaluators.PerplexityEvaluatorProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every baseline on the 35 decoder-layer linear sites of the real stories260K (lm_head, tied to the
 * embeddings, stays dense), scored by perplexity on the real TinyStories text (all 134 stories) and
 * KL divergence to the dense model on its first 32 stories; whitened SVD uses the Gram matrices of
 * 16 sampled sequences (4,096 tokens).
 */
class Stories260kBaselinesTest {
    private static final int CALIBRATION_ROWS = 16;
    private static final int KL_STORIES = 32;

    record Variant(String name, CompressionMethodProvider provider, Map<String, String> settings, String level) {}

    record Result(String name, double bitsPerWeight, double nll, double perplexity, double kl) {}

    @Test
    void baselinesKeepTheExpectedOrderOnTheRealModel() {
        try (Stories260k data = new Stories260k()) {
            CausalLM model = data.model();
            CausalLM reference = data.model();
            CountingPluginContext context = new CountingPluginContext(data.tensors());
            EvaluationData text = data.stories();
            List<int[]> first = new ArrayList<>();
            for (int i = 0; i < KL_STORIES; i++) {
                first.add(text.sequence(i));
            }
            EvaluationData klText = EvaluationData.of("first " + KL_STORIES + " stories", first);
            List<LinearSite> sites = Stories260k.decoderSites(model);
            Map<String, InputStatistics> calibration = data.calibration(model, CALIBRATION_ROWS);

            List<Variant> variants = List.of(
                    new Variant("rtn 4-bit", new RtnMethodProvider(), Map.of(), "4bit"),
                    new Variant("rtn 3-bit", new RtnMethodProvider(), Map.of(), "3bit"),
                    new Variant("magnitude 50%", new MagnitudeMethodProvider(), Map.of(), "sparsity-0.50"),
                    new Variant("svd 50% plain", new SvdMethodProvider(), Map.of(), "params-0.50"),
                    new Variant("svd 50% whitened", new SvdMethodProvider(), Map.of("whitened", "true"), "params-0.50"));
            Map<String, Result> results = new LinkedHashMap<>();
            long start = System.nanoTime();
            List<Metric> densePerplexity = perplexity(model, text, context);
            results.put("dense", new Result("dense", 32, metric(densePerplexity, "nll"),
                    metric(densePerplexity, "perplexity"), 0));
            System.out.printf("dense evaluated in %.1f s%n", (System.nanoTime() - start) / 1e9);
            for (Variant variant : variants) {
                CompressionMethod method = variant.provider().create(variant.settings());
                Map<LinearSite, LinearOperator> originals = new LinkedHashMap<>();
                try (TensorScope _ = data.tensors().scope()) {
                    start = System.nanoTime();
                    long bits = 0;
                    long weights = 0;
                    long costs = 0;
                    for (LinearSite site : sites) {
                        originals.put(site, site.operator());
                        LinearOperator op = method.compress(site, MethodFixture.level(method, variant.level()),
                                calibration.get(site.name()), context);
                        site.replace(op);
                        bits += op.storageBits();
                        costs += method.costBits(op.outFeatures(), op.inFeatures(),
                                MethodFixture.level(method, variant.level()));
                        weights += op.outFeatures() * op.inFeatures();
                    }
                    assertEquals(costs, bits, variant.name() + ": storage equals the declared cost");
                    double compressed = (System.nanoTime() - start) / 1e9;
                    results.put(variant.name(), evaluate(variant.name(), (double) bits / weights, model, reference,
                            text, klText, context));
                    System.out.printf("%s: compressed in %.1f s, evaluated in %.1f s%n", variant.name(), compressed,
                            (System.nanoTime() - start) / 1e9 - compressed);
                } finally {
                    originals.forEach(LinearSite::replace);
                }
            }
            System.out.println("stories260K, 35 decoder-layer sites, tinystories-text.ids.json (43,890 predictions):");
            System.out.println("| variant | bits/weight | nll (nats/token) | perplexity | KL to dense, first 32 stories (nats/token) |");
            System.out.println("|---|---|---|---|---|");
            results.values().forEach(r -> System.out.printf("| %s | %.3f | %.4f | %.4f | %.4f |%n",
                    r.name(), r.bitsPerWeight(), r.nll(), r.perplexity(), r.kl()));

            double dense = results.get("dense").perplexity();
            assertAll(
                    () -> assertEquals(3.3926, dense, 5e-4, "the dense model is unchanged"),
                    () -> assertTrue(dense < results.get("rtn 4-bit").perplexity(), "dense < rtn 4-bit"),
                    () -> assertTrue(results.get("rtn 4-bit").perplexity() < results.get("rtn 3-bit").perplexity(),
                            "rtn 4-bit < rtn 3-bit"),
                    () -> assertTrue(dense < results.get("magnitude 50%").perplexity(), "dense < magnitude 50%"),
                    () -> assertTrue(results.get("svd 50% whitened").perplexity()
                            < results.get("svd 50% plain").perplexity(), "whitened SVD < plain SVD at equal size"),
                    () -> assertTrue(results.get("svd 50% whitened").kl() < results.get("svd 50% plain").kl(),
                            "whitened SVD is closer to the dense model"),
                    () -> assertTrue(results.get("rtn 4-bit").kl() < results.get("rtn 3-bit").kl(), "KL rtn 4 < 3"),
                    () -> assertEquals(results.get("svd 50% whitened").bitsPerWeight(),
                            results.get("svd 50% plain").bitsPerWeight(), "equal parameters"));
        }
    }

    private static Result evaluate(String name, double bitsPerWeight, CausalLM model, CausalLM reference,
            EvaluationData text, EvaluationData klText, CountingPluginContext context) {
        List<Metric> perplexity = perplexity(model, text, context);
        List<Metric> kl = new KlDivergenceEvaluatorProvider().create(Map.of("max-length", "512"))
                .evaluate(new EvaluationRequest(model, Optional.of(reference), klText), context);
        return new Result(name, bitsPerWeight, metric(perplexity, "nll"), metric(perplexity, "perplexity"),
                metric(kl, "kl"));
    }

    private static List<Metric> perplexity(CausalLM model, EvaluationData text, CountingPluginContext context) {
        return new PerplexityEvaluatorProvider().create(Map.of("max-length", "512"))
                .evaluate(EvaluationRequest.of(model, text), context);
    }

    private static double metric(List<Metric> metrics, String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().value();
    }
}
