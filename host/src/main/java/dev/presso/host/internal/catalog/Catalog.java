package dev.presso.host.internal.catalog;

import java.util.List;

/**
 * One view of every plugin the host can use and the providers they bring, whatever runtime
 * brought them: the class path (ServiceLoader) or embedded Felix (bundles installed at run time).
 * A view is a snapshot: installing, updating or removing a plugin changes later calls, never a
 * list already returned.
 */
public interface Catalog {
    /**
     * Returns the installed plugins, by id.
     *
     * @return the plugins
     */
    List<InstalledPlugin> plugins();

    /**
     * Returns every provider of a service type, each with the plugin that brought it, ordered by
     * plugin id and then provider class name.
     *
     * @param service a kernel-api provider interface, such as
     *     {@code dev.presso.kernel.method.CompressionMethodProvider}
     * @param <S> the service type
     * @return the providers, possibly none
     */
    <S> List<Provided<S>> providers(Class<S> service);
}
