package dev.presso.host.internal.catalog;

import dev.presso.kernel.pipeline.Problem;
import java.util.List;

/**
 * One view of every plugin the host can use and the providers they bring, whatever runtime
 * brought them: the class path (ServiceLoader) or embedded Felix (bundles installed at run time).
 * A view is a snapshot: installing, updating or removing a plugin changes later calls, never a
 * list already returned.
 *
 * <p>A caller that keeps a {@link Provided} keeps its plugin's class loader alive: hold providers
 * only while using them, so that a plugin removed or updated in OSGi mode can be unloaded.
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

    /**
     * Returns what is wrong with the plugins the catalog skipped or keeps with a warning: a jar
     * whose manifest cannot be read, a plugin that needs another kernel-api, a provider that throws
     * when created, a bundle Felix cannot resolve, an old class loader that could not be unloaded.
     * Skipping a broken plugin never stops the host. Codes are listed in {@link PluginProblems}.
     *
     * @return the problems, possibly none
     */
    default List<Problem> problems() {
        return List.of();
    }
}
