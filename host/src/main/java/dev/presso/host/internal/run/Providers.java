package dev.presso.host.internal.run;

import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.Provided;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.evaluation.EvaluatorProvider;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.kernel.plugin.PluginOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Finds the providers a pipeline or a command names in the catalog, with the plugin each came from. */
public final class Providers {
    private final Catalog catalog;

    /**
     * Looks providers up in a catalog.
     *
     * @param catalog the catalog
     */
    public Providers(Catalog catalog) {
        this.catalog = catalog;
    }

    Provided<CompressionMethodProvider> method(String id) {
        return find(CompressionMethodProvider.class, id, CompressionMethodProvider::id, "method");
    }

    Provided<SearchStrategyProvider> strategy(String id) {
        return find(SearchStrategyProvider.class, id, SearchStrategyProvider::id, "search strategy");
    }

    /**
     * Finds the evaluator provider of a metric id.
     *
     * @param id the evaluator id, such as {@code perplexity}
     * @return the provider and its plugin
     * @throws PressoException naming the installed ids when none or several match
     */
    public Provided<EvaluatorProvider> evaluator(String id) {
        return find(EvaluatorProvider.class, id, EvaluatorProvider::id, "metric");
    }

    /**
     * Returns evaluator settings with {@code max-length} set to a default when the evaluator takes
     * it and the settings do not name it.
     *
     * @param provider the evaluator's provider
     * @param settings the settings given
     * @param maxLength the default, such as the model's context or the data's sequence length
     * @return the settings to create the evaluator with
     */
    public static Map<String, String> withMaxLength(EvaluatorProvider provider, Map<String, String> settings,
            int maxLength) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        boolean takesMaxLength = provider.options().stream().map(PluginOption::name).anyMatch("max-length"::equals);
        if (takesMaxLength && maxLength > 0) {
            all.putIfAbsent("max-length", String.valueOf(maxLength));
        }
        return all;
    }

    List<InstalledPlugin> plugins() {
        return catalog.plugins();
    }

    private <S> Provided<S> find(Class<S> type, String id, Function<S, String> idOf, String kind) {
        List<Provided<S>> matches = catalog.providers(type).stream()
                .filter(p -> idOf.apply(p.provider()).equals(id)).toList();
        if (matches.isEmpty()) {
            List<String> known = catalog.providers(type).stream().map(p -> idOf.apply(p.provider())).sorted().toList();
            throw new PressoException("unknown " + kind + " '" + id + "'; " + (known.isEmpty()
                    ? "no installed plugin provides one" : "expected one of " + String.join(", ", known)));
        }
        if (matches.size() > 1) {
            throw new PressoException("the " + kind + " '" + id + "' is provided by several plugins: "
                    + matches.stream().map(p -> p.plugin().id() + " " + p.plugin().version()).toList()
                    + "; remove all but one");
        }
        return matches.getFirst();
    }
}
