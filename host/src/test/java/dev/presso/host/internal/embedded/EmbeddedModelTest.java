package dev.presso.host.internal.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.Models;
import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.calibration.ProgressOpener;
import dev.presso.host.internal.model.safetensors.Checkpoint;
import dev.presso.host.internal.tokenizer.TokenizerLoader;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.model.Tokenizer;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny model trained end to end on the reference backend: the loss falls, the folder loads back
 * through {@link Models} and the tokenizer loader, the held-out perplexity beats the unigram
 * baseline, the second call is served from the cache, and the same seed gives the same bytes.
 */
class EmbeddedModelTest {
    @Test
    void trainsATinyModelThatLoadsBackAndBeatsTheUnigramBaseline(@TempDir Path cache) throws IOException {
        EmbeddedRecipe recipe = TinyRecipes.tiny(7);
        TinyRecipes.CountingProgress progress = new TinyRecipes.CountingProgress();
        try (TensorBackend backend = new ReferenceBackend()) {
            Tensors tensors = TensorRuntime.tensors(backend);
            assertTrue(EmbeddedModel.cached(cache, recipe).isEmpty());
            EmbeddedModel model = EmbeddedModel.ensure(cache, recipe, tensors, progress);
            assertEquals(model.directory(), EmbeddedModel.cached(cache, recipe).orElseThrow().directory());
            assertEquals(0, backend.memoryStats().liveArrays(), "training and evaluation released every tensor");

            assertEquals(cache.resolve("models").resolve("default-" + recipe.key()), model.directory());
            assertEquals(1, progress.opened.get());
            assertEquals(recipe.training().steps(), progress.steps.get());
            assertEquals(recipe.training().steps(), progress.total.get());
            assertTrue(progress.lastStatus.startsWith("loss "), progress.lastStatus);

            JsonNode report = DurableFiles.json().readTree(model.report().toFile());
            double initial = report.get("initial_loss").asDouble();
            double last = report.get("final_loss").asDouble();
            double perplexity = report.get("held_out_perplexity").asDouble();
            double unigram = report.get("held_out_unigram_perplexity").asDouble();
            System.out.printf("tiny model: loss %.3f -> %.3f, held-out perplexity %.2f (unigram %.2f), %.2f s%n",
                    initial, last, perplexity, unigram, report.get("training_seconds").asDouble());
            assertTrue(last < initial - 1.0, "the training loss falls by more than a nat: " + initial + " -> " + last);
            assertTrue(perplexity < 0.8 * unigram, "held-out perplexity " + perplexity + " vs unigram " + unigram);
            assertEquals(recipe.key(), report.get("key").asText());

            loadsBack(model, tensors, recipe.shape().maxPositions(), perplexity);
            assertTrue(Files.readString(model.evaluationText()).contains("\n" + EmbeddedModel.documentSeparator() + "\n"));
            assertTrue(Files.size(model.calibrationText()) > 0);
            assertTrue(Files.size(model.trainingText()) > Files.size(model.evaluationText()));

            EmbeddedModel again = EmbeddedModel.ensure(cache, recipe, tensors, progress);
            assertEquals(model.directory(), again.directory());
            assertEquals(1, progress.opened.get(), "the second call trains nothing");
            try (var entries = Files.list(cache.resolve("models"))) {
                assertEquals(List.of("default-" + recipe.key(), "default-" + recipe.key() + ".lock"),
                        entries.map(p -> p.getFileName().toString()).sorted().toList(), "no partial folder is left");
            }
        }
    }

    /**
     * Loads the folder as a user would and recomputes the held-out perplexity from the text file,
     * each story cut to the model's context.
     */
    private static void loadsBack(EmbeddedModel model, Tensors tensors, int context, double reported)
            throws IOException {
        try (Tokenizer tokenizer = TokenizerLoader.load(model.directory());
                TensorScope _ = tensors.scope(); GradMode _ = tensors.noGrad()) {
            assertEquals(1, tokenizer.bosId().orElseThrow());
            assertEquals(List.of(2), tokenizer.eosIds());
            CausalLM lm = Models.load(model.directory(), tensors);
            assertEquals("LlamaForCausalLM", lm.architecture());
            assertEquals(tokenizer.vocabularySize(), lm.vocabularySize());
            double nll = 0;
            long targets = 0;
            String separator = Pattern.quote("\n" + Corpus.SEPARATOR + "\n");
            for (String document : Files.readString(model.evaluationText()).split(separator)) {
                int[] ids = tokenizer.encode(document.strip(), true);
                ids = java.util.Arrays.copyOf(ids, Math.min(ids.length, context + 1));
                int[] inputs = java.util.Arrays.copyOf(ids, ids.length - 1);
                int[] next = java.util.Arrays.copyOfRange(ids, 1, ids.length);
                try (TensorScope _ = tensors.scope()) {
                    nll += NextTokenLoss.sum(tensors, lm.forward(tensors.ofInts(inputs, Shape.of(1, inputs.length))),
                            next).item();
                }
                targets += next.length;
            }
            assertEquals(reported, Math.exp(nll / targets), 1e-4 * reported,
                    "the reloaded model reproduces the reported held-out perplexity");
        }
    }

    @Test
    void theSameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path first, @TempDir Path second,
            @TempDir Path third) throws IOException {
        try (TensorBackend backend = new ReferenceBackend()) {
            Tensors tensors = TensorRuntime.tensors(backend);
            EmbeddedRecipe recipe = tinier(11);
            Path a = EmbeddedModel.ensure(first, recipe, tensors, ProgressOpener.NONE).directory();
            Path b = EmbeddedModel.ensure(second, recipe, tensors, ProgressOpener.NONE).directory();
            for (String file : List.of(Checkpoint.SINGLE_FILE, "config.json", "tokenizer.json",
                    "tokenizer_config.json", "generation_config.json", "data/train.txt", "data/eval.txt")) {
                assertArrayEquals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)), file);
            }
            Path c = EmbeddedModel.ensure(third, tinier(12), tensors, ProgressOpener.NONE).directory();
            assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve(Checkpoint.SINGLE_FILE)),
                    Files.readAllBytes(c.resolve(Checkpoint.SINGLE_FILE))));
            assertFalse(a.getFileName().equals(c.getFileName()), "the seed is part of the cache key");
        }
    }

    @Test
    void aCacheFolderThatCannotBeCreatedIsAClearError(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("cache"), "not a folder");
        try (TensorBackend backend = new ReferenceBackend()) {
            PressoException e = assertThrows(PressoException.class, () -> EmbeddedModel.ensure(file, tinier(1),
                    TensorRuntime.tensors(backend), ProgressOpener.NONE));
            assertTrue(e.getMessage().startsWith("cannot build the default model in " + file.resolve("models")),
                    e.getMessage());
            assertTrue(e.getMessage().contains("set PRESSO_CACHE or -Dpresso.cache"), e.getMessage());
        }
    }

    /** A few steps of the tiny recipe: enough to move every weight. */
    private static EmbeddedRecipe tinier(long seed) {
        EmbeddedRecipe tiny = TinyRecipes.tiny(seed);
        TrainingSettings t = tiny.training();
        return new EmbeddedRecipe(seed, new CorpusSettings(20, 2, 2), tiny.shape(), new TrainingSettings(5,
                t.batchSize(), t.sequenceLength(), t.peakLearningRate(), t.finalLearningRateRatio(), 2,
                t.weightDecay(), t.beta1(), t.beta2(), t.epsilon(), t.gradientClip()));
    }
}
