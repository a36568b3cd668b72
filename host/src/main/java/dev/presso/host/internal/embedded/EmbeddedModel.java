package dev.presso.host.internal.embedded;

import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.calibration.ProgressOpener;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.Tensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The embedded default model ({@code model: default}): a small LLaMA that Presso trains on stories
 * it generates, so that pipelines run on a fresh machine with nothing to download.
 *
 * <p>The first call trains it (under a minute on two cores) and caches it as a Hugging Face model
 * directory under {@code <cache>/models/default-<key>}, where the key hashes everything that
 * determines the model; later calls, from any process, return the cached folder at once. The
 * folder holds {@code config.json} ({@code LlamaForCausalLM}), {@code model.safetensors} (F32),
 * {@code tokenizer.json}, {@code tokenizer_config.json}, {@code generation_config.json}, a
 * {@code training.json} report (loss curve, held-out perplexity, unigram baseline), and
 * {@code data/} with the training, evaluation and calibration stories as text files whose
 * documents are separated by {@code <|endoftext|>} lines.
 *
 * <pre>{@code
 * EmbeddedModel model = EmbeddedModel.ensure(EmbeddedModel.defaultCacheRoot(), tensors, ProgressOpener.NONE);
 * CausalLM lm = Models.load(model.directory(), tensors);
 * }</pre>
 *
 * <p>The same seed gives byte-identical weights on the same backend and thread count.
 */
public final class EmbeddedModel {
    /** The model's name in pipelines. */
    public static final String NAME = "default";
    /** The system property that sets the cache folder. */
    public static final String CACHE_PROPERTY = "presso.cache";
    /** The environment variable that sets the cache folder when the property is not set. */
    public static final String CACHE_ENVIRONMENT = "PRESSO_CACHE";
    /** The folder of the cache that holds models. */
    static final String MODELS = "models";

    private static final ModelCache CACHE = new ModelCache(ModelBuilder.REPORT);

    private final Path directory;

    private EmbeddedModel(Path directory) {
        this.directory = directory;
    }

    /**
     * Returns the cache folder: the system property {@value #CACHE_PROPERTY}, else the environment
     * variable {@value #CACHE_ENVIRONMENT}, else {@code $XDG_CACHE_HOME/presso}, else
     * {@code ~/.cache/presso}.
     *
     * @return the folder, which may not exist yet
     */
    public static Path defaultCacheRoot() {
        return cacheRoot(System::getProperty, System::getenv);
    }

    static Path cacheRoot(Function<String, String> properties, Function<String, String> environment) {
        String property = properties.apply(CACHE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String variable = environment.apply(CACHE_ENVIRONMENT);
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable);
        }
        String xdg = environment.apply("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "presso");
        }
        return Path.of(properties.apply("user.home"), ".cache", "presso");
    }

    /**
     * Returns the default model, training and caching it first if the cache does not hold it.
     *
     * @param cacheRoot the cache folder, such as {@link #defaultCacheRoot()}
     * @param tensors the front end to train on; gradient recording must be on
     * @param progress opens the training's progress task, one step per optimizer step; not opened
     *     when the model is cached
     * @return the model's files
     * @throws PressoException if the cache folder cannot be written
     */
    public static EmbeddedModel ensure(Path cacheRoot, Tensors tensors, ProgressOpener progress) {
        return ensure(cacheRoot, EmbeddedRecipe.DEFAULT, tensors, progress);
    }

    static EmbeddedModel ensure(Path cacheRoot, EmbeddedRecipe recipe, Tensors tensors, ProgressOpener progress) {
        Path entry = entry(cacheRoot, recipe);
        try {
            return new EmbeddedModel(CACHE.ensure(entry,
                    folder -> ModelBuilder.build(folder, recipe, tensors, progress)));
        } catch (IOException | UncheckedIOException e) {
            throw new PressoException("cannot build the default model in " + entry + ": " + e.getMessage()
                    + "; expected a writable cache folder (set " + CACHE_ENVIRONMENT + " or -D" + CACHE_PROPERTY
                    + " to another one)", e);
        }
    }

    /**
     * Returns the default model if the cache already holds it, without training.
     *
     * @param cacheRoot the cache folder
     * @return the model's files, or empty
     */
    public static Optional<EmbeddedModel> cached(Path cacheRoot) {
        return cached(cacheRoot, EmbeddedRecipe.DEFAULT);
    }

    static Optional<EmbeddedModel> cached(Path cacheRoot, EmbeddedRecipe recipe) {
        Path entry = entry(cacheRoot, recipe);
        return CACHE.isComplete(entry) ? Optional.of(new EmbeddedModel(entry)) : Optional.empty();
    }

    private static Path entry(Path cacheRoot, EmbeddedRecipe recipe) {
        return cacheRoot.resolve(MODELS).resolve(NAME + "-" + recipe.key());
    }

    /**
     * Returns the default model's folder in the default cache, training it on the default tensor
     * provider on first use (about a minute on 2 cores).
     *
     * @param progress opens the training's progress task
     * @return the model folder
     */
    public static Path ensureDefault(ProgressOpener progress) {
        try (TensorBackend backend = TensorRuntime.openBackend(Optional.empty(), BackendOptions.defaults())) {
            return ensure(defaultCacheRoot(), TensorRuntime.tensors(backend), progress).directory();
        }
    }

    /**
     * Views a folder {@link #ensure} made, to reach its data files.
     *
     * @param directory the model folder
     * @return the model's files
     */
    public static EmbeddedModel at(Path directory) {
        return new EmbeddedModel(directory);
    }

    /** Returns the Hugging Face model directory. @return the folder, for {@code Models.load} */
    public Path directory() {
        return directory;
    }

    /** Returns the held-out evaluation stories. @return a UTF-8 text file */
    public Path evaluationText() {
        return data(ModelBuilder.EVALUATION_TEXT);
    }

    /** Returns the calibration stories, disjoint from the others. @return a UTF-8 text file */
    public Path calibrationText() {
        return data(ModelBuilder.CALIBRATION_TEXT);
    }

    /** Returns the stories the model was trained on. @return a UTF-8 text file */
    public Path trainingText() {
        return data(ModelBuilder.TRAINING_TEXT);
    }

    /** Returns the training report: recipe, loss curve and perplexities. @return a JSON file */
    public Path report() {
        return directory.resolve(ModelBuilder.REPORT);
    }

    /** Returns the separator line between stories in the text files. @return {@code <|endoftext|>} */
    public static String documentSeparator() {
        return Corpus.SEPARATOR;
    }

    private Path data(String file) {
        return directory.resolve(ModelBuilder.DATA).resolve(file);
    }

    @Override
    public String toString() {
        return "EmbeddedModel[" + directory + "]";
    }
}
