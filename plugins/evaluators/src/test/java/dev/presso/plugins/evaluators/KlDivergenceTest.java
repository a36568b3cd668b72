package dev.presso.plugins.evaluators;

import dev.presso.fixtures.CountingPluginContext;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.evaluation.EvaluationData;
import dev.presso.kernel.evaluation.EvaluationRequest;
import dev.presso.kernel.evaluation.Evaluator;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.modelfixtures.Stories260k;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KL divergence of stories260K against itself and against a copy with one perturbed layer. */
class KlDivergenceTest {
    private static Stories260k data;
    private static CausalLM dense;
    private static CausalLM perturbed;
    private static CountingPluginContext context;
    private static EvaluationData stories;

    @BeforeAll
    static void load() {
        data = new Stories260k();
        dense = data.model();
        perturbed = data.model();
        LinearSite site = perturbed.linearSites().get(6);  // model.layers.0.mlp.up_proj
        Tensor weight = site.weight();
        site.replace(new PerturbedOperator(weight.add(data.tensors().randn(weight.shape(), 7).mul(0.05f))));
        context = new CountingPluginContext(data.tensors());
        List<int[]> first = new java.util.ArrayList<>();
        EvaluationData all = data.stories();
        for (int i = 0; i < 8; i++) {
            first.add(all.sequence(i));
        }
        stories = EvaluationData.of("first 8 stories", first);
    }

    @AfterAll
    static void close() throws Exception {
        for (CausalLM model : new CausalLM[] {dense, perturbed}) {
            if (model instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        if (data != null) {
            data.close();
        }
    }

    private static double kl(CausalLM model, CausalLM reference, Map<String, String> settings) {
        Evaluator evaluator = new KlDivergenceEvaluatorProvider().create(settings);
        return evaluator.evaluate(new EvaluationRequest(model, Optional.of(reference), stories), context)
                .getFirst().value();
    }

    @Test
    void aModelAgainstItselfHasNoDivergence() {
        assertAll(
                () -> assertEquals(0, kl(dense, dense, Map.of()), 1e-6),
                () -> assertEquals(0, kl(dense, dense, Map.of("top-k", "8")), 1e-6));
    }

    @Test
    void aPerturbedLayerGivesPositiveDivergence() {
        double full = kl(perturbed, dense, Map.of());
        assertTrue(full > 1e-4, "KL " + full);
    }

    @Test
    void topKIsAtMostTheFullDivergenceGrowsWithKAndEqualsItAtTheWholeVocabulary() {
        double full = kl(perturbed, dense, Map.of());
        double top1 = kl(perturbed, dense, Map.of("top-k", "1"));
        double top10 = kl(perturbed, dense, Map.of("top-k", "10"));
        double top100 = kl(perturbed, dense, Map.of("top-k", "100"));
        // 512 is the whole vocabulary.
        double all = kl(perturbed, dense, Map.of("top-k", "512"));
        assertAll(
                () -> assertTrue(0 <= top1 && top1 <= top10, top1 + " " + top10),
                () -> assertTrue(top10 <= top100, top10 + " " + top100),
                () -> assertTrue(top100 <= full * (1 + 1e-5), top100 + " " + full),
                () -> assertEquals(full, all, 1e-6 + 1e-4 * full));
    }

    @Test
    void theMetricIsNamedAfterItsVariant() {
        Evaluator evaluator = new KlDivergenceEvaluatorProvider().create(Map.of("top-k", "10", "max-length", "64"));
        var metrics = evaluator.evaluate(new EvaluationRequest(perturbed, Optional.of(dense), stories), context);
        assertAll(
                () -> assertEquals("kl-top-10", metrics.get(0).name()),
                () -> assertEquals("nats/token", metrics.get(0).unit()),
                () -> assertEquals(8 * 63, metrics.get(1).value()));
    }

    @Test
    void withoutAReferenceTheEvaluatorSaysWhatItNeeds() {
        Evaluator evaluator = new KlDivergenceEvaluatorProvider().create(Map.of());
        assertTrue(evaluator.needsReference());
        PressoException e = assertThrows(PressoException.class,
                () -> evaluator.evaluate(EvaluationRequest.of(dense, stories), context));
        assertTrue(e.getMessage().contains("needs a reference model"), e.getMessage());
    }
}
