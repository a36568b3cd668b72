package dev.presso.plugins.evaluators.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.evaluation.EvaluationRequest;
import dev.presso.kernel.evaluation.Evaluator;
import dev.presso.kernel.evaluation.Metric;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-layer reconstruction error of every {@link LinearSite}: how far the operator the model now
 * applies is from the site's original dense weight W.
 *
 * <ul>
 *   <li>{@code output-error/<site>}: {@code sqrt(sum_x ||op(x) - x W^T||^2 / sum_x ||x W^T||^2)}
 *       over the rows x that reach the layer while the model (with its current operators) runs
 *       over the data, padding excluded. Inputs are the model's own, so errors of earlier layers
 *       shape them, as they do in use.</li>
 *   <li>{@code weight-error/<site>}: {@code ||W_op - W||_F / ||W||_F}, where {@code W_op} is the
 *       matrix the operator applies, read by applying it to the identity in blocks of rows. Needs no
 *       data.</li>
 * </ul>
 *
 * <p>Both are 0 for an unreplaced, dense site. Each family also reports its mean and maximum over
 * sites. To observe activations the evaluator swaps every site's operator for a recording one that
 * returns the same output, and restores the originals before returning, even on failure; do not
 * evaluate a model that another thread is running.
 *
 * @param maxLength the longest window, 0 for whole sequences
 * @param activations whether to measure output errors on the data
 * @param weights whether to measure weight errors
 * @param batchTokens the batch size setting, 0 for automatic
 */
public record LayerErrorEvaluator(int maxLength, boolean activations, boolean weights, int batchTokens)
        implements Evaluator {
    /** The id. */
    public static final String ID = "layer-error";
    /** The most identity rows × features applied at once when reading an operator's matrix. */
    private static final long PROBE_ELEMENTS = 1L << 22;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Metric> evaluate(EvaluationRequest request, PluginContext context) {
        if (!activations && !weights) {
            throw new PressoException(ID + ": both 'activations' and 'weights' are false; nothing to measure");
        }
        CausalLM model = request.model();
        List<LinearSite> sites = model.linearSites();
        List<Metric> metrics = new ArrayList<>();
        if (activations) {
            metrics.addAll(outputErrors(model, sites, request, context));
        }
        if (weights) {
            List<Double> errors = new ArrayList<>();
            try (GradMode _ = context.tensors().noGrad()) {
                for (LinearSite site : sites) {
                    context.cancellation().throwIfCancelled();
                    errors.add(weightError(context.tensors(), site.operator(), site.weight()));
                }
            }
            metrics.addAll(family("weight-error", sites, errors));
        }
        return List.copyOf(metrics);
    }

    private List<Metric> outputErrors(CausalLM model, List<LinearSite> sites, EvaluationRequest request,
            PluginContext context) {
        List<Window> windows = Protocol.DOCUMENT.windows(request.data(), maxLength, 0, model.vocabularySize());
        if (windows.isEmpty()) {
            throw new PressoException(request.data().source() + ": no sequence has two ids; no activations to use");
        }
        List<RecordingOperator> recorders = new ArrayList<>();
        try {
            for (LinearSite site : sites) {
                RecordingOperator recorder = new RecordingOperator(site.operator(), site.weight());
                site.replace(recorder);
                recorders.add(recorder);
            }
            List<Batch> batches = Batch.group(windows, TeacherForcing.batchTokens(batchTokens, model.vocabularySize()));
            TeacherForcing.run(ID, batches, context, (batch, tokens) -> {
                boolean[] real = batch.realPositions();
                recorders.forEach(r -> r.realRows(real));
                model.forward(tokens);
            });
        } finally {
            for (int i = 0; i < recorders.size(); i++) {
                sites.get(i).replace(recorders.get(i).delegate());
            }
        }
        List<Double> errors = new ArrayList<>();
        for (int i = 0; i < recorders.size(); i++) {
            if (recorders.get(i).rows() == 0) {
                throw new PressoException(ID + ": " + sites.get(i).name() + " saw no input while the model ran");
            }
            errors.add(recorders.get(i).relativeError());
        }
        return family("output-error", sites, errors);
    }

    /** Reads the operator's matrix by applying it to identity rows, and compares it with the weight. */
    static double weightError(Tensors tensors, LinearOperator operator, Tensor weight) {
        int in = Math.toIntExact(operator.inFeatures());
        int block = (int) Math.max(1, Math.min(in, PROBE_ELEMENTS / Math.max(in, operator.outFeatures())));
        double errorSquares = 0;
        double referenceSquares = 0;
        for (int start = 0; start < in; start += block) {
            int rows = Math.min(block, in - start);
            float[] identity = new float[rows * in];
            for (int r = 0; r < rows; r++) {
                identity[r * in + start + r] = 1;
            }
            try (TensorScope _ = tensors.scope()) {
                Tensor probe = tensors.of(identity, Shape.of(rows, in));
                Tensor dense = probe.matmul(weight, false, true);
                errorSquares += operator.apply(probe).sub(dense).square().sum().item();
                referenceSquares += dense.square().sum().item();
            }
        }
        return relative(errorSquares, referenceSquares);
    }

    /** Returns {@code sqrt(error / reference)}, 0 when both are 0. */
    static double relative(double errorSquares, double referenceSquares) {
        if (errorSquares == 0) {
            return 0;
        }
        return Math.sqrt(errorSquares / referenceSquares);
    }

    private static List<Metric> family(String name, List<LinearSite> sites, List<Double> errors) {
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            metrics.add(new Metric(name + "/" + sites.get(i).name(), errors.get(i), ""));
        }
        metrics.add(new Metric(name + "/mean", errors.stream().mapToDouble(Double::doubleValue).average().orElse(0), ""));
        metrics.add(new Metric(name + "/max", errors.stream().mapToDouble(Double::doubleValue).max().orElse(0), ""));
        return metrics;
    }
}
