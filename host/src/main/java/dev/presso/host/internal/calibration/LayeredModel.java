package dev.presso.host.internal.calibration;

import dev.presso.host.internal.model.llama.LlamaModel;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A causal language model cut into stages that run one after another on hidden states: the
 * embedding, then each decoder layer, then the head. Sequential calibration needs this view.
 *
 * @param embedding token ids {@code [B, T]} to the hidden states that enter the first stage
 * @param stages the stages in execution order; together they hold every linear site of the model
 */
record LayeredModel(UnaryOperator<Tensor> embedding, List<Stage> stages) {
    /**
     * One stage.
     *
     * @param name a label for progress, such as {@code "layer 3"}
     * @param sites its linear layers in execution order
     * @param forward its input hidden states to its output; does not close the input
     */
    record Stage(String name, List<LinearSite> sites, UnaryOperator<Tensor> forward) {
        Stage {
            sites = List.copyOf(sites);
        }
    }

    LayeredModel {
        stages = List.copyOf(stages);
    }

    /**
     * Cuts a model into stages.
     *
     * @param model the model
     * @return its stages
     * @throws PressoException if the model cannot run layer by layer
     */
    static LayeredModel of(CausalLM model) {
        if (!(model instanceof LlamaModel llama)) {
            throw new PressoException("sequential calibration runs a model one decoder layer at a time, which "
                    + model.architecture() + " (" + model.getClass().getName() + ") does not offer; expected a"
                    + " LLaMA-family model, or use dense calibration");
        }
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < llama.config().layers(); i++) {
            int layer = i;
            stages.add(new Stage("layer " + layer, llama.layerSites(layer), h -> llama.forwardLayer(layer, h)));
        }
        stages.add(new Stage("head", List.of(llama.head()), llama::forwardHead));
        LayeredModel layered = new LayeredModel(llama::embed, stages);
        layered.checkCovers(model.linearSites());
        return layered;
    }

    /** Fails unless the stages hold exactly the model's sites, each once. */
    private void checkCovers(List<LinearSite> sites) {
        List<LinearSite> staged = stages.stream().flatMap(stage -> stage.sites().stream()).toList();
        if (staged.size() != sites.size() || !new HashSet<>(staged).equals(new HashSet<>(sites))) {
            throw new PressoException("the stages of the model hold " + staged.size()
                    + " linear sites but the model lists " + sites.size() + "; expected the same sites");
        }
    }
}
