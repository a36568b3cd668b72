package dev.presso.host.internal.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.presso.host.TensorRuntime;
import dev.presso.kernel.tensor.TensorBackend;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the real default model, on the backend {@link TensorRuntime} selects (about half a minute
 * with the CPU provider on two cores, many minutes on the float64 reference backend), and checks that
 * it is far better than the unigram baseline on held-out stories. Off by default: run with
 * {@code -Dpresso.embedded.full=true} and a fast provider on the class path.
 */
@EnabledIfSystemProperty(named = "presso.embedded.full", matches = "true")
class DefaultModelTrainingTest {
    @Test
    void theDefaultModelLearnsTheStories(@TempDir Path cache) throws IOException {
        try (TensorBackend backend = TensorRuntime.openBackend()) {
            TinyRecipes.CountingProgress progress = new TinyRecipes.CountingProgress();
            EmbeddedModel model = EmbeddedModel.ensure(cache, TensorRuntime.tensors(backend), progress);
            JsonNode report = DurableFiles.json().readTree(model.report().toFile());
            double perplexity = report.get("held_out_perplexity").asDouble();
            double unigram = report.get("held_out_unigram_perplexity").asDouble();
            System.out.printf("default model on %s: %d parameters, %.1f s, loss %.3f -> %.3f, held-out perplexity"
                    + " %.3f (unigram %.1f)%n", backend.name(), report.get("parameters").asLong(),
                    report.get("training_seconds").asDouble(), report.get("initial_loss").asDouble(),
                    report.get("final_loss").asDouble(), perplexity, unigram);
            assertEquals(EmbeddedRecipe.DEFAULT.training().steps(), progress.steps.get());
            assertTrue(perplexity < 3.0, "held-out perplexity " + perplexity);
            assertTrue(perplexity < unigram / 20, "held-out perplexity " + perplexity + " vs unigram " + unigram);
        }
    }
}
