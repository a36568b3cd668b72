package dev.presso.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.search.SearchStrategyProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Discovery, declared options, levels, and settings refused with the setting, its value and the expectation. */
class ProvidersTest {
    @Test
    void serviceLoaderFindsEveryProvider() {
        List<String> methods = ServiceLoader.load(CompressionMethodProvider.class).stream()
                .map(p -> p.get().id()).sorted().toList();
        List<String> strategies = ServiceLoader.load(SearchStrategyProvider.class).stream()
                .map(p -> p.get().id()).sorted().toList();
        assertEquals(List.of("magnitude", "rtn", "svd"), methods);
        assertEquals(List.of("brute-force", "dp", "random", "uniform", "uniform-mix"), strategies);
    }

    @Test
    void optionsDeclareTheirDefaults() {
        assertEquals(Map.of("group-size", "0", "symmetric", "false"), defaults(new RtnMethodProvider().options()));
        assertEquals(Map.of("pattern", "unstructured"), defaults(new MagnitudeMethodProvider().options()));
        assertEquals(Map.of("whitened", "false", "damp", "0.01"), defaults(new SvdMethodProvider().options()));
        assertEquals(Map.of(), defaults(new UniformSearchProvider().options()));
    }

    private static Map<String, String> defaults(List<PluginOption> options) {
        return options.stream().collect(Collectors.toMap(PluginOption::name, PluginOption::defaultValue));
    }

    @Test
    void rtnOffersEightDownToTwoBits() {
        List<Level> levels = new RtnMethodProvider().create(Map.of()).levels();
        assertEquals(new Level("8bit", 8), levels.getFirst());
        assertEquals(new Level("4bit", 4), levels.get(4));
        assertEquals(new Level("2bit", 2), levels.getLast());
        assertEquals(7, levels.size());
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @CsvSource(delimiter = ';', value = {
        "rtn; group-size; -1; setting 'group-size' is \"-1\"; expected an integer >= 0",
        "rtn; group-size; 32.5; setting 'group-size' is \"32.5\"; expected an integer >= 0",
        "rtn; symmetric; yes; setting 'symmetric' is \"yes\"; expected true or false",
        "rtn; bits; 4; unknown setting 'bits' (value \"4\"); expected one of group-size, symmetric",
        "rtn; group_size; 8; unknown setting 'group_size' (value \"8\"); did you mean 'group-size'?",
        "magnitude; pattern; 4:2; setting 'pattern' is \"4:2\"; expected unstructured or N:M",
        "magnitude; pattern; structured; setting 'pattern' is \"structured\"; expected unstructured or N:M",
        "svd; damp; -0.1; setting 'damp' is \"-0.1\"; expected a number in [0.0, 1000.0]",
        "svd; damp; NaN; setting 'damp' is \"NaN\"; expected a number in [0.0, 1000.0]",
        "svd; whitened; 1; setting 'whitened' is \"1\"; expected true or false",
        "svd; rank; 8; unknown setting 'rank' (value \"8\"); expected one of whitened, damp"})
    void badSettingsAreRefusedNamingSettingValueAndExpectation(String id, String setting, String value,
            String expected) {
        CompressionMethodProvider provider = switch (id) {
            case "rtn" -> new RtnMethodProvider();
            case "magnitude" -> new MagnitudeMethodProvider();
            default -> new SvdMethodProvider();
        };
        PressoException e = assertThrows(PressoException.class, () -> provider.create(Map.of(setting, value)));
        assertTrue(e.getMessage().startsWith("method " + id + ": ") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void providersDescribeThemselves() {
        for (Supplier<CompressionMethodProvider> provider : List.<Supplier<CompressionMethodProvider>>of(
                RtnMethodProvider::new, MagnitudeMethodProvider::new, SvdMethodProvider::new)) {
            CompressionMethodProvider p = provider.get();
            assertTrue(p.description().endsWith("."), p.id());
            assertEquals(p.id(), p.create(Map.of()).id());
        }
        assertEquals("uniform", new UniformSearchProvider().create(Map.of()).id());
    }
}
