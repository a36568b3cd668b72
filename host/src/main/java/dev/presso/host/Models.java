package dev.presso.host;

import dev.presso.host.internal.model.llama.LlamaLoader;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.tensor.Tensors;
import java.nio.file.Path;

/**
 * Loads language models from Hugging Face model directories.
 *
 * <p>A directory holds {@code config.json} and the weights as {@code model.safetensors} or as shards
 * listed by {@code model.safetensors.index.json}. The safetensors files are memory-mapped, validated
 * in full before any tensor is read, and unmapped once the weights are on the backend; F32, F16 and
 * BF16 weights are converted to F32. Supported architectures: {@code LlamaForCausalLM},
 * {@code MistralForCausalLM} and {@code Qwen2ForCausalLM}.
 *
 * <pre>{@code
 * try (TensorBackend backend = TensorRuntime.openBackend()) {
 *     Tensors tensors = TensorRuntime.tensors(backend);
 *     try (TensorScope scope = tensors.scope()) {
 *         CausalLM model = Models.load(Path.of("models/stories260k"), tensors);
 *         Tensor logits = model.forward(tensors.ofInts(new int[] {1, 403, 407}, Shape.of(1, 3)));
 *     }
 * }
 * }</pre>
 *
 * @since 1.0
 */
public final class Models {
    private Models() {}

    /**
     * Loads a model; its weights are tensors of the caller's current
     * {@link dev.presso.kernel.tensor.TensorScope} (or of nobody when none is open) and live as long
     * as that scope. The returned object also implements {@link AutoCloseable}, which releases them.
     *
     * @param directory the model directory
     * @param tensors the front end of the backend to load the weights onto
     * @return the model
     * @throws PressoException if a file is missing, malformed or disagrees with the configuration;
     *     the message names the file, the tensor or field, and what was expected
     */
    public static CausalLM load(Path directory, Tensors tensors) {
        return LlamaLoader.load(directory, tensors);
    }
}
