package dev.presso.host.internal.catalog;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Finds, with {@link ServiceLoader}, the providers that a class loader's
 * {@code META-INF/services} files name for every {@link ProviderKind}, and creates them one at a
 * time, so that a provider that cannot be loaded or that throws in its constructor is reported
 * and the others still load. Both runtime modes use it: classpath mode on the application class
 * loader, OSGi mode on each bundle's class loader (the host acting as the extender that SPI Fly
 * would otherwise be).
 *
 * <p>While a provider is created, the thread's context class loader is its own class loader, and
 * it is restored afterwards so that no reference to a plugin stays on the thread.
 */
public final class ProviderScan {
    /** More entries than any services file has; guards against a lookup that keeps failing. */
    private static final int MAX_ENTRIES = 10_000;

    private ProviderScan() {}

    /** One entry of a services file. */
    public sealed interface Entry permits Loaded, Failed {
        /** Returns the interface the entry was listed for. @return the kind */
        ProviderKind kind();
    }

    /**
     * A provider that was created and answered its id.
     *
     * @param kind its kind
     * @param provider the instance
     * @param id the id it gave
     */
    public record Loaded(ProviderKind kind, Object provider, String id) implements Entry {}

    /**
     * A provider that could not be loaded, created or asked for its id.
     *
     * @param kind the interface it was listed for
     * @param type its class, when it could be loaded
     * @param reason what went wrong, naming the class
     */
    public record Failed(ProviderKind kind, Optional<Class<?>> type, String reason) implements Entry {}

    /**
     * Scans a class loader.
     *
     * @param loader the class loader whose services files are read
     * @param accept which provider classes to create; the others are skipped (OSGi mode keeps only
     *     the classes a bundle defines itself)
     * @return the entries of every kind, in {@link ProviderKind} order and then file order
     */
    public static List<Entry> scan(ClassLoader loader, Predicate<Class<?>> accept) {
        List<Entry> entries = new ArrayList<>();
        for (ProviderKind kind : ProviderKind.values()) {
            scan(kind, loader, accept, entries);
        }
        return entries;
    }

    private static void scan(ProviderKind kind, ClassLoader loader, Predicate<Class<?>> accept, List<Entry> out) {
        Iterator<? extends ServiceLoader.Provider<?>> lookup = ServiceLoader.load(kind.service(), loader).stream()
                .iterator();
        for (int guard = 0; guard < MAX_ENTRIES; guard++) {
            ServiceLoader.Provider<?> entry;
            try {
                if (!lookup.hasNext()) {
                    return;
                }
                entry = lookup.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                out.add(new Failed(kind, Optional.empty(), describe(e)));
                continue;
            }
            if (accept.test(entry.type())) {
                out.add(create(kind, entry));
            }
        }
    }

    private static Entry create(ProviderKind kind, ServiceLoader.Provider<?> entry) {
        Class<?> type = entry.type();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(type.getClassLoader());
        try {
            Object provider = entry.get();
            @Nullable String id = kind.idOf(provider);
            if (id == null || id.isBlank()) {
                return new Failed(kind, Optional.of(type), type.getName() + " gave a blank " + kind.label() + " id");
            }
            return new Loaded(kind, provider, id);
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            return new Failed(kind, Optional.of(type), type.getName() + " failed: " + describe(e));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The error and its root cause on one line. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String head = e instanceof ServiceConfigurationError ? String.valueOf(e.getMessage()) : e.toString();
        return root == e ? head : head + ": " + root;
    }
}
