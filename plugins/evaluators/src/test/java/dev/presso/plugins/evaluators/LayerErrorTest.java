package dev.presso.plugins.evaluators;

import dev.presso.fixtures.CountingPluginContext;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.evaluation.EvaluationData;
import dev.presso.kernel.evaluation.EvaluationRequest;
import dev.presso.kernel.evaluation.Metric;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.modelfixtures.Stories260k;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-layer reconstruction error of stories260K with one layer perturbed by a known amount. */
class LayerErrorTest {
    private static Stories260k data;
    private static CausalLM model;
    private static CountingPluginContext context;
    private static EvaluationData stories;

    @BeforeAll
    static void load() {
        data = new Stories260k();
        model = data.model();
        context = new CountingPluginContext(data.tensors());
        EvaluationData all = data.stories();
        stories = EvaluationData.of("three stories", List.of(all.sequence(0), all.sequence(1), all.sequence(2)));
    }

    @AfterAll
    static void close() throws Exception {
        if (model instanceof AutoCloseable closeable) {
            closeable.close();
        }
        if (data != null) {
            data.close();
        }
    }

    private static double metric(List<Metric> metrics, String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().value();
    }

    private static List<Metric> evaluate() {
        return new LayerErrorEvaluatorProvider().create(Map.of("max-length", "128"))
                .evaluate(EvaluationRequest.of(model, stories), context);
    }

    @Test
    void aDenseModelHasNoErrorAnywhere() {
        List<Metric> metrics = evaluate();
        assertAll(
                () -> assertEquals(2 * (model.linearSites().size() + 2), metrics.size()),
                () -> assertEquals(0, metric(metrics, "output-error/max")),
                () -> assertEquals(0, metric(metrics, "weight-error/max")));
    }

    @Test
    void aPerturbedLayerShowsItsRelativeErrorAndTheOperatorsAreRestored() {
        LinearSite site = model.linearSites().get(3);  // model.layers.0.self_attn.o_proj
        Tensor weight = site.weight();
        Tensor noise = data.tensors().randn(weight.shape(), 11).mul(0.01f);
        double expected = Math.sqrt(noise.square().sum().item() / weight.square().sum().item());
        LinearOperator perturbed = new PerturbedOperator(weight.add(noise));
        LinearOperator before = model.linearSites().get(0).operator();
        site.replace(perturbed);
        try {
            List<Metric> metrics = evaluate();
            String name = site.name();
            assertAll(
                    () -> assertEquals(expected, metric(metrics, "weight-error/" + name), 1e-4 * expected),
                    () -> assertTrue(metric(metrics, "output-error/" + name) > 1e-4, metrics.toString()),
                    () -> assertEquals(0, metric(metrics, "weight-error/" + model.linearSites().get(4).name())),
                    // Layers before the perturbed one see unchanged inputs.
                    () -> assertEquals(0, metric(metrics, "output-error/" + model.linearSites().get(0).name())),
                    () -> assertSame(perturbed, site.operator()),
                    () -> assertSame(before, model.linearSites().get(0).operator()));
        } finally {
            site.replace(new PerturbedOperator(weight));
        }
    }
}
