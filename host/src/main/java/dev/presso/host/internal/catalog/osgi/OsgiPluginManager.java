package dev.presso.host.internal.catalog.osgi;

import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.KernelApi;
import dev.presso.host.internal.catalog.PluginChange;
import dev.presso.host.internal.catalog.PluginManager;
import dev.presso.host.internal.catalog.PluginManifest;
import dev.presso.host.internal.catalog.PluginProblems;
import dev.presso.host.internal.catalog.Provided;
import dev.presso.host.internal.catalog.ProviderScan;
import dev.presso.host.internal.catalog.Sha256;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.BundleWiring;

/**
 * OSGi mode: plugins are bundles in an embedded Felix, installed, updated in place and removed
 * while the host runs, and remembered in a state folder ({@link PluginStore}) from which every
 * start reinstalls them.
 *
 * <p>Each plugin is installed from the host's copy of its jar at the stable location
 * {@code presso:plugin/ID}, so an update keeps the bundle and only swaps its content
 * ({@code Bundle.update} and a refresh). Its providers are created from its own
 * {@code META-INF/services} files through its class loader ({@link ProviderScan}); the catalog
 * caches them until the plugin is updated or removed, then drops them and proves with
 * {@link UnloadCheck} that the old class loader was collected.
 *
 * <p>At start, a plugin that can no longer load (its stored jar changed, a provider throws, it
 * does not resolve) is reported in the catalog's problems and skipped; the host starts anyway.
 * Thread-safe: changes are serialized, and the catalog hands out a snapshot per call.
 */
public final class OsgiPluginManager implements PluginManager {
    /** The bundle location prefix; the plugin id completes it. */
    static final String LOCATION_PREFIX = "presso:plugin/";

    private final EmbeddedFelix felix;
    private final KernelApi kernelApi;
    private final PluginStore store;
    private final Map<String, PluginRecord> records = new TreeMap<>();
    private final Map<String, RunningPlugin> running = new TreeMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Catalog view = new LiveCatalog();
    private volatile OsgiCatalog current = OsgiCatalog.EMPTY;
    private @Nullable Problem unreadableState;
    private boolean closed;

    private OsgiPluginManager(EmbeddedFelix felix, KernelApi kernelApi, PluginStore store) {
        this.felix = felix;
        this.kernelApi = kernelApi;
        this.store = store;
    }

    /**
     * Returns where plugins are kept when no folder is given: {@code ~/.presso/plugins}.
     *
     * @return the default state folder
     */
    public static Path defaultStateFolder() {
        return Path.of(System.getProperty("user.home"), ".presso", "plugins");
    }

    /**
     * Starts Felix and reinstalls the plugins recorded in a state folder.
     *
     * @param stateFolder the folder with the host's record of installed plugins; created if missing
     * @return the running manager, to close when done
     * @throws PressoException if the kernel-api versions cannot be read or Felix cannot start; a
     *     broken plugin is never a reason, it becomes a problem
     */
    public static OsgiPluginManager start(Path stateFolder) {
        KernelApi kernelApi = KernelApi.ofRunningHost();
        PluginStore store = PluginStore.open(stateFolder);
        EmbeddedFelix felix = EmbeddedFelix.start(kernelApi);
        boolean started = false;
        try {
            OsgiPluginManager manager = new OsgiPluginManager(felix, kernelApi, store);
            manager.reconcile();
            started = true;
            return manager;
        } finally {
            if (!started) {
                felix.close();
            }
        }
    }

    /** Returns the state folder. @return the absolute folder */
    public Path stateFolder() {
        return store.folder();
    }

    @Override
    public Catalog catalog() {
        return view;
    }

    @Override
    public synchronized PluginChange install(Path jar) {
        requireChangeable();
        PluginManifest manifest = PluginManifest.read(jar);
        PluginRecord existing = records.get(manifest.id());
        if (existing != null) {
            throw new PressoException("plugin " + manifest.id() + " is already installed (version "
                    + existing.version() + "); to replace it, update it: presso plugins update " + manifest.id()
                    + " " + jar);
        }
        requireCompatible(manifest);
        try (PluginStore.Lock lock = store.lock()) {
            store.requireUnchanged();
            String sha256 = Sha256.of(jar);
            String file = store.storeJar(jar, manifest, sha256);
            RunningPlugin plugin;
            try {
                plugin = installAndStart(manifest, store.folder().resolve(file), sha256);
            } catch (RuntimeException e) {
                store.deleteJar(file);
                throw e;
            }
            records.put(manifest.id(), record(manifest, sha256, file));
            running.put(manifest.id(), plugin);
            try {
                store.write(List.copyOf(records.values()));
            } catch (RuntimeException e) {
                records.remove(manifest.id());
                running.remove(manifest.id());
                uninstall(plugin.bundle());
                store.deleteJar(file);
                throw e;
            }
            publish();
            return new PluginChange(Optional.empty(), Optional.of(plugin.plugin()), Optional.empty());
        }
    }

    @Override
    public synchronized PluginChange update(String id, Path jar) {
        Unloaded swap = swap(id, jar);
        Optional<Problem> leak = checkUnload(swap);
        return new PluginChange(Optional.of(swap.before()), swap.after(), leak);
    }

    @Override
    public synchronized PluginChange remove(String id) {
        Unloaded removal = detach(id);
        Optional<Problem> leak = checkUnload(removal);
        return new PluginChange(Optional.of(removal.before()), Optional.empty(), leak);
    }

    /** Stops Felix. The catalog is empty afterwards. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running.clear();
        current = OsgiCatalog.EMPTY;
        felix.close();
    }

    /**
     * What a swap or detach unloaded: the old version and a weak reference to its class loader
     * (null when it was not running), for the unload check once the caller's frame is gone.
     */
    private record Unloaded(InstalledPlugin before, Optional<InstalledPlugin> after,
            @Nullable WeakReference<ClassLoader> oldLoader) {}

    private Unloaded swap(String id, Path jar) {
        requireChangeable();
        PluginRecord old = recordOf(id);
        PluginManifest manifest = PluginManifest.read(jar);
        if (!manifest.id().equals(id)) {
            throw new PressoException(jar + " is the plugin " + manifest.id() + ", not " + id
                    + "; to add it as a new plugin: presso plugins install " + jar);
        }
        requireCompatible(manifest);
        try (PluginStore.Lock lock = store.lock()) {
            store.requireUnchanged();
            String sha256 = Sha256.of(jar);
            String file = store.storeJar(jar, manifest, sha256);
            Path stored = store.folder().resolve(file);
            InstalledPlugin before = old.installed(store.folder());
            RunningPlugin previous = running.remove(id);
            publish();
            RunningPlugin replacement;
            @Nullable WeakReference<ClassLoader> oldLoader = null;
            try {
                if (previous == null) {
                    replacement = installAndStart(manifest, stored, sha256);
                } else {
                    oldLoader = loaderOf(previous.bundle()).map(WeakReference::new).orElse(null);
                    replacement = updateBundle(previous.bundle(), stored, manifest.installed(sha256, stored.toString()));
                }
            } catch (PressoException e) {
                if (previous != null) {
                    rollBack(previous.bundle(), old);
                }
                if (!file.equals(old.file())) {
                    store.deleteJar(file);
                }
                String code = e instanceof PluginRefusedException refusal ? refusal.code() : PluginProblems.BROKEN;
                throw new PluginRefusedException(code, e.getMessage() + "; version " + old.version()
                        + " stays installed", e);
            }
            records.put(id, record(manifest, sha256, file));
            running.put(id, replacement);
            store.write(List.copyOf(records.values()));
            if (!file.equals(old.file())) {
                store.deleteJar(old.file());
            }
            forgetProblemsOf(id);
            publish();
            return new Unloaded(before, Optional.of(replacement.plugin()), oldLoader);
        }
    }

    private Unloaded detach(String id) {
        requireChangeable();
        PluginRecord old = recordOf(id);
        try (PluginStore.Lock lock = store.lock()) {
            store.requireUnchanged();
            records.remove(id);
            try {
                store.write(List.copyOf(records.values()));
            } catch (RuntimeException e) {
                records.put(id, old);
                throw e;
            }
            RunningPlugin previous = running.remove(id);
            publish();
            @Nullable WeakReference<ClassLoader> oldLoader = null;
            if (previous != null) {
                oldLoader = loaderOf(previous.bundle()).map(WeakReference::new).orElse(null);
                uninstall(previous.bundle());
            }
            store.deleteJar(old.file());
            forgetProblemsOf(id);
            publish();
            return new Unloaded(old.installed(store.folder()), Optional.empty(), oldLoader);
        }
    }

    private Optional<Problem> checkUnload(Unloaded unloaded) {
        if (unloaded.oldLoader() == null) {
            return Optional.empty();
        }
        Optional<Problem> leak = UnloadCheck.check(unloaded.before(), unloaded.oldLoader());
        leak.ifPresent(problem -> {
            problems.add(problem);
            publish();
        });
        return leak;
    }

    /** Reinstalls the recorded plugins into the fresh framework; failures become problems. */
    private void reconcile() {
        List<PluginRecord> saved;
        try {
            saved = store.read();
        } catch (PressoException e) {
            unreadableState = PluginProblems.of(PluginProblems.STATE, store.folder().resolve(PluginStore.STATE_FILE)
                    .toString(), e.getMessage(), "fix the file, or delete it and the bundles folder to start with no"
                    + " plugins");
            problems.add(unreadableState);
            publish();
            return;
        }
        for (PluginRecord record : saved) {
            records.put(record.id(), record);
            try {
                running.put(record.id(), load(record));
            } catch (PluginRefusedException e) {
                problems.add(e.problem(record.id(), "update it to a working version (presso plugins update "
                        + record.id() + " JAR) or remove it (presso plugins remove " + record.id() + ")"));
            }
        }
        store.deleteUnrecorded(saved);
        publish();
    }

    private RunningPlugin load(PluginRecord record) {
        Path jar = store.folder().resolve(record.file());
        String name = "plugin " + record.id() + " " + record.version();
        if (!Files.isRegularFile(jar)) {
            throw new PluginRefusedException(PluginProblems.BROKEN, name + ": its stored jar " + jar + " is missing");
        }
        String sha256 = Sha256.of(jar);
        if (!sha256.equals(record.sha256())) {
            throw new PluginRefusedException(PluginProblems.BROKEN, name + ": its stored jar " + jar + " changed since it was"
                    + " installed (SHA-256 " + sha256 + ", recorded " + record.sha256() + ")");
        }
        PluginManifest manifest;
        try {
            manifest = PluginManifest.read(jar);
        } catch (PressoException e) {
            throw new PluginRefusedException(PluginProblems.BROKEN, name + ": " + e.getMessage(), e);
        }
        requireCompatible(manifest);
        return installAndStart(manifest, jar, sha256);
    }

    private RunningPlugin installAndStart(PluginManifest manifest, Path jar, String sha256) {
        Bundle bundle;
        try (InputStream in = Files.newInputStream(jar)) {
            bundle = felix.context().installBundle(LOCATION_PREFIX + manifest.id(), in);
        } catch (BundleException | IOException e) {
            throw new PluginRefusedException(PluginProblems.BROKEN, "plugin " + manifest.id() + " " + manifest.version()
                    + ": the OSGi framework refused the bundle: " + e.getMessage(), e);
        }
        try {
            return startProviders(bundle, manifest.installed(sha256, jar.toString()));
        } catch (RuntimeException e) {
            uninstall(bundle);
            throw e;
        }
    }

    private RunningPlugin updateBundle(Bundle bundle, Path jar, InstalledPlugin plugin) {
        try (InputStream in = Files.newInputStream(jar)) {
            bundle.update(in);
        } catch (BundleException | IOException e) {
            throw new PluginRefusedException(PluginProblems.BROKEN, "plugin " + plugin.id() + " " + plugin.version()
                    + ": the OSGi framework refused the bundle: " + e.getMessage(), e);
        }
        felix.refresh(List.of(bundle));
        return startProviders(bundle, plugin);
    }

    /** Puts the old version back after a failed update; if even that fails, the plugin is reported. */
    private void rollBack(Bundle bundle, PluginRecord old) {
        try {
            running.put(old.id(), updateBundle(bundle, store.folder().resolve(old.file()),
                    old.installed(store.folder())));
        } catch (PluginRefusedException e) {
            uninstall(bundle);
            problems.add(e.problem(old.id(), "reinstall the plugin"));
        }
        publish();
    }

    /** Resolves and starts a bundle, then creates its providers; all or nothing. */
    private RunningPlugin startProviders(Bundle bundle, InstalledPlugin plugin) {
        String name = "plugin " + plugin.id() + " " + plugin.version();
        try {
            bundle.start();
        } catch (BundleException e) {
            throw new PluginRefusedException(PluginProblems.UNRESOLVED, name + " cannot start: " + felixReason(e), e);
        }
        ClassLoader loader = loaderOf(bundle).orElseThrow(() -> new PluginRefusedException(PluginProblems.UNRESOLVED,
                name + " has no class loader after starting"));
        List<ProviderScan.Loaded> providers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (ProviderScan.Entry entry : ProviderScan.scan(loader, type -> type.getClassLoader() == loader)) {
            switch (entry) {
                case ProviderScan.Loaded loaded -> providers.add(loaded);
                case ProviderScan.Failed failed -> failures.add(failed.kind().label() + " provider " + failed.reason());
            }
        }
        if (!failures.isEmpty()) {
            throw new PluginRefusedException(PluginProblems.PROVIDER_FAILED, name + ": " + String.join("; ", failures));
        }
        return new RunningPlugin(plugin, bundle, providers);
    }

    /** Felix's message without the repeated list of unresolved requirements. */
    private static String felixReason(BundleException e) {
        String message = String.valueOf(e.getMessage());
        int repeat = message.indexOf(" Unresolved requirements:");
        return repeat > 0 ? message.substring(0, repeat) : message;
    }

    private void uninstall(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException | IllegalStateException e) {
            System.getLogger("presso.osgi").log(System.Logger.Level.DEBUG, "uninstall failed", e);
        }
        felix.refresh(List.of(bundle));
    }

    private static Optional<ClassLoader> loaderOf(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        return wiring == null ? Optional.empty() : Optional.ofNullable(wiring.getClassLoader());
    }

    private void requireCompatible(PluginManifest manifest) {
        Optional<String> reason = kernelApi.incompatibility(manifest);
        if (reason.isPresent()) {
            throw new PluginRefusedException(PluginProblems.INCOMPATIBLE, reason.get());
        }
    }

    private void requireChangeable() {
        if (closed) {
            throw new IllegalStateException("the plugin manager is closed");
        }
        Problem state = unreadableState;
        if (state != null) {
            throw new PressoException("plugins cannot be changed: " + state.message() + "; " + state.hint());
        }
    }

    private PluginRecord recordOf(String id) {
        PluginRecord record = records.get(id);
        if (record == null) {
            throw new PressoException("no plugin '" + id + "' is installed" + (records.isEmpty()
                    ? " (none is)" : "; installed: " + String.join(", ", records.keySet())));
        }
        return record;
    }

    private static PluginRecord record(PluginManifest manifest, String sha256, String file) {
        return new PluginRecord(manifest.id(), manifest.version().toString(), sha256, manifest.kernelApiRange(), file);
    }

    private void forgetProblemsOf(String id) {
        problems.removeIf(p -> p.source().equals(id) && !p.code().equals(PluginProblems.LEAK));
    }

    private void publish() {
        current = new OsgiCatalog(List.copyOf(running.values()), problems);
    }

    /** The catalog handed out: each call reads the latest snapshot. */
    private final class LiveCatalog implements Catalog {
        @Override
        public List<InstalledPlugin> plugins() {
            return current.plugins();
        }

        @Override
        public <S> List<Provided<S>> providers(Class<S> service) {
            return current.providers(service);
        }

        @Override
        public List<Problem> problems() {
            return current.problems();
        }
    }
}
