package dev.presso.plugins.evaluators;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.evaluation.EvaluatorProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.Test;

/** Discovery of the providers and the checking of their settings. */
class ProvidersTest {
    private static String message(Executable call) {
        return assertThrows(PressoException.class, call).getMessage();
    }

    @Test
    void serviceLoaderFindsEveryEvaluator() {
        List<String> ids = ServiceLoader.load(EvaluatorProvider.class).stream()
                .map(p -> p.get().id()).sorted().toList();
        assertEquals(List.of("kl-divergence", "layer-error", "perplexity"), ids);
    }

    @Test
    void everyOptionHasADescriptionAndItsDefaultIsAccepted() {
        for (EvaluatorProvider provider : ServiceLoader.load(EvaluatorProvider.class)) {
            Map<String, String> defaults = new java.util.HashMap<>();
            for (PluginOption option : provider.options()) {
                assertTrue(!option.description().isBlank(), provider.id() + " " + option.name());
                defaults.put(option.name(), option.defaultValue());
            }
            assertEquals(provider.id(), provider.create(defaults).id());
        }
    }

    @Test
    void badSettingsAreNamedWithWhatWasExpected() {
        PerplexityEvaluatorProvider perplexity = new PerplexityEvaluatorProvider();
        assertAll(
                () -> assertEquals("evaluator perplexity: unknown setting 'strid' (value \"3\"); did you mean"
                        + " 'stride'? expected one of protocol, max-length, stride, batch-tokens", message(() -> perplexity.create(Map.of("strid", "3")))),
                () -> assertEquals("evaluator perplexity: setting 'protocol' is \"window\"; expected one of document,"
                        + " sliding",
                        message(() -> perplexity.create(Map.of("protocol", "window")))),
                () -> assertEquals("evaluator perplexity: setting 'max-length' is \"-1\"; expected an integer >= 0",
                        message(() -> perplexity.create(Map.of("max-length", "-1")))),
                () -> assertTrue(message(() -> perplexity.create(Map.of("protocol", "sliding")))
                        .contains("'max-length' is \"0\"; expected an integer >= 2 with the sliding protocol")),
                () -> assertTrue(message(() -> perplexity.create(
                        Map.of("protocol", "sliding", "max-length", "8", "stride", "8"))).contains("below max-length (8)")),
                () -> assertEquals("evaluator layer-error: setting 'activations' is \"yes\"; expected true or false",
                        message(() -> new LayerErrorEvaluatorProvider().create(Map.of("activations", "yes")))),
                () -> assertEquals("evaluator kl-divergence: setting 'top-k' is \"x\"; expected an integer >= 0",
                        message(() -> new KlDivergenceEvaluatorProvider().create(Map.of("top-k", "x")))));
    }
}
