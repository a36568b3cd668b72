package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.classpath.ClasspathCatalog;
import dev.presso.host.internal.data.DataFormat;
import dev.presso.host.internal.data.TokenDataFiles;
import dev.presso.host.internal.model.llama.LlamaModel;
import dev.presso.host.internal.run.Providers;
import dev.presso.host.internal.tokenizer.TokenizerLoader;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.evaluation.EvaluationData;
import dev.presso.kernel.evaluation.EvaluationRequest;
import dev.presso.kernel.evaluation.Evaluator;
import dev.presso.kernel.evaluation.EvaluatorProvider;
import dev.presso.kernel.evaluation.Metric;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.model.Tokenizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code presso eval DIR --data FILE --metric ID}: runs an evaluator plugin on a model and a data
 * file and prints its metrics with the time taken. Evaluators are found with {@code ServiceLoader};
 * {@code --max-length} defaults to the model's context length.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a model on data with an evaluator plugin: perplexity, kl-divergence (needs"
                + " --reference) or layer-error. Data: token ids as JSON (.json) or raw little-endian int32 (.i32,"
                + " .bin), or text (.txt) split into documents at <|endoftext|> lines and tokenized with the model's"
                + " tokenizer."})
final class EvalCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Hugging Face model directory.")
    private Path directory;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The data file.")
    private Path data;

    @Option(names = "--metric", paramLabel = "ID", defaultValue = "perplexity",
            description = "Evaluator id (default: ${DEFAULT-VALUE}).")
    private String metric;

    @Option(names = "--protocol", paramLabel = "P", description = "Perplexity protocol: document or sliding.")
    private @Nullable String protocol;

    @Option(names = "--max-length", paramLabel = "N",
            description = "Ids read from a fresh context (default: the model's context length).")
    private @Nullable Integer maxLength;

    @Option(names = "--stride", paramLabel = "N", description = "Distance between sliding windows.")
    private @Nullable Integer stride;

    @Option(names = "--top-k", paramLabel = "K", description = "KL over the reference's top K tokens (0: full).")
    private @Nullable Integer topK;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Any other evaluator setting.")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--reference", paramLabel = "DIR", description = "Reference model for kl-divergence.")
    private @Nullable Path reference;

    @Option(names = "--format", paramLabel = "F", description = "Data format: json, int32 or text (default: from"
            + " the extension).")
    private @Nullable DataFormat format;

    @Option(names = "--row-length", paramLabel = "N", description = "Ids per sequence in an int32 file (default:"
            + " the whole file is one sequence).")
    private @Nullable Integer rowLength;

    @Option(names = "--separator", paramLabel = "LINE", defaultValue = "<|endoftext|>",
            description = "The line that separates documents in a text file (default: ${DEFAULT-VALUE}).")
    private String separator;

    @Mixin private BackendChoice backend;

    @Override
    public Integer call() {
        EvaluatorProvider provider = new Providers(ClasspathCatalog.ofHost()).evaluator(metric).provider();
        try (LoadedModel loaded = new LoadedModel(backend)) {
            LlamaModel model = loaded.load(directory);
            Evaluator evaluator = provider.create(settings(provider, model.config().maxPositionEmbeddings()));
            if (evaluator.needsReference() && reference == null) {
                throw new PressoException("--metric " + metric + " compares with a reference model; give it with"
                        + " --reference DIR, such as the uncompressed original");
            }
            EvaluationData sequences = readData();
            Optional<CausalLM> referenceModel = Optional.ofNullable(reference).map(loaded::load);
            long start = System.nanoTime();
            List<Metric> metrics = evaluator.evaluate(new EvaluationRequest(model, referenceModel, sequences),
                    new CommandContext(loaded.tensors(), 0));
            double seconds = (System.nanoTime() - start) / 1e9;
            report(provider.id(), sequences, seconds, metrics, loaded.tensors().backend().name());
        }
        return 0;
    }

    private Map<String, String> settings(EvaluatorProvider provider, int contextLength) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        put(all, "protocol", protocol);
        put(all, "max-length", maxLength);
        put(all, "stride", stride);
        put(all, "top-k", topK);
        return Providers.withMaxLength(provider, all, contextLength);
    }

    private static void put(Map<String, String> settings, String name, @Nullable Object value) {
        if (value != null) {
            settings.put(name, value.toString());
        }
    }

    private EvaluationData readData() {
        TokenDataFiles.Options options = new TokenDataFiles.Options(Optional.ofNullable(format),
                rowLength == null ? OptionalInt.empty() : OptionalInt.of(rowLength), separator, true);
        Tokenizer[] tokenizer = new Tokenizer[1];
        try {
            return TokenDataFiles.read(data, options, () -> tokenizer[0] = TokenizerLoader.load(directory));
        } finally {
            if (tokenizer[0] != null) {
                tokenizer[0].close();
            }
        }
    }

    private void report(String id, EvaluationData sequences, double seconds, List<Metric> metrics, String backendName) {
        PrintWriter out = spec.commandLine().getOut();
        long tokens = sequences.tokenCount();
        out.printf("%s of %s on %s (%,d sequences, %,d tokens): %.2f s, %,.0f tokens/s on %s%n", id, directory,
                sequences.source(), sequences.sequenceCount(), tokens, seconds, tokens / seconds, backendName);
        int width = metrics.stream().mapToInt(m -> m.name().length()).max().orElse(0);
        for (Metric m : metrics) {
            out.printf("  %-" + width + "s  %s%s%n", m.name(), format(m.value()), m.unit().isEmpty() ? "" : " " + m.unit());
        }
        out.flush();
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.format("%,d", (long) value)
                : String.format("%.6f", value);
    }
}
