package dev.presso.host.internal.model.llama;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.GradientCheck;
import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.model.DenseLinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradients through the whole real stories260K model: the mean next-token cross-entropy of a short
 * batch, differentiated with respect to pieces of parameters at both ends of the network and in
 * between, against central finite differences.
 */
class Stories260kGradientTest {
    /** A contiguous run of one parameter's elements, flattened row-major. */
    private record Piece(String parameter, int from, int to) {}

    private static final List<Piece> PIECES = List.of(
            new Piece(LlamaParameters.EMBEDDING, 403 * 64, 403 * 64 + 24),        // tied: input row and output row
            new Piece("model.layers.0.input_layernorm.weight", 8, 32),
            new Piece("model.layers.0.self_attn.q_proj.weight", 64, 88),          // through LinearSite.replace
            new Piece("model.layers.2.self_attn.k_proj.weight", 0, 24),
            new Piece("model.layers.4.mlp.down_proj.weight", 100, 124),
            new Piece(LlamaParameters.FINAL_NORM, 40, 64));
    private static final String REPLACED = "model.layers.0.self_attn.q_proj";

    @Test
    void finiteDifferencesAgreeWithTheAutodiffThroughTheWholeModel() {
        try (TensorBackend backend = new ReferenceBackend()) {
            Tensors tensors = TensorRuntime.tensors(backend);
            try (LlamaModel model = LlamaLoader.load(Stories260k.directory(), tensors)) {
                int[] ids = {1, 403, 407, 261, 378, 432, 1, 261, 378, 432, 383, 286};
                Tensor tokens = tensors.ofInts(ids, Shape.of(2, 6));
                Tensor targets = oneHot(tensors, ids, 2, 6, model.vocabularySize());
                List<Tensor> inputs = new ArrayList<>();
                for (Piece piece : PIECES) {
                    float[] all = model.parameters().get(piece.parameter()).toFloatArray();
                    inputs.add(tensors.of(java.util.Arrays.copyOfRange(all, piece.from(), piece.to()),
                            Shape.of(piece.to() - piece.from())));
                }
                GradientCheck.Result result = GradientCheck.of(tensors).eps(1e-2).tolerance(2e-2, 1e-4)
                        .check(leaves -> loss(model, tensors, tokens, targets, leaves), inputs);
                System.out.println(result.report());
                assertTrue(result.passed(), result.report());
            }
        }
    }

    /** Mean cross-entropy of predicting ids 1..5 of each row, with the pieces substituted. */
    private static Tensor loss(LlamaModel model, Tensors tensors, Tensor tokens, Tensor targets, List<Tensor> leaves) {
        LlamaWeights weights = new LlamaWeights(model.parameters());
        Tensor replacedWeight = null;
        for (int i = 0; i < PIECES.size(); i++) {
            Piece piece = PIECES.get(i);
            Tensor full = substitute(tensors, weights.get(piece.parameter()), piece, leaves.get(i));
            if (piece.parameter().equals(REPLACED + ".weight")) {
                replacedWeight = full;
            } else {
                weights = weights.with(piece.parameter(), full);
            }
        }
        LlamaModel variant = new LlamaModel(model.config(), weights, tensors);
        LinearSite site = variant.linearSites().stream().filter(s -> s.name().equals(REPLACED)).findFirst()
                .orElseThrow();
        site.replace(new DenseLinearOperator(replacedWeight));
        Tensor logits = variant.forward(tokens).slice(1, 0, 5);
        return logits.logSoftmax().mul(targets).sum().mul(-1f / 10);
    }

    private static Tensor substitute(Tensors tensors, Tensor parameter, Piece piece, Tensor leaf) {
        Tensor flat = parameter.reshape(parameter.shape().size());
        Tensor joined = tensors.concat(0, List.of(flat.slice(0, 0, piece.from()), leaf,
                flat.slice(0, piece.to(), flat.shape().size())));
        return joined.reshape(parameter.shape().toArray());
    }

    /** One-hot targets {@code [B, T - 1, V]}: row b, position t marks id {@code t + 1}. */
    private static Tensor oneHot(Tensors tensors, int[] ids, int batch, int length, int vocabulary) {
        float[] hot = new float[batch * (length - 1) * vocabulary];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length - 1; t++) {
                hot[(b * (length - 1) + t) * vocabulary + ids[b * length + t + 1]] = 1f;
            }
        }
        return tensors.of(hot, Shape.of(batch, length - 1, vocabulary));
    }
}
