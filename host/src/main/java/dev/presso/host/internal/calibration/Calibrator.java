package dev.presso.host.internal.calibration;

import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.pipeline.CancellationToken;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.function.Supplier;

/**
 * Runs a model over calibration tokens and collects the input statistics of its linear layers
 * (methods.md §1.1), in one of two modes.
 *
 * <ul>
 *   <li>{@link #dense}: one forward pass per batch of the model as it is, recording every linear
 *       layer; the statistics of the EvoPress sparsity database, whose propagation is dense.
 *   <li>{@link #sequential}: decoder layer by decoder layer. The embeddings of every batch are
 *       cached; each decoder layer runs on the cached hidden states while its linear layers are
 *       recorded, a {@link SiteCompressor} then replaces (or keeps) each of them, in execution
 *       order, and the compressed decoder layer runs once more to produce the next one's inputs
 *       (the GPTQ, SparseGPT and AQLM procedure). Inside a decoder layer the
 *       {@link CalibrationSettings#blockOrder() block order} decides whether later layers see the
 *       compressed earlier ones. The output head ({@code lm_head}) is the last stage and is
 *       offered to the compressor too; a compressor that should leave it alone keeps it.
 * </ul>
 *
 * <p>Statistics are collected by temporarily replacing each site's operator with a recording
 * wrapper; forward passes run under {@link Tensors#noGrad()}. Operators are restored, and every
 * tensor made here is released, before a method returns or throws. The compressor runs outside any
 * scope or no-grad region of the calibrator: it sees the caller's gradient mode (a method may
 * optimize with autodiff) and the tensors it creates belong to the caller's current scope, so its
 * replacements outlive the call as long as the caller keeps them.
 *
 * <p>Memory: dense mode holds the statistics of every layer ({@code in^2} doubles each, shared by
 * layers with a common input); sequential mode holds the hidden states of all calibration tokens
 * on the backend ({@code tokens x hidden} floats, plus one batch while a stage's outputs replace
 * its inputs) and the statistics of one decoder layer at a time, unless the compressor keeps them.
 * Not thread-safe; one calibration per model at a time.
 */
public final class Calibrator {
    private static final CancellationToken NEVER_CANCELLED = new CancellationToken() {
        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void throwIfCancelled() {}
    };

    private final Tensors tensors;
    private final CalibrationSettings settings;
    private final ProgressOpener progress;
    private final CancellationToken cancellation;

    /**
     * Creates a calibrator that reports progress and polls for cancellation between forward passes.
     *
     * @param tensors the front end of the backend the model lives on
     * @param settings what to collect
     * @param progress where to report progress
     * @param cancellation the run's cancellation signal
     */
    public Calibrator(Tensors tensors, CalibrationSettings settings, ProgressOpener progress,
            CancellationToken cancellation) {
        this.tensors = tensors;
        this.settings = settings;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    /**
     * Creates a calibrator that reports nothing and cannot be cancelled.
     *
     * @param tensors the front end of the backend the model lives on
     * @param settings what to collect
     */
    public Calibrator(Tensors tensors, CalibrationSettings settings) {
        this(tensors, settings, ProgressOpener.NONE, NEVER_CANCELLED);
    }

    /**
     * Collects the input statistics of every linear layer in one pass of the model as it is. One
     * progress step per batch.
     *
     * @param model the model; its operators are the same objects afterwards
     * @param data the calibration tokens
     * @return the statistics by site name, in {@link CausalLM#linearSites()} order; sites that
     *     share their input share one object
     */
    public SequencedMap<String, InputStatistics> dense(CausalLM model, CalibrationData data) {
        List<int[][]> batches = data.batches();
        try (GradMode _ = tensors.noGrad(); ProgressSink bar = progress.open("calibration", batches.size());
                Capture capture = new Capture(model.linearSites(), tensors, settings)) {
            for (int i = 0; i < batches.size(); i++) {
                cancellation.throwIfCancelled();
                bar.status("batch " + (i + 1) + "/" + batches.size());
                try (TensorScope _ = tensors.scope()) {
                    model.forward(tokens(batches.get(i)));
                }
                capture.endPass();
                bar.advance(1);
            }
            return byName(capture.finish());
        }
    }

    /**
     * Calibrates and compresses the model stage by stage: each decoder layer, then the head. Every
     * linear layer is offered to the compressor exactly once, in execution order (by shared-input
     * group with {@link BlockOrder#TRUE_SEQUENTIAL}, which keeps that order for LLaMA), with the
     * statistics of its inputs as the model computes them at that point. One progress step per
     * site.
     *
     * @param model a model that runs layer by layer (the LLaMA family)
     * @param data the calibration tokens
     * @param compressor replaces or keeps each linear layer; its replacements stay in the model
     */
    public void sequential(CausalLM model, CalibrationData data, SiteCompressor compressor) {
        LayeredModel layered = LayeredModel.of(model);
        List<Tensor> hidden = new ArrayList<>();
        try (ProgressSink bar = progress.open("calibration", model.linearSites().size())) {
            for (int[][] batch : data.batches()) {
                hidden.add(compute(() -> layered.embedding().apply(tokens(batch))));
            }
            List<LayeredModel.Stage> stages = layered.stages();
            for (int s = 0; s < stages.size(); s++) {
                LayeredModel.Stage stage = stages.get(s);
                bar.status(stage.name());
                compressStage(stage, hidden, compressor, bar);
                for (int b = 0; b < hidden.size() && s + 1 < stages.size(); b++) {
                    cancellation.throwIfCancelled();
                    Tensor input = hidden.get(b);
                    hidden.set(b, compute(() -> stage.forward().apply(input)));
                    input.close();
                }
            }
        } finally {
            hidden.forEach(Tensor::close);
        }
    }

    /** Records, then compresses, every site of a stage in groups as the block order says. */
    private void compressStage(LayeredModel.Stage stage, List<Tensor> hidden, SiteCompressor compressor,
            ProgressSink bar) {
        List<LinearSite> pending = new ArrayList<>(stage.sites());
        while (!pending.isEmpty()) {
            SequencedMap<LinearSite, InputStatistics> statistics;
            List<LinearSite> group;
            try (Capture capture = new Capture(pending, tensors, settings)) {
                for (Tensor input : hidden) {
                    cancellation.throwIfCancelled();
                    compute(() -> stage.forward().apply(input)).close();
                    capture.endPass();
                }
                group = settings.blockOrder() == BlockOrder.WHOLE_BLOCK ? List.copyOf(pending)
                        : capture.firstInputGroup();
                statistics = capture.finish();
            }
            for (LinearSite site : group) {
                bar.status(site.name());
                compressor.compress(site, statistics.get(site)).ifPresent(site::replace);
                bar.advance(1);
            }
            pending.removeAll(group);
        }
    }

    /**
     * Runs a forward step without gradients in a scope of its own, so only its output survives; the
     * output belongs to the caller's scope, if one is open, and is closed here when no longer needed.
     */
    private Tensor compute(Supplier<Tensor> step) {
        try (GradMode _ = tensors.noGrad(); TensorScope scope = tensors.scope()) {
            return scope.keep(step.get());
        }
    }

    private Tensor tokens(int[][] batch) {
        return tensors.ofInts(CalibrationData.flatten(batch), Shape.of(batch.length, batch[0].length));
    }

    private static SequencedMap<String, InputStatistics> byName(SequencedMap<LinearSite, InputStatistics> bySite) {
        SequencedMap<String, InputStatistics> byName = new LinkedHashMap<>();
        bySite.forEach((site, statistics) -> byName.put(site.name(), statistics));
        return Collections.unmodifiableSequencedMap(byName);
    }
}
