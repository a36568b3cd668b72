package dev.presso.host.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** What a plugin provides, as listings and descriptors show it: {@code kind:id} with a description. */
public final class Provisions {
    private Provisions() {}

    /**
     * One provider of a plugin.
     *
     * @param name {@code kind:id}, such as {@code evaluator:perplexity}
     * @param description the provider's description
     */
    public record Provision(String name, String description) {}

    /**
     * Lists what a plugin provides, in {@link ProviderKind} order; a provider that throws while
     * describing itself is shown with the exception instead.
     *
     * @param catalog the catalog
     * @param pluginId the plugin
     * @return its providers
     */
    public static List<Provision> of(Catalog catalog, String pluginId) {
        List<Provision> provisions = new ArrayList<>();
        for (ProviderKind kind : ProviderKind.values()) {
            for (Provided<?> provided : catalog.providers(kind.service())) {
                if (provided.plugin().id().equals(pluginId)) {
                    provisions.add(new Provision(kind.label() + ":" + ask(() -> kind.idOf(provided.provider())),
                            ask(() -> kind.describe(provided.provider()))));
                }
            }
        }
        return provisions;
    }

    private static String ask(Supplier<String> question) {
        try {
            return question.get();
        } catch (RuntimeException | LinkageError e) {
            return "? (" + e + ")";
        }
    }
}
