package dev.presso.host.internal.run;

import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.Provided;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.evaluation.EvaluatorProvider;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.search.SearchStrategyProvider;
import java.util.List;
import java.util.function.Function;

/** Finds the providers a pipeline names in the catalog, with the plugin each came from. */
final class Providers {
    private final Catalog catalog;

    Providers(Catalog catalog) {
        this.catalog = catalog;
    }

    Provided<CompressionMethodProvider> method(String id) {
        return find(CompressionMethodProvider.class, id, CompressionMethodProvider::id, "method");
    }

    Provided<SearchStrategyProvider> strategy(String id) {
        return find(SearchStrategyProvider.class, id, SearchStrategyProvider::id, "search strategy");
    }

    Provided<EvaluatorProvider> evaluator(String id) {
        return find(EvaluatorProvider.class, id, EvaluatorProvider::id, "evaluator");
    }

    List<InstalledPlugin> plugins() {
        return catalog.plugins();
    }

    private <S> Provided<S> find(Class<S> type, String id, Function<S, String> idOf, String kind) {
        List<Provided<S>> matches = catalog.providers(type).stream()
                .filter(p -> idOf.apply(p.provider()).equals(id)).toList();
        if (matches.size() != 1) {
            throw new PressoException(matches.isEmpty() ? "no installed plugin provides the " + kind + " '" + id + "'"
                    : "the " + kind + " '" + id + "' is provided by several plugins: "
                            + matches.stream().map(p -> p.plugin().id() + " " + p.plugin().version()).toList()
                            + "; remove all but one");
        }
        return matches.getFirst();
    }
}
