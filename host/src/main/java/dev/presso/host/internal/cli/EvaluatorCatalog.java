package dev.presso.host.internal.cli;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.evaluation.EvaluatorProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The evaluator providers on the class path, found with {@link ServiceLoader}. */
final class EvaluatorCatalog {
    private final List<EvaluatorProvider> providers;

    private EvaluatorCatalog(List<EvaluatorProvider> providers) {
        this.providers = providers;
    }

    /** Discovers the providers. @return the catalog */
    static EvaluatorCatalog discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<EvaluatorProvider> found = new ArrayList<>();
        ServiceLoader.load(EvaluatorProvider.class, loader != null ? loader : EvaluatorCatalog.class.getClassLoader())
                .forEach(found::add);
        found.sort(Comparator.comparing(EvaluatorProvider::id));
        return new EvaluatorCatalog(List.copyOf(found));
    }

    /** Returns the providers, by id. @return the providers */
    List<EvaluatorProvider> providers() {
        return providers;
    }

    /**
     * Finds a provider.
     *
     * @param id the evaluator id
     * @return the provider
     * @throws PressoException naming the installed ids when none or several match
     */
    EvaluatorProvider get(String id) {
        List<EvaluatorProvider> matches = providers.stream().filter(p -> p.id().equals(id)).toList();
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        if (matches.size() > 1) {
            throw new PressoException("metric '" + id + "' is provided by several plugins ("
                    + matches.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(", "))
                    + "); remove all but one");
        }
        throw new PressoException("unknown metric '" + id + "'; " + (providers.isEmpty()
                ? "no evaluator plugin is installed (the evaluators plugin provides perplexity, kl-divergence and"
                        + " layer-error)"
                : "expected one of " + providers.stream().map(EvaluatorProvider::id).collect(Collectors.joining(", "))));
    }
}
