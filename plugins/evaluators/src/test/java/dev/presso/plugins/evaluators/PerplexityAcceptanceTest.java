package dev.presso.plugins.evaluators;

import dev.presso.fixtures.CountingPluginContext;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.evaluation.EvaluationData;
import dev.presso.kernel.evaluation.EvaluationRequest;
import dev.presso.kernel.evaluation.Metric;
import dev.presso.kernel.model.CausalLM;
import dev.presso.modelfixtures.Stories260k;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dense perplexity of stories260K on the reference protocols of the shared data, on tensor-cpu. */
class PerplexityAcceptanceTest {
    private static Stories260k data;
    private static CausalLM model;
    private static CountingPluginContext context;

    @BeforeAll
    static void load() {
        data = new Stories260k();
        model = data.model();
        context = new CountingPluginContext(data.tensors());
    }

    @AfterAll
    static void close() throws Exception {
        if (model instanceof AutoCloseable closeable) {
            closeable.close();
        }
        if (data != null) {
            data.close();
        }
    }

    static List<Metric> perplexity(EvaluationData sequences, Map<String, String> settings) {
        return new PerplexityEvaluatorProvider().create(settings)
                .evaluate(EvaluationRequest.of(model, sequences), context);
    }

    /** The first stories, for checks of the protocols that need no reference number. */
    static EvaluationData firstStories(int count) {
        EvaluationData all = data.stories();
        List<int[]> first = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            first.add(all.sequence(i));
        }
        return EvaluationData.of("first " + count + " stories", first);
    }

    static double metric(List<Metric> metrics, String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void realTextMatchesTheDenseTextProtocol() {
        JsonNode expected = data.json("reference.json").get("dense_text_ppl");
        List<Metric> metrics = perplexity(data.stories(), Map.of("max-length", "512"));
        assertAll(
                () -> assertEquals(expected.get("perplexity").doubleValue(), metric(metrics, "perplexity"), 5e-4),
                () -> assertEquals(3.3926, metric(metrics, "perplexity"), 5e-4),
                () -> assertEquals(expected.get("mean_nll_nats").doubleValue(), metric(metrics, "nll"), 1e-4),
                () -> assertEquals(43_890, metric(metrics, "predicted-tokens")),
                () -> assertEquals(134, metric(metrics, "windows")));
    }

    @Test
    void samplesMatchTheDenseEvaluationOnSamplesAtHighThroughput() {
        EvaluationData samples = data.samples();
        perplexity(samples, Map.of());  // warm-up: JIT and first-touch allocation
        long start = System.nanoTime();
        List<Metric> metrics = perplexity(samples, Map.of());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("perplexity on 64 x 256 samples: %.4f, %.3f s, %.0f tokens/s%n",
                metric(metrics, "perplexity"), seconds, 64 * 256 / seconds);
        assertAll(
                () -> assertEquals(2.6827, metric(metrics, "perplexity"), 5e-4),
                () -> assertEquals(0.98681, metric(metrics, "nll"), 1e-4),
                () -> assertEquals(64 * 255, metric(metrics, "predicted-tokens")));
    }

    @Test
    void slidingWindowsScoreEveryTokenOnceWithLessContext() {
        EvaluationData stories = firstStories(24);
        long expectedTokens = stories.tokenCount() - stories.sequenceCount();
        List<Metric> whole = perplexity(stories, Map.of());
        List<Metric> sliding = perplexity(stories, Map.of("protocol", "sliding", "max-length", "64", "stride", "32"));
        List<Metric> sparse = perplexity(stories, Map.of("protocol", "sliding", "max-length", "64", "stride", "63"));
        assertAll(
                () -> assertEquals(expectedTokens, metric(whole, "predicted-tokens")),
                () -> assertEquals(expectedTokens, metric(sliding, "predicted-tokens")),
                () -> assertEquals(expectedTokens, metric(sparse, "predicted-tokens")),
                // Less context predicts worse: stride 32 keeps at least 32 ids of it, stride 63 only one.
                () -> assertTrue(metric(whole, "nll") < metric(sliding, "nll"), whole + " vs " + sliding),
                () -> assertTrue(metric(sliding, "nll") < metric(sparse, "nll"), sliding + " vs " + sparse));
    }

    @Test
    void slidingWithWindowsLongerThanEverySequenceIsTheDocumentProtocol() {
        EvaluationData stories = firstStories(12);
        double document = metric(perplexity(stories, Map.of()), "nll");
        double sliding = metric(perplexity(stories, Map.of("protocol", "sliding", "max-length", "1024")), "nll");
        assertEquals(document, sliding, 1e-9);
    }

    @Test
    void batchSizeDoesNotChangeTheResult() {
        EvaluationData stories = firstStories(12);
        double auto = metric(perplexity(stories, Map.of("max-length", "256")), "nll");
        double small = metric(perplexity(stories, Map.of("max-length", "256", "batch-tokens", "300")), "nll");
        assertEquals(auto, small, 1e-6);
    }

    @Test
    void idsOutsideTheVocabularyAreRefusedWithTheirPlace() {
        EvaluationData bad = EvaluationData.of("bad.json", List.of(new int[] {1, 2, 3}, new int[] {1, 512}));
        PressoException e = assertThrows(PressoException.class, () -> perplexity(bad, Map.of()));
        assertTrue(e.getMessage().contains("bad.json: sequence 1 has id 512 at position 1"), e.getMessage());
    }

    @Test
    void dataWithNothingToPredictIsRefused() {
        EvaluationData empty = EvaluationData.of("short.json", List.of(new int[] {1}, new int[0]));
        PressoException e = assertThrows(PressoException.class, () -> perplexity(empty, Map.of()));
        assertTrue(e.getMessage().contains("nothing to predict"), e.getMessage());
    }
}
