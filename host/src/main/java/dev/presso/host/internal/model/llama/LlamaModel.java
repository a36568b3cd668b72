package dev.presso.host.internal.model.llama;

import dev.presso.host.internal.model.AttentionBuffers;
import dev.presso.host.internal.model.IncrementalCausalLM;
import dev.presso.host.internal.model.KvCache;
import dev.presso.host.internal.model.LinearLayer;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A LLaMA-family causal language model on the tensor front end: token embedding, decoder layers,
 * final RMSNorm and output head. Every operation is a {@link Tensor} operation or a kernel of the
 * tensor SPI, so the forward pass runs on any backend, and gradients reach every parameter (and
 * every replaced operator's own parameters) through the autodiff: the attention core runs as
 * {@link dev.presso.host.internal.model.CausalAttention}'s kernel sequence only when nothing in it
 * records gradients.
 *
 * <p>Each decoder layer runs in a tensor scope of its own, so a pass holds one layer's
 * intermediates at a time and its memory does not grow with the number of layers.
 *
 * <p>The model shares its weight tensors with the {@link LlamaWeights} it was built from;
 * {@link #close()} releases them. Its linear layers are {@link LinearSite}s whose operators can be
 * replaced. Forward passes are not thread-safe with respect to replacing operators mid-pass.
 */
public final class LlamaModel implements IncrementalCausalLM, AutoCloseable {
    private final LlamaConfig config;
    private final LlamaWeights weights;
    private final Tensors tensors;
    private final RotaryEmbedding rotary;
    private final Tensor embedding;
    private final List<LlamaDecoderLayer> layers;
    private final Tensor finalNorm;
    private final LinearLayer head;
    private final List<LinearSite> sites;

    /**
     * Builds the model over checked weights.
     *
     * @param config the configuration the weights were checked against
     * @param weights the parameters, shared with this model
     * @param tensors the front end of the backend the weights live on
     */
    public LlamaModel(LlamaConfig config, LlamaWeights weights, Tensors tensors) {
        this.config = config;
        this.weights = weights;
        this.tensors = tensors;
        this.rotary = new RotaryEmbedding(config);
        this.embedding = weights.get(LlamaParameters.EMBEDDING);
        List<LlamaDecoderLayer> decoderLayers = new ArrayList<>();
        for (int i = 0; i < config.layers(); i++) {
            decoderLayers.add(new LlamaDecoderLayer(config, weights, i, tensors));
        }
        this.layers = List.copyOf(decoderLayers);
        this.finalNorm = weights.get(LlamaParameters.FINAL_NORM);
        this.head = config.tieWordEmbeddings()
                ? new LinearLayer(LlamaParameters.LM_HEAD, embedding, null)
                : linear(weights, LlamaParameters.LM_HEAD);
        List<LinearSite> all = new ArrayList<>();
        layers.forEach(layer -> all.addAll(layer.linearLayers()));
        all.add(head);
        this.sites = List.copyOf(all);
    }

    /** Creates the linear layer of a checkpoint name, with its bias if the weights have one. */
    static LinearLayer linear(LlamaWeights weights, String name) {
        return new LinearLayer(name, weights.get(name + ".weight"), weights.find(name + ".bias"));
    }

    /** Returns the configuration. @return the configuration */
    public LlamaConfig config() {
        return config;
    }

    /** Returns the parameters by checkpoint name, in execution order. @return the F32 tensors */
    public Map<String, Tensor> parameters() {
        return weights.tensors();
    }

    @Override
    public String architecture() {
        return config.architecture();
    }

    @Override
    public int vocabularySize() {
        return config.vocabularySize();
    }

    @Override
    public List<LinearSite> linearSites() {
        return sites;
    }

    @Override
    public Tensor forward(Tensor tokens) {
        return run(tokens, null);
    }

    @Override
    public KvCache newCache(long batch, long capacity) {
        return new KvCache(tensors, config.layers(), batch, config.kvHeads(), config.headDim(), capacity);
    }

    @Override
    public Tensor forward(Tensor tokens, KvCache cache) {
        checkTokens(tokens);
        if (cache.batch() != tokens.shape().dim(0)) {
            throw new TensorException("forward", "the cache holds " + cache.batch() + " sequences but tokens are "
                    + tokens.shape() + "; expected the same batch size");
        }
        Tensor logits = run(tokens, cache);
        cache.advance(tokens.shape().dim(1));
        return logits;
    }

    private static void checkTokens(Tensor tokens) {
        if (tokens.dtype() != DType.I32 || tokens.shape().rank() != 2 || tokens.shape().dim(1) < 1) {
            throw new TensorException("forward", "expected I32 token ids [B, T] with T >= 1, got " + tokens.dtype()
                    + " " + tokens.shape());
        }
    }

    private Tensor run(Tensor tokens, @Nullable KvCache cache) {
        checkTokens(tokens);
        int length = Math.toIntExact(tokens.shape().dim(1));
        int offset = cache == null ? 0 : Math.toIntExact(cache.length());
        try (TensorScope scope = tensors.scope(); AttentionBuffers buffers = new AttentionBuffers(tensors.backend())) {
            LayerInputs inputs = new LayerInputs(tensors, rotary.tables(tensors, offset, length), length, offset,
                    config.slidingWindow(), buffers);
            Tensor x = embedding.gather(tokens);
            for (LlamaDecoderLayer layer : layers) {
                x = runLayer(layer, x, inputs, cache);
            }
            return scope.keep(forwardHead(x));
        }
    }

    /** Runs one layer in a scope of its own, so that its intermediates are released when it ends. */
    private Tensor runLayer(LlamaDecoderLayer layer, Tensor x, LayerInputs inputs, @Nullable KvCache cache) {
        try (TensorScope scope = tensors.scope()) {
            return scope.keep(layer.forward(x, inputs, cache));
        }
    }

    /**
     * Returns the linear layers of one decoder layer, in execution order: {@code q_proj},
     * {@code k_proj}, {@code v_proj}, {@code o_proj}, {@code gate_proj}, {@code up_proj},
     * {@code down_proj}.
     *
     * @param layer the layer's index, {@code 0 .. config().layers() - 1}
     * @return the sites, also listed by {@link #linearSites()}
     */
    public List<LinearSite> layerSites(int layer) {
        return List.copyOf(decoderLayer("layerSites", layer).linearLayers());
    }

    /** Returns the output head. @return the {@code lm_head} site, last in {@link #linearSites()} */
    public LinearSite head() {
        return head;
    }

    /**
     * Embeds token ids: the hidden states that enter decoder layer 0.
     *
     * @param tokens I32 ids {@code [B, T]}
     * @return {@code [B, T, hidden]}
     */
    public Tensor embed(Tensor tokens) {
        checkTokens(tokens);
        return embedding.gather(tokens);
    }

    /**
     * Runs one decoder layer over whole sequences starting at position 0, exactly as
     * {@link #forward(Tensor)} runs it; with {@link #embed} and {@link #forwardHead} it lets a caller
     * run the model layer by layer.
     *
     * @param layer the layer's index
     * @param hidden the layer's input {@code [B, T, hidden]}, not closed
     * @return the layer's output {@code [B, T, hidden]}
     */
    public Tensor forwardLayer(int layer, Tensor hidden) {
        LlamaDecoderLayer decoder = decoderLayer("forwardLayer", layer);
        Shape shape = hidden.shape();
        if (shape.rank() != 3 || shape.dim(1) < 1 || shape.dim(2) != config.hiddenSize()) {
            throw new TensorException("forwardLayer", "expected hidden states [B, T, " + config.hiddenSize()
                    + "] with T >= 1, got " + shape);
        }
        int length = Math.toIntExact(shape.dim(1));
        try (TensorScope scope = tensors.scope(); AttentionBuffers buffers = new AttentionBuffers(tensors.backend())) {
            LayerInputs inputs = new LayerInputs(tensors, rotary.tables(tensors, 0, length), length, 0,
                    config.slidingWindow(), buffers);
            return scope.keep(decoder.forward(hidden, inputs, null));
        }
    }

    /**
     * Applies the final RMSNorm and the output head to the last decoder layer's output.
     *
     * @param hidden {@code [B, T, hidden]}, not closed
     * @return logits {@code [B, T, V]}
     */
    public Tensor forwardHead(Tensor hidden) {
        try (TensorScope scope = tensors.scope()) {
            return scope.keep(head.apply(hidden.rmsNorm(finalNorm, (float) config.rmsNormEps())));
        }
    }

    private LlamaDecoderLayer decoderLayer(String op, int layer) {
        if (layer < 0 || layer >= layers.size()) {
            throw new TensorException(op, "layer " + layer + " does not exist; expected 0 .. "
                    + (layers.size() - 1));
        }
        return layers.get(layer);
    }

    /** Releases the weights; idempotent. */
    @Override
    public void close() {
        weights.tensors().values().forEach(Tensor::close);
    }

    @Override
    public String toString() {
        return "LlamaModel[" + config.architecture() + ", " + config.layers() + " layers, hidden "
                + config.hiddenSize() + ", vocabulary " + config.vocabularySize() + "]";
    }
}
