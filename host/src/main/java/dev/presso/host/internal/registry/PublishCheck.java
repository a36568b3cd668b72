package dev.presso.host.internal.registry;

import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.KernelApi;
import dev.presso.host.internal.catalog.PluginManifest;
import dev.presso.host.internal.catalog.Provided;
import dev.presso.host.internal.catalog.ProviderKind;
import dev.presso.host.internal.catalog.Sha256;
import dev.presso.host.internal.catalog.classpath.ClasspathCatalog;
import dev.presso.host.internal.catalog.osgi.OsgiPluginManager;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.pipeline.Problem;
import dev.presso.registry.format.Conformance;
import dev.presso.registry.format.Provides;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What {@code presso registry publish} checks before it uploads a bundle: the plugin loads in both
 * runtime modes — class-path mode (ServiceLoader over the jar alone, with the JDK and the host's
 * kernel-api: {@link IsolatedPluginLoader}) and OSGi mode (installed into a
 * fresh embedded Felix) — every provider it declares can be created, and every compression method
 * passes {@link MethodCheck}, in each mode. The result becomes the {@code conformance} record of
 * the descriptor the publisher signs, together with what the plugin provides.
 */
public final class PublishCheck {
    /** The runtime modes checked, as the conformance record names them. */
    public static final List<String> RUNTIMES = List.of("classpath", "osgi");

    private PublishCheck() {}

    /**
     * The outcome.
     *
     * @param manifest the plugin's manifest
     * @param provides the ids of what it provides (as found in OSGi mode)
     * @param description the description of its first provider, for the descriptor
     * @param passed the checks that passed
     * @param failures the checks that failed
     */
    public record Report(PluginManifest manifest, Provides provides, String description, List<String> passed,
            List<String> failures) {
        /** Copies the lists. */
        public Report {
            passed = List.copyOf(passed);
            failures = List.copyOf(failures);
        }

        /** Tells whether every check passed. @return whether there is no failure */
        public boolean ok() {
            return failures.isEmpty();
        }

        /**
         * Returns the conformance record for the descriptor.
         *
         * @param kit the name and version of what checked, such as {@code presso-host 0.1.0}
         * @return the record
         */
        public Conformance conformance(String kit) {
            String summary = ok() ? passed.size() + " checks passed"
                    : failures.size() + " of " + (passed.size() + failures.size()) + " checks failed: "
                            + failures.getFirst();
            return new Conformance(ok(), RUNTIMES, kit, summary);
        }
    }

    /**
     * Checks a plugin jar.
     *
     * @param jar the bundle
     * @param context the tensors and seed the methods are checked with
     * @return the report
     * @throws PressoException if the jar is not a plugin bundle or needs another kernel-api
     */
    public static Report run(Path jar, PluginContext context) {
        PluginManifest manifest = PluginManifest.read(jar);
        KernelApi kernelApi = KernelApi.ofRunningHost();
        kernelApi.requireCompatible(manifest);
        List<String> passed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        String sha256 = Sha256.of(jar);
        try (URLClassLoader loader = new IsolatedPluginLoader(jar.toUri().toURL(),
                PublishCheck.class.getClassLoader())) {
            ClasspathCatalog catalog = ClasspathCatalog.scan(loader, java.util.Optional.of(kernelApi));
            check("classpath", catalog, manifest.id(), sha256, context, passed, failures);
        } catch (IOException e) {
            throw new PressoException(jar + ": cannot be read (" + e.getMessage() + ")", e);
        }
        Map<ProviderKind, TreeSet<String>> ids = new EnumMap<>(ProviderKind.class);
        String description = "";
        try (ScratchFolder state = ScratchFolder.create("presso-publish-check-");
                OsgiPluginManager osgi = OsgiPluginManager.start(state.path())) {
            try {
                osgi.install(jar.toAbsolutePath());
                passed.add("osgi: installs and starts");
            } catch (PressoException e) {
                failures.add("osgi: " + e.getMessage());
            }
            check("osgi", osgi.catalog(), manifest.id(), sha256, context, passed, failures);
            for (ProviderKind kind : ProviderKind.values()) {
                for (Provided<?> provided : osgi.catalog().providers(kind.service())) {
                    ids.computeIfAbsent(kind, k -> new TreeSet<>()).add(kind.idOf(provided.provider()));
                    if (description.isEmpty()) {
                        description = kind.describe(provided.provider());
                    }
                }
            }
        }
        Provides provides = new Provides(list(ids, ProviderKind.METHOD), list(ids, ProviderKind.EVALUATOR),
                list(ids, ProviderKind.SEARCH), list(ids, ProviderKind.TENSOR));
        return new Report(manifest, provides, description, passed, failures);
    }

    private static void check(String runtime, Catalog catalog, String id, String sha256, PluginContext context,
            List<String> passed, List<String> failures) {
        for (Problem problem : catalog.problems()) {
            if (problem.source().equals(id)) {
                failures.add(runtime + ": " + problem.message());
            }
        }
        int providers = 0;
        for (ProviderKind kind : ProviderKind.values()) {
            for (Provided<?> provided : catalog.providers(kind.service())) {
                if (provided.plugin().id().equals(id) && provided.plugin().sha256().equals(sha256)) {
                    providers++;
                    if (provided.provider() instanceof CompressionMethodProvider method) {
                        new MethodCheck(context).check(method, p -> passed.add(runtime + " " + p),
                                f -> failures.add(runtime + " " + f));
                    }
                }
            }
        }
        if (providers == 0) {
            failures.add(runtime + ": the plugin declares no provider that could be created (META-INF/services)");
        } else {
            passed.add(runtime + ": " + providers + " providers created");
        }
    }

    private static List<String> list(Map<ProviderKind, TreeSet<String>> ids, ProviderKind kind) {
        return List.copyOf(ids.getOrDefault(kind, new TreeSet<>()));
    }
}
