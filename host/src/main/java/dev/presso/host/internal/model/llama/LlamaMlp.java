package dev.presso.host.internal.model.llama;

import dev.presso.host.internal.model.LinearLayer;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.List;

/** The SiLU-gated MLP: {@code down(silu(gate(x)) * up(x))}. */
final class LlamaMlp {
    private final LinearLayer gate;
    private final LinearLayer up;
    private final LinearLayer down;

    LlamaMlp(LlamaWeights weights, String prefix) {
        this.gate = LlamaModel.linear(weights, prefix + "gate_proj");
        this.up = LlamaModel.linear(weights, prefix + "up_proj");
        this.down = LlamaModel.linear(weights, prefix + "down_proj");
    }

    List<LinearLayer> linearLayers() {
        return List.of(gate, up, down);
    }

    Tensor forward(Tensor x) {
        return down.apply(gate.apply(x).map(UnaryOp.SILU).mul(up.apply(x)));
    }
}
