package dev.presso.host.internal.pipeline.validation;

import dev.presso.host.internal.model.llama.LlamaConfig;
import dev.presso.host.internal.model.llama.LlamaParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * The linear-site names a LLaMA-family model has, from its configuration alone, in the order
 * {@code LlamaModel.linearSites()} lists them: per decoder layer the attention projections
 * {@code q, k, v, o} and the MLP's {@code gate, up, down}, then {@code lm_head}.
 */
public final class LlamaSiteNames {
    private static final List<String> PER_LAYER = List.of("self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj",
            "self_attn.o_proj", "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj");

    private LlamaSiteNames() {}

    /**
     * Lists the site names.
     *
     * @param config the model's configuration
     * @return {@code 7 * layers + 1} names
     */
    public static List<String> of(LlamaConfig config) {
        List<String> names = new ArrayList<>();
        for (int layer = 0; layer < config.layers(); layer++) {
            String prefix = LlamaParameters.layer(layer);
            PER_LAYER.forEach(site -> names.add(prefix + site));
        }
        names.add(LlamaParameters.LM_HEAD);
        return List.copyOf(names);
    }
}
