package dev.presso.host.internal.catalog.classpath;

import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.KernelApi;
import dev.presso.host.internal.catalog.PluginManifest;
import dev.presso.host.internal.catalog.PluginProblems;
import dev.presso.host.internal.catalog.Provided;
import dev.presso.host.internal.catalog.ProviderKind;
import dev.presso.host.internal.catalog.ProviderScan;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Classpath mode: the plugins are the jars (or class folders) on a class loader's class path that
 * list kernel-api providers in {@code META-INF/services}, found with {@link java.util.ServiceLoader}
 * once, when the catalog is made. Each provider is attributed to the jar its class came from, and
 * that jar's manifest names the plugin ({@link CodeOrigin} says how folders are named).
 *
 * <p>A jar with a broken manifest, a plugin that needs another kernel-api or repeats an id already
 * seen, and a provider that fails are reported in {@link #problems()} and skipped. Immutable.
 */
public final class ClasspathCatalog implements Catalog {
    private final List<InstalledPlugin> plugins;
    private final Map<ProviderKind, List<Provided<Object>>> providers;
    private final List<Problem> problems;

    private ClasspathCatalog(List<InstalledPlugin> plugins, Map<ProviderKind, List<Provided<Object>>> providers,
            List<Problem> problems) {
        this.plugins = plugins;
        this.providers = providers;
        this.problems = problems;
    }

    /**
     * Scans a class loader.
     *
     * @param loader the class loader whose class path holds the plugins
     * @param kernelApi the host's kernel-api, to refuse plugins built for another; empty when its
     *     versions are unknown (kernel-api loaded from a class folder), which skips that check
     * @return the catalog
     */
    public static ClasspathCatalog scan(ClassLoader loader, Optional<KernelApi> kernelApi) {
        return new Scan(kernelApi).run(loader);
    }

    /**
     * Scans the class loader that loaded the host, with the host's kernel-api when its versions
     * are known.
     *
     * @return the catalog
     */
    public static ClasspathCatalog ofHost() {
        Optional<KernelApi> kernelApi;
        try {
            kernelApi = Optional.of(KernelApi.ofRunningHost());
        } catch (PressoException e) {
            kernelApi = Optional.empty();
        }
        return scan(ClasspathCatalog.class.getClassLoader(), kernelApi);
    }

    @Override
    public List<InstalledPlugin> plugins() {
        return plugins;
    }

    @Override
    public <S> List<Provided<S>> providers(Class<S> service) {
        Optional<ProviderKind> kind = ProviderKind.of(service);
        if (kind.isEmpty()) {
            return List.of();
        }
        return providers.getOrDefault(kind.get(), List.of()).stream()
                .map(p -> new Provided<>(service.cast(p.provider()), p.plugin())).toList();
    }

    @Override
    public List<Problem> problems() {
        return problems;
    }

    /** One scan: origins are read once each and remembered as a plugin or as skipped. */
    private static final class Scan {
        private final Optional<KernelApi> kernelApi;
        private final Map<CodeOrigin, Optional<InstalledPlugin>> origins = new LinkedHashMap<>();
        private final Map<String, CodeOrigin> ids = new HashMap<>();
        private final List<Problem> problems = new ArrayList<>();

        Scan(Optional<KernelApi> kernelApi) {
            this.kernelApi = kernelApi;
        }

        ClasspathCatalog run(ClassLoader loader) {
            Map<ProviderKind, List<Provided<Object>>> found = new LinkedHashMap<>();
            for (ProviderScan.Entry entry : ProviderScan.scan(loader, type -> true)) {
                switch (entry) {
                    case ProviderScan.Loaded loaded -> pluginOf(loaded.provider().getClass()).ifPresent(plugin ->
                            found.computeIfAbsent(loaded.kind(), k -> new ArrayList<>())
                                    .add(new Provided<>(loaded.provider(), plugin)));
                    case ProviderScan.Failed failed -> {
                        Optional<InstalledPlugin> plugin = failed.type().flatMap(this::pluginOf);
                        if (failed.type().isEmpty() || plugin.isPresent()) {
                            problems.add(PluginProblems.of(PluginProblems.PROVIDER_FAILED,
                                    plugin.map(InstalledPlugin::id).orElse("class path"),
                                    "a " + failed.kind().label() + " provider was skipped: " + failed.reason(),
                                    "fix the plugin or remove its jar from the class path"));
                        }
                    }
                }
            }
            Comparator<Provided<Object>> order = Comparator.comparing((Provided<Object> p) -> p.plugin().id())
                    .thenComparing(p -> p.provider().getClass().getName());
            found.replaceAll((kind, list) -> list.stream().sorted(order).toList());
            List<InstalledPlugin> plugins = origins.values().stream().flatMap(Optional::stream)
                    .sorted(Comparator.comparing(InstalledPlugin::id)).toList();
            return new ClasspathCatalog(plugins, Map.copyOf(found), List.copyOf(problems));
        }

        /** The plugin a provider class belongs to, empty when its origin was skipped. */
        private Optional<InstalledPlugin> pluginOf(Class<?> type) {
            Optional<CodeOrigin> origin = CodeOrigin.of(type);
            if (origin.isEmpty()) {
                problems.add(PluginProblems.of(PluginProblems.BROKEN, type.getName(),
                        "the provider class has no jar or folder location, so its plugin is unknown; it was skipped",
                        ""));
                return Optional.empty();
            }
            return origins.computeIfAbsent(origin.get(), this::admit);
        }

        private Optional<InstalledPlugin> admit(CodeOrigin origin) {
            Optional<PluginManifest> manifest;
            try {
                manifest = origin.manifest();
            } catch (PressoException e) {
                problems.add(PluginProblems.of(PluginProblems.BROKEN, origin.location().toString(), e.getMessage(),
                        "rebuild the plugin with bnd, or remove it from the class path"));
                return Optional.empty();
            }
            Optional<String> incompatible = kernelApi.flatMap(api -> manifest.flatMap(api::incompatibility));
            if (incompatible.isPresent()) {
                problems.add(PluginProblems.of(PluginProblems.INCOMPATIBLE, origin.location().toString(),
                        incompatible.get(), "use a version of the plugin built for this kernel-api"));
                return Optional.empty();
            }
            InstalledPlugin plugin = origin.describe(manifest);
            CodeOrigin first = ids.putIfAbsent(plugin.id(), origin);
            if (first != null) {
                problems.add(PluginProblems.of(PluginProblems.DUPLICATE, origin.location().toString(),
                        "plugin " + plugin.id() + " is also on the class path at " + first.location()
                                + "; this copy was skipped",
                        "keep one jar per plugin on the class path"));
                return Optional.empty();
            }
            return Optional.of(plugin);
        }
    }
}
