package dev.presso.host.internal.catalog;

import java.util.Objects;

/**
 * A provider found in the catalog, with the plugin that brought it.
 *
 * @param provider the provider instance
 * @param plugin the plugin it came from
 * @param <S> the service type
 */
public record Provided<S>(S provider, InstalledPlugin plugin) {
    /**
     * Validates the components.
     *
     * @param provider the provider
     * @param plugin the plugin
     */
    public Provided {
        Objects.requireNonNull(provider, "provider must not be null");
        Objects.requireNonNull(plugin, "plugin must not be null");
    }
}
