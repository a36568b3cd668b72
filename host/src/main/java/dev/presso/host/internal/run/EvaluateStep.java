package dev.presso.host.internal.run;

import dev.presso.host.internal.catalog.Provided;
import dev.presso.host.internal.pipeline.spec.MetricSpec;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.kernel.evaluation.EvaluationRequest;
import dev.presso.kernel.evaluation.Evaluator;
import dev.presso.kernel.evaluation.EvaluatorProvider;
import dev.presso.kernel.evaluation.Metric;
import dev.presso.kernel.model.CausalLM;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs each evaluator of an evaluate stage on the evaluation data, with the dense model as the
 * reference of those that compare; {@code max-length} defaults to the data's sequence length.
 */
final class EvaluateStep {
    private EvaluateStep() {}

    static Map<String, Object> run(StageScope scope, Stage.Evaluate stage) {
        Map<String, Double> values = new TreeMap<>();
        Map<String, String> units = new TreeMap<>();
        for (MetricSpec spec : stage.metrics()) {
            scope.cancellation().throwIfCancelled();
            Provided<EvaluatorProvider> provided = scope.providers().evaluator(spec.id());
            Map<String, String> settings = Providers.withMaxLength(provided.provider(), spec.params().values(),
                    scope.data().evaluationLength());
            Evaluator evaluator = PluginFailureException.attribute(provided.plugin(), "creating evaluator " + spec.id(),
                    () -> provided.provider().create(settings));
            Optional<CausalLM> reference = evaluator.needsReference() ? Optional.of(scope.dense().model())
                    : Optional.empty();
            EvaluationRequest request = new EvaluationRequest(scope.state().model(), reference,
                    scope.data().evaluation(scope.place()));
            List<Metric> metrics = PluginFailureException.attribute(provided.plugin(), "evaluator " + spec.id(),
                    () -> evaluator.evaluate(request, scope.pluginContext()));
            metrics.forEach(metric -> {
                values.put(metric.name(), metric.value());
                units.put(metric.name(), metric.unit());
            });
        }
        return Map.of("metrics", values, "units", units);
    }
}
