package dev.presso.host.internal.catalog.classpath;

import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.PluginChange;
import dev.presso.host.internal.catalog.PluginManager;
import dev.presso.kernel.PressoException;
import java.nio.file.Path;

/**
 * The plugin manager of classpath mode: it lists the plugins on the class path and refuses every
 * change, since a class path is fixed when the JVM starts.
 */
public final class ClasspathPlugins implements PluginManager {
    /** The setting that selects OSGi mode, named in the refusal. */
    public static final String OSGI_HINT = "--runtime osgi";

    private final Catalog catalog;

    /**
     * Wraps a classpath catalog.
     *
     * @param catalog the catalog
     */
    public ClasspathPlugins(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public PluginChange install(Path jar) {
        throw refused("install");
    }

    @Override
    public PluginChange update(String id, Path jar) {
        throw refused("update");
    }

    @Override
    public PluginChange remove(String id) {
        throw refused("remove");
    }

    @Override
    public void close() {
        // Nothing runs: the class path needs no stopping.
    }

    private static PressoException refused(String action) {
        return new PressoException("cannot " + action + " plugins in classpath mode, where the plugins are the jars"
                + " on the class path; use OSGi mode (" + OSGI_HINT + ") to install, update and remove plugins"
                + " while the host runs");
    }
}
