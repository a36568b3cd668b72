package dev.presso.host.internal.cli;

import dev.presso.host.internal.model.KvCache;
import dev.presso.host.internal.model.llama.LlamaModel;
import dev.presso.host.internal.tokenizer.TokenizerLoader;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.model.Tokenizer;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code presso generate DIR --prompt TEXT}: continues a prompt with the model, printing text as
 * tokens are produced. The prompt is encoded with the tokenizer's special tokens (such as BOS); the
 * prompt runs in one pass and every new token in one more, reusing a key/value cache. Generation
 * stops after {@code --max-tokens} or at an end-of-sequence id.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Continue a prompt, streaming text as it is generated. Greedy at temperature 0 (the"
                + " default); otherwise samples with temperature and nucleus (top-p), reproducibly for a seed."})
final class GenerateCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Hugging Face model directory with tokenizer.json.")
    private Path directory;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The text to continue.")
    private String prompt;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "128",
            description = "Most tokens to generate (default: ${DEFAULT-VALUE}).")
    private int maxTokens;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0",
            description = "0 picks the most likely token; larger values sample more freely (default: ${DEFAULT-VALUE}).")
    private double temperature;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "0.9",
            description = "Sample only from the most likely tokens whose probability reaches P (default: ${DEFAULT-VALUE}).")
    private double topP;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Random seed for sampling (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin private BackendChoice backend;

    @Override
    public Integer call() {
        if (maxTokens < 0) {
            throw new PressoException("--max-tokens is " + maxTokens + "; expected 0 or more");
        }
        TokenSampler sampler = new TokenSampler(temperature, topP, seed);
        PrintWriter out = spec.commandLine().getOut();
        try (LoadedModel loaded = new LoadedModel(backend)) {
            LlamaModel model = loaded.load(directory);
            try (Tokenizer tokenizer = TokenizerLoader.load(directory)) {
                int[] ids = tokenizer.encode(prompt, true);
                if (ids.length == 0) {
                    throw new PressoException("the prompt encodes to no tokens and the tokenizer adds no"
                            + " beginning-of-sequence token; give a non-empty --prompt");
                }
                TextStream text = new TextStream(tokenizer, ids);
                out.print(text.start());
                out.flush();
                generate(model, loaded.tensors(), ids, sampler, tokenizer, text, out);
                out.println();
                out.flush();
            }
        }
        return 0;
    }

    private void generate(LlamaModel model, Tensors tensors, int[] prompt, TokenSampler sampler, Tokenizer tokenizer,
            TextStream text, PrintWriter out) {
        try (GradMode _ = tensors.noGrad(); KvCache cache = model.newCache(1, prompt.length + (long) maxTokens)) {
            int[] input = prompt;
            for (int step = 0; step < maxTokens; step++) {
                int next;
                try (TensorScope _ = tensors.scope()) {
                    Tensor logits = model.forward(tensors.ofInts(input, Shape.of(1, input.length)), cache);
                    long last = logits.shape().dim(1) - 1;
                    next = sampler.next(logits.slice(1, last, last + 1).toFloatArray());
                }
                if (tokenizer.eosIds().contains(next)) {
                    return;
                }
                out.print(text.add(next));
                out.flush();
                input = new int[] {next};
            }
        }
    }
}
