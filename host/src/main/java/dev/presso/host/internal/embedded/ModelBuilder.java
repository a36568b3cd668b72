package dev.presso.host.internal.embedded;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.presso.host.internal.calibration.ProgressOpener;
import dev.presso.host.internal.model.llama.LlamaConfig;
import dev.presso.host.internal.model.llama.LlamaConfigReader;
import dev.presso.host.internal.model.safetensors.Checkpoint;
import dev.presso.host.internal.model.safetensors.SafetensorsWriter;
import dev.presso.host.internal.tokenizer.TokenizerLoader;
import dev.presso.kernel.model.Tokenizer;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.tensor.Tensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the embedded model's folder from a recipe: generates the corpus, writes the tokenizer,
 * the configuration and the text splits, trains the model, measures it on the held-out stories,
 * and writes the weights and a training report. The folder is assumed new and private to this
 * call; {@link ModelCache} moves it into place.
 */
final class ModelBuilder {
    /** The generation configuration's name. */
    static final String GENERATION_CONFIG = "generation_config.json";
    /** The training report's name. */
    static final String REPORT = "training.json";
    /** The text splits' folder inside the model folder. */
    static final String DATA = "data";
    /** The training split's file name. */
    static final String TRAINING_TEXT = "train.txt";
    /** The held-out evaluation split's file name. */
    static final String EVALUATION_TEXT = "eval.txt";
    /** The calibration split's file name. */
    static final String CALIBRATION_TEXT = "calibration.txt";

    /** Decorrelates the seeds of the initial weights and of the batch order from the corpus seed. */
    private static final long WEIGHTS_SEED = 0x9E37_79B9_7F4A_7C15L;
    private static final long BATCHES_SEED = 0x632B_E59B_D9B4_E019L;
    /** Loss curve points kept in the report. */
    private static final int CURVE_POINTS = 50;

    private ModelBuilder() {}

    /**
     * Builds every file of the model into a folder.
     *
     * @param folder an empty or missing folder
     * @param recipe what to build
     * @param tensors the front end to train on
     * @param progress opens the training task's progress, one step per optimizer step
     * @throws IOException if a file cannot be written
     */
    static void build(Path folder, EmbeddedRecipe recipe, Tensors tensors, ProgressOpener progress)
            throws IOException {
        Corpus corpus = Corpus.generate(recipe.corpus(), recipe.seed());
        WordVocabulary vocabulary = WordVocabulary.of(corpus.all());
        int context = recipe.shape().maxPositions();
        TokenizerFiles.write(folder, vocabulary, context);
        Path configFile = folder.resolve(LlamaConfigReader.FILE_NAME);
        DurableFiles.json(configFile, recipe.shape().config(vocabulary.size()));
        DurableFiles.json(folder.resolve(GENERATION_CONFIG), DurableFiles.json().createObjectNode()
                .put("bos_token_id", WordVocabulary.BEGIN_ID).put("eos_token_id", WordVocabulary.END_ID)
                .put("max_length", context));
        Path data = folder.resolve(DATA);
        DurableFiles.text(data.resolve(TRAINING_TEXT), Corpus.text(corpus.training()));
        DurableFiles.text(data.resolve(EVALUATION_TEXT), Corpus.text(corpus.evaluation()));
        DurableFiles.text(data.resolve(CALIBRATION_TEXT), Corpus.text(corpus.calibration()));

        LlamaConfig config = LlamaConfigReader.read(configFile);
        try (Tokenizer tokenizer = TokenizerLoader.load(folder)) {
            TokenStream stream = TokenStream.of(corpus.training(), tokenizer);
            Parameters parameters = InitialWeights.draw(config, recipe.seed() ^ WEIGHTS_SEED);
            TrainingRun run;
            try (ProgressSink sink = progress.open("training the default model", recipe.training().steps())) {
                run = new Trainer(config, recipe.training(), tensors)
                        .train(parameters, stream, recipe.seed() ^ BATCHES_SEED, sink);
            }
            HeldOutEvaluation.Perplexities perplexities = HeldOutEvaluation.measure(config, parameters,
                    corpus.evaluation(), tokenizer, stream.counts(vocabulary.size()), tensors);
            DurableFiles.write(folder.resolve(Checkpoint.SINGLE_FILE),
                    out -> SafetensorsWriter.write(out, parameters.entries(), Map.of("format", "pt")));
            DurableFiles.json(folder.resolve(REPORT),
                    report(recipe, vocabulary, parameters, stream, run, perplexities, tensors));
        }
    }

    private static ObjectNode report(EmbeddedRecipe recipe, WordVocabulary vocabulary, Parameters parameters,
            TokenStream stream, TrainingRun run, HeldOutEvaluation.Perplexities perplexities, Tensors tensors) {
        ObjectNode report = DurableFiles.json().createObjectNode();
        report.put("key", recipe.key());
        report.set("recipe", recipe.toJson());
        report.put("vocabulary_size", vocabulary.size());
        report.put("parameters", parameters.count());
        report.put("training_tokens", stream.length());
        report.put("backend", tensors.backend().name());
        report.put("training_seconds", run.seconds());
        report.put("initial_loss", run.initialLoss());
        report.put("final_loss", run.finalLoss());
        report.put("held_out_perplexity", perplexities.model());
        report.put("held_out_unigram_perplexity", perplexities.unigram());
        report.put("held_out_targets", perplexities.targets());
        ArrayNode curve = report.putArray("loss_curve");
        int every = Math.max(1, run.losses().length / CURVE_POINTS);
        for (int step = 0; step < run.losses().length; step += every) {
            curve.addObject().put("step", step).put("loss", run.losses()[step]);
        }
        return report;
    }
}
