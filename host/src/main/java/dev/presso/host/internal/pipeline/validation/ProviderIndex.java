package dev.presso.host.internal.pipeline.validation;

import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.Provided;
import dev.presso.host.internal.pipeline.reader.DidYouMean;
import dev.presso.host.internal.pipeline.spec.Diagnostic;
import dev.presso.host.internal.pipeline.spec.Location;
import dev.presso.host.internal.pipeline.spec.PluginRequirement;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import dev.presso.kernel.evaluation.EvaluatorProvider;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.search.SearchStrategyProvider;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalog's method, strategy and evaluator providers by id, read once per check. Finding an
 * id that no plugin provides suggests the closest id, says which plugin provides it, and notices
 * an id of another kind; an id several plugins provide is settled by the pipeline's
 * {@code plugins} list.
 */
final class ProviderIndex {
    /**
     * A provider with its id, read once.
     *
     * @param id the id
     * @param provided the provider and its plugin
     * @param <P> the provider type
     */
    private record Entry<P>(String id, Provided<P> provided) {}

    private final List<Entry<CompressionMethodProvider>> methods;
    private final List<Entry<SearchStrategyProvider>> strategies;
    private final List<Entry<EvaluatorProvider>> evaluators;
    private final Map<ProviderKind, List<String>> ids = new EnumMap<>(ProviderKind.class);
    private final Set<String> required;

    private ProviderIndex(Catalog catalog, List<PluginRequirement> requirements) {
        this.methods = entries(catalog.providers(CompressionMethodProvider.class), CompressionMethodProvider::id);
        this.strategies = entries(catalog.providers(SearchStrategyProvider.class), SearchStrategyProvider::id);
        this.evaluators = entries(catalog.providers(EvaluatorProvider.class), EvaluatorProvider::id);
        ids.put(ProviderKind.METHOD, methods.stream().map(Entry::id).distinct().toList());
        ids.put(ProviderKind.STRATEGY, strategies.stream().map(Entry::id).distinct().toList());
        ids.put(ProviderKind.EVALUATOR, evaluators.stream().map(Entry::id).distinct().toList());
        this.required = requirements.stream().map(PluginRequirement::id).collect(Collectors.toSet());
    }

    /**
     * Indexes a catalog.
     *
     * @param catalog the catalog
     * @param requirements the pipeline's plugins, which choose among providers of one id
     * @return the index
     */
    static ProviderIndex of(Catalog catalog, List<PluginRequirement> requirements) {
        return new ProviderIndex(catalog, requirements);
    }

    /** Reads each provider's id, leaving out a provider whose {@code id()} fails. */
    private static <P> List<Entry<P>> entries(List<Provided<P>> providers, Function<P, String> id) {
        return providers.stream()
                .flatMap(p -> Try.of(() -> id.apply(p.provider())).map(i -> new Entry<>(i, p)).toJavaStream())
                .toList();
    }

    /**
     * Finds a compression method provider.
     *
     * @param id the method id
     * @param where where the id was written
     * @return the provider, or the problem
     */
    Validation<Diagnostic, Provided<CompressionMethodProvider>> method(String id, Location where) {
        return find(ProviderKind.METHOD, methods, id, where);
    }

    /**
     * Finds a search strategy provider.
     *
     * @param id the strategy id
     * @param where where the id was written
     * @return the provider, or the problem
     */
    Validation<Diagnostic, Provided<SearchStrategyProvider>> strategy(String id, Location where) {
        return find(ProviderKind.STRATEGY, strategies, id, where);
    }

    /**
     * Finds an evaluator provider.
     *
     * @param id the evaluator id
     * @param where where the id was written
     * @return the provider, or the problem
     */
    Validation<Diagnostic, Provided<EvaluatorProvider>> evaluator(String id, Location where) {
        return find(ProviderKind.EVALUATOR, evaluators, id, where);
    }

    private <P> Validation<Diagnostic, Provided<P>> find(ProviderKind kind, List<Entry<P>> entries, String id,
            Location where) {
        List<Entry<P>> matches = entries.stream().filter(e -> e.id().equals(id)).toList();
        if (matches.isEmpty()) {
            return Validation.invalid(unknown(kind, entries, id, where));
        }
        List<Entry<P>> chosen = matches.size() == 1 ? matches
                : matches.stream().filter(e -> required.contains(e.provided().plugin().id())).toList();
        if (chosen.size() != 1) {
            return Validation.invalid(new Diagnostic(ProblemCode.AMBIGUOUS_PROVIDER, where, kind.noun() + " '" + id
                    + "' is provided by several plugins: " + matches.stream().map(e -> plugin(e.provided().plugin()))
                            .collect(Collectors.joining(", ")),
                    "list exactly one of them under plugins: to choose it"));
        }
        return Validation.valid(chosen.getFirst().provided());
    }

    private <P> Diagnostic unknown(ProviderKind kind, List<Entry<P>> entries, String id, Location where) {
        List<String> known = ids.get(kind);
        String suggestion = DidYouMean.closest(id, known).map(c -> "did you mean '" + c + "' (plugin "
                + entries.stream().filter(e -> e.id().equals(c)).findFirst().map(e -> plugin(e.provided().plugin()))
                        .orElse("?") + ")? ").orElse("");
        String otherKind = ids.entrySet().stream().filter(e -> e.getKey() != kind && e.getValue().contains(id))
                .findFirst()
                .map(e -> "'" + id + "' is " + e.getKey().withArticle() + ", not " + kind.withArticle() + "; ")
                .orElse("");
        String installed = known.isEmpty() ? "no installed plugin provides " + kind.plural()
                : "installed " + kind.plural() + ": " + String.join(", ", known.stream().sorted().toList());
        return new Diagnostic(kind.unknown(), where, "unknown " + kind.noun() + " '" + id + "'",
                suggestion + otherKind + installed);
    }

    /**
     * Describes a plugin for messages.
     *
     * @param plugin the plugin
     * @return {@code id version}
     */
    static String plugin(InstalledPlugin plugin) {
        return plugin.id() + " " + plugin.version();
    }

    /**
     * Tells whether the pipeline lists a plugin.
     *
     * @param pluginId the plugin id
     * @return whether {@code plugins} names it
     */
    boolean isRequired(String pluginId) {
        return required.contains(pluginId);
    }
}
