package dev.presso.host;

import dev.presso.host.internal.catalog.PluginChange;
import dev.presso.host.internal.catalog.PluginManager;
import dev.presso.host.internal.registry.PluginRequest;
import dev.presso.host.internal.registry.RegistryConfig;
import dev.presso.host.internal.registry.RegistryOperations;
import dev.presso.host.internal.registry.ReleasePlan;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.registry.client.RegistryPublisher;
import dev.presso.registry.format.RegistryException;
import dev.presso.registry.format.SigningKey;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.plugin.PluginDescriptor;
import dev.presso.registry.format.Release;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Plugins from registries, for a host in OSGi mode: search the registries, install a plugin with
 * the plugins it requires, update and remove plugins, all while the host runs.
 *
 * <pre>{@code
 * try (Host host = Host.osgi(Path.of("plugins-state"))) {
 *     PluginRegistries registries = host.registries(List.of(
 *             PluginRegistries.Registry.of("local", URI.create("http://127.0.0.1:8080/"), Path.of("root.pub"))));
 *     registries.install("acme.kmeans@^1.0");   // verified, resolved, installed as one step
 *     registries.update("acme.kmeans");          // the newest version this host can run
 *     registries.remove("acme.kmeans");
 * }
 * }</pre>
 *
 * <p>Every index must be signed by a trusted root key of its registry, unexpired and not older than
 * one seen before; every bundle must have the size and SHA-256 the index lists and a valid
 * signature by its publisher's key. A request {@code ID@VERSIONS} uses the pipeline constraint
 * syntax ({@code ^1.2}, {@code ~1.2}, {@code >=1.0 <2}, {@code 1.2.3}, {@code [1.0,2)}); the
 * newest version that satisfies it, the running kernel-api and every plugin requiring it is
 * chosen, and yanked or vulnerable versions never are. An install is all or nothing: any failure
 * leaves the installed plugins and the state folder as they were. After a change,
 * {@code plugins.lock.json} in the state folder lists each plugin installed from a registry with
 * its version, registry and SHA-256.
 *
 * @since 1.0
 */
public final class PluginRegistries {
    private final RegistryOperations operations;
    private final Function<dev.presso.host.internal.catalog.InstalledPlugin, PluginDescriptor> describe;

    PluginRegistries(PluginManager plugins, Path stateFolder, List<Registry> registries,
            Function<dev.presso.host.internal.catalog.InstalledPlugin, PluginDescriptor> describe) {
        this.operations = new RegistryOperations(plugins, stateFolder, registries.stream().map(Registry::entry)
                .toList(), Clock.systemUTC());
        this.describe = describe;
    }

    /**
     * A registry and the root keys trusted to sign its index.
     *
     * @param name a short name, letters, digits, dots, dashes and underscores
     * @param url its root address: {@code http(s):} (a server such as {@code presso registry serve})
     *     or {@code file:} (a folder with the static layout)
     * @param trustedKeys the registry root public keys, as PEM text ({@code .pub} files)
     */
    public record Registry(String name, URI url, List<String> trustedKeys) {
        /**
         * Validates the registry.
         *
         * @param name the name
         * @param url the address
         * @param trustedKeys the keys
         * @throws PressoException if the name or address is not valid, or no key is given
         */
        public Registry {
            trustedKeys = List.copyOf(trustedKeys);
            entry(name, url, trustedKeys);
        }

        /**
         * Describes a registry whose trusted root key is in a file.
         *
         * @param name the name
         * @param url the address
         * @param publicKeyFile the registry's root public key file ({@code .pub})
         * @return the registry
         * @throws PressoException if the file cannot be read
         */
        public static Registry of(String name, URI url, Path publicKeyFile) {
            try {
                return new Registry(name, url, List.of(Files.readString(publicKeyFile, StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                throw new PressoException("cannot read the trusted key file " + publicKeyFile + ": " + e.getMessage(),
                        e);
            }
        }

        RegistryConfig.Entry entry() {
            return entry(name, url, trustedKeys);
        }

        private static RegistryConfig.Entry entry(String name, URI url, List<String> keys) {
            return new RegistryConfig.Entry(name, url.toString(), keys);
        }
    }

    /**
     * A plugin a registry offers.
     *
     * @param id the plugin id
     * @param version its newest version this host can run, or else its newest version
     * @param registry the name of the registry
     * @param description the publisher's description
     * @param provides the ids of its methods, evaluators, search strategies and tensor providers
     * @param compatible whether this host can run that version
     * @param versions every listed version, newest first
     */
    public record Available(String id, String version, String registry, String description, List<String> provides,
            boolean compatible, List<String> versions) {
        /** Copies the lists. */
        public Available {
            provides = List.copyOf(provides);
            versions = List.copyOf(versions);
        }
    }

    /**
     * Reads the registries configured in a state folder ({@code registries.json}).
     *
     * @param stateFolder the host's plugin state folder
     * @return the registries, first the most trusted
     * @throws PressoException if the file is not valid
     */
    public static List<Registry> configured(Path stateFolder) {
        return RegistryConfig.read(stateFolder).registries().stream()
                .map(e -> new Registry(e.name(), e.uri(), e.trustedKeys())).toList();
    }

    /**
     * Adds a registry to a state folder's configuration, or replaces the one with its name.
     *
     * @param stateFolder the host's plugin state folder
     * @param registry the registry
     */
    public static void configure(Path stateFolder, Registry registry) {
        RegistryConfig.read(stateFolder).with(registry.entry()).write(stateFolder);
    }

    /**
     * What was published.
     *
     * @param id the plugin id
     * @param version its version
     * @param sha256 the bundle's SHA-256
     * @param indexVersion the version of the registry index that lists it
     * @param checks the checks that passed, in both runtime modes
     */
    public record Publication(String id, String version, String sha256, long indexVersion, List<String> checks) {
        /** Copies the list. */
        public Publication {
            checks = List.copyOf(checks);
        }
    }

    /**
     * Checks a plugin bundle in both runtime modes and publishes it to a registry server, as
     * {@code presso registry publish} does: the bundle must load in class-path and OSGi mode,
     * every provider must be created, and every compression method must pass the host's method
     * check at every level (shape, exact cost, apply against its dense weight, determinism,
     * restore); the result is recorded in the descriptor the publisher key signs.
     *
     * @param jar the bundle
     * @param context the tensors and seed the methods are checked with
     * @param registry the registry server's address
     * @param privateKeyFile the publisher's private key ({@code presso registry keygen})
     * @param token the namespace's upload token
     * @param requires the other plugins it needs: id to OSGi version range, such as {@code [1.0,2)}
     * @return what the server accepted
     * @throws PressoException if a check fails (nothing is uploaded; the message lists the
     *     failures), or the server refuses the release, with its message
     */
    public static Publication publish(Path jar, PluginContext context, URI registry, Path privateKeyFile,
            String token, Map<String, String> requires) {
        ReleasePlan plan = ReleasePlan.prepare(jar, context, requires, null, null, "presso-host");
        if (!plan.report().ok()) {
            throw new PressoException(jar + " failed " + plan.report().failures().size() + " checks, so it was not"
                    + " published: " + String.join("; ", plan.report().failures()));
        }
        SigningKey key;
        try {
            key = SigningKey.read(privateKeyFile);
        } catch (RegistryException e) {
            throw new PressoException(e.getMessage(), e);
        }
        RegistryPublisher.Published published = plan.upload(registry, key, token);
        return new Publication(published.id(), published.version(), published.sha256(), published.indexVersion(),
                plan.report().passed());
    }

    /**
     * Lists the plugins whose id, description or provided ids contain a text.
     *
     * @param text the text, case-insensitive; empty for all
     * @return the plugins by id
     * @throws PressoException if a registry cannot be fetched or its index is not trusted
     */
    public List<Available> search(String text) {
        return operations.search(text).stream().map(PluginRegistries::available).toList();
    }

    /**
     * Installs plugins and the plugins they require, or updates them to the versions chosen.
     *
     * @param requests such as {@code acme.kmeans@^1.2} or {@code acme.kmeans}
     * @return the plugins installed or updated, dependencies first
     * @throws PressoException if anything is refused; nothing is changed then
     */
    public List<PluginDescriptor> install(String... requests) {
        return describe(operations.install(Arrays.stream(requests).map(PluginRequest::parse).toList()));
    }

    /**
     * Installs what a pipeline's {@code plugins:} block names and this host lacks (a plugin not
     * installed, or installed at a version its constraint does not allow), with what those
     * plugins require; then the pipeline can run.
     *
     * @param pipeline the pipeline file
     * @return the plugins installed or updated; empty when nothing was missing
     * @throws PressoException if the pipeline is not valid or anything is refused; nothing is
     *     changed then
     */
    public List<PluginDescriptor> installFor(Path pipeline) {
        return describe(operations.installFor(pipeline));
    }

    /**
     * Updates installed plugins to the newest versions this host can run.
     *
     * @param ids the plugins; none for every plugin installed from a registry
     * @return the plugins updated
     * @throws PressoException if a plugin is not installed or anything is refused; nothing is
     *     changed then
     */
    public List<PluginDescriptor> update(String... ids) {
        return describe(operations.update(List.of(ids)));
    }

    /**
     * Removes an installed plugin.
     *
     * @param id the plugin id
     * @throws PressoException if it is not installed
     */
    public void remove(String id) {
        operations.remove(id);
    }

    private List<PluginDescriptor> describe(List<PluginChange> changes) {
        return changes.stream().map(PluginChange::after).flatMap(Optional::stream).map(describe).toList();
    }

    private static Available available(RegistryOperations.Listing listing) {
        Release release = listing.release();
        var provides = release.descriptor().provides();
        List<String> ids = java.util.stream.Stream.of(provides.methods(), provides.evaluators(), provides.searches(),
                provides.tensors()).flatMap(List::stream).toList();
        return new Available(release.id(), release.version(), listing.registry(), release.descriptor().description(),
                ids, listing.compatible(), listing.versions());
    }
}
