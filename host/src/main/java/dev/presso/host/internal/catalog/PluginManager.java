package dev.presso.host.internal.catalog;

import java.nio.file.Path;

/**
 * Installs, updates and removes plugins while the host runs, and owns the runtime that loads them.
 * OSGi mode does all of it without a restart; classpath mode only lists, and refuses every change
 * with a message that says to use OSGi mode.
 *
 * <p>Every change is all or nothing: a plugin is refused before any of its classes load when its
 * manifest is broken or its kernel-api range does not fit, and a bundle that does not resolve or
 * whose providers throw is rolled back, leaving the previous state. Close the manager to stop its
 * runtime.
 */
public interface PluginManager extends AutoCloseable {
    /**
     * Returns the live catalog: each call on it sees the plugins installed at that moment.
     *
     * @return the catalog
     */
    Catalog catalog();

    /**
     * Installs a plugin jar.
     *
     * @param jar the plugin bundle
     * @return the change, with {@link PluginChange#after()} set
     * @throws dev.presso.kernel.PressoException if the jar is unreadable or not a bundle, the
     *     plugin is already installed, its kernel-api range is not satisfied, it does not resolve,
     *     or a provider fails; or if this mode cannot install
     */
    PluginChange install(Path jar);

    /**
     * Replaces an installed plugin in place with another version of it (newer or older).
     *
     * @param id the installed plugin's id
     * @param jar a jar of the same plugin id
     * @return the change, with both versions and the unload check of the old one
     * @throws dev.presso.kernel.PressoException as {@link #install}, or if no such plugin is
     *     installed or the jar is another plugin; the old version then stays
     */
    PluginChange update(String id, Path jar);

    /**
     * Removes an installed plugin.
     *
     * @param id the plugin's id
     * @return the change, with {@link PluginChange#before()} set and the unload check
     * @throws dev.presso.kernel.PressoException if no such plugin is installed, or if this mode
     *     cannot remove
     */
    PluginChange remove(String id);

    /** Stops the runtime; the catalog must not be used afterwards. */
    @Override
    void close();
}
