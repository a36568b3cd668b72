package dev.presso.host.internal.catalog.osgi;

import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.PluginProblems;
import dev.presso.kernel.pipeline.Problem;
import java.lang.ref.WeakReference;
import java.util.Optional;

/**
 * Proves that an unloaded plugin's class loader can be garbage collected: a weak reference to it
 * must clear within a bounded number of collections (about one second at most). A loader that
 * stays reachable keeps every class of the old version in memory; that is reported as a problem,
 * never silently ignored.
 */
final class UnloadCheck {
    private static final int ATTEMPTS = 10;
    private static final long MAX_PAUSE_MILLIS = 200;

    private UnloadCheck() {}

    /**
     * Waits for the old loader to be collected.
     *
     * @param plugin the unloaded version
     * @param oldLoader a weak reference to its class loader, taken before unloading
     * @return the leak problem, or empty when the loader was collected
     */
    static Optional<Problem> check(InstalledPlugin plugin, WeakReference<ClassLoader> oldLoader) {
        long pause = 5;
        for (int attempt = 0; attempt < ATTEMPTS && !oldLoader.refersTo(null); attempt++) {
            System.gc();
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause = Math.min(2 * pause, MAX_PAUSE_MILLIS);
        }
        if (oldLoader.refersTo(null)) {
            return Optional.empty();
        }
        return Optional.of(PluginProblems.of(PluginProblems.LEAK, plugin.id(),
                "the class loader of plugin " + plugin.id() + " " + plugin.version() + " is still reachable after "
                        + ATTEMPTS + " garbage collections, so its classes stay in memory until the host restarts",
                "something still holds one of its providers or classes (a cache, a thread, a static field);"
                        + " a heap dump (jcmd <pid> GC.heap_dump) shows the holder"));
    }
}
