package dev.presso.host.internal.registry;

import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.KernelApi;
import dev.presso.host.internal.catalog.PluginChange;
import dev.presso.host.internal.catalog.PluginManager;
import dev.presso.host.internal.catalog.PluginManifest;
import dev.presso.host.internal.io.AtomicFiles;
import dev.presso.host.internal.pipeline.reader.PipelineReader;
import dev.presso.kernel.PressoException;
import dev.presso.registry.client.RegistryClient;
import dev.presso.registry.client.RegistryClient.VerifiedIndex;
import dev.presso.registry.client.SeenVersions;
import dev.presso.registry.format.PluginVersion;
import dev.presso.registry.format.RegistryException;
import dev.presso.registry.format.Release;
import dev.presso.registry.format.VerificationKey;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The registry operations of a running host: search the configured registries, install plugins
 * from them with what they require, update and remove them.
 *
 * <p>An install is one transaction: every index is fetched and verified, the requests are
 * resolved, every bundle is downloaded and verified into a private staging folder; only then are
 * the bundles installed into the host as one all-or-nothing step ({@link InstallTransaction}), and
 * the lockfile ({@link RegistryLock}) and the seen index versions ({@link SeenVersions}) are
 * written. A failure at any step leaves the state folder as it was.
 */
public final class RegistryOperations {
    private final PluginManager manager;
    private final Path stateFolder;
    private final List<RegistryConfig.Entry> registries;
    private final RegistryClient client;

    /**
     * Prepares the operations.
     *
     * @param manager the running host's plugin manager (OSGi mode to change plugins)
     * @param stateFolder the host's plugin state folder, with the lockfile and seen index versions
     * @param registries the registries to use, first the most trusted
     * @param clock the clock that decides whether an index expired
     */
    public RegistryOperations(PluginManager manager, Path stateFolder, List<RegistryConfig.Entry> registries,
            Clock clock) {
        this.manager = manager;
        this.stateFolder = stateFolder;
        this.registries = List.copyOf(registries);
        this.client = new RegistryClient(SeenVersions.in(stateFolder), clock);
    }

    /**
     * One plugin a registry offers.
     *
     * @param registry the registry's name
     * @param release its newest release this host can run, or else its newest release
     * @param compatible whether this host can run that release (kernel-api, advisories)
     * @param versions every listed version, newest first
     */
    public record Listing(String registry, Release release, boolean compatible, List<String> versions) {}

    /**
     * Lists the plugins whose id, description or provided ids contain a text.
     *
     * @param text the text, case-insensitive; empty for every plugin
     * @return the matching plugins by id; a plugin listed by two registries is shown from the first
     * @throws PressoException if a registry cannot be fetched or verified
     */
    public List<Listing> search(String text) {
        List<RegistrySource> sources = fetch();
        String needle = text.toLowerCase(Locale.ROOT);
        Map<String, Listing> found = new java.util.TreeMap<>();
        for (RegistrySource source : sources) {
            for (String id : source.index().plugins().keySet()) {
                List<Release> releases = source.index().releases(id).reversed();
                if (found.containsKey(id) || releases.isEmpty() || !matches(releases.getFirst(), needle)) {
                    continue;
                }
                Release shown = releases.stream().filter(r -> runnable(source, r)).findFirst()
                        .orElse(releases.getFirst());
                found.put(id, new Listing(source.name(), shown, runnable(source, shown),
                        releases.stream().map(Release::version).toList()));
            }
        }
        remember(sources);
        return List.copyOf(found.values());
    }

    /**
     * Describes one plugin as the first registry that lists it does.
     *
     * @param id the plugin id
     * @return its listing with the advisories of its versions, empty when no registry lists it
     * @throws PressoException if a registry cannot be fetched or verified
     */
    public java.util.Optional<Details> details(String id) {
        List<RegistrySource> sources = fetch();
        for (RegistrySource source : sources) {
            List<Release> releases = source.index().releases(id).reversed();
            if (!releases.isEmpty()) {
                Release shown = releases.stream().filter(r -> runnable(source, r)).findFirst()
                        .orElse(releases.getFirst());
                remember(sources);
                return java.util.Optional.of(new Details(new Listing(source.name(), shown, runnable(source, shown),
                        releases.stream().map(Release::version).toList()), source.url().toString(),
                        source.index().advisories().stream().filter(a -> a.plugin().equals(id))
                                .map(a -> a.kind().jsonName() + " " + a.affected() + ": " + a.reason()).toList()));
            }
        }
        remember(sources);
        return java.util.Optional.empty();
    }

    /**
     * A plugin as a registry describes it.
     *
     * @param listing the listing
     * @param url the registry's address
     * @param advisories the advisories on its versions, such as {@code yanked [1.0.0,1.0.0]: reason}
     */
    public record Details(Listing listing, String url, List<String> advisories) {}

    /**
     * Installs plugins, and the plugins they require, from the registries; a plugin already
     * installed is updated to the version chosen.
     *
     * @param requests the requests
     * @return the changes made, dependencies first; empty when everything was installed already
     * @throws PressoException if anything fails; nothing is changed then
     */
    public List<PluginChange> install(List<PluginRequest> requests) {
        List<RegistrySource> sources = fetch();
        List<PluginResolver.Choice> choices = new PluginResolver(sources, kernelApi(), installedVersions())
                .resolve(requests);
        try (ScratchFolder scratch = ScratchFolder.create("presso-registry-")) {
            Path staging = scratch.path();
            List<StagedPlugin> staged = choices.stream().map(c -> stage(c, staging)).toList();
            List<RegistryLock.Entry> locked = choices.stream().map(c -> new RegistryLock.Entry(c.release().id(),
                    c.release().version(), c.source().name(), c.source().url().toString(), c.release().sha256(),
                    c.release().descriptor().requires()))
                    .toList();
            RegistryLock lock = RegistryLock.read(stateFolder);
            return new InstallTransaction(manager, staging).apply(staged, () -> {
                remember(sources);
                lock.with(locked, manager.catalog().plugins()).write(stateFolder);
            });
        }
    }

    /**
     * Installs what a pipeline's {@code plugins:} block needs and this host lacks: each plugin not
     * installed, or installed at a version its constraint does not allow.
     *
     * @param pipeline the pipeline file
     * @return the changes made; empty when every plugin it names is installed at an allowed version
     * @throws PressoException if the file is not a valid pipeline (the problems are listed), or
     *     anything fails (nothing is changed then)
     */
    public List<PluginChange> installFor(Path pipeline) {
        var read = PipelineReader.read(pipeline);
        if (read.isInvalid()) {
            throw new PressoException(pipeline + " is not a valid pipeline: " + read.getError().stream()
                    .map(dev.presso.kernel.pipeline.Problem::format).collect(Collectors.joining("; ")));
        }
        Map<String, String> installed = installedVersions();
        List<PluginRequest> missing = read.get().plugins().stream()
                .filter(p -> !installed.containsKey(p.id()) || !p.constraint().allows(installed.get(p.id())))
                .map(p -> new PluginRequest(p.id(), p.constraint())).toList();
        return missing.isEmpty() ? List.of() : install(missing);
    }

    /**
     * Updates installed plugins to the newest versions the registries offer that this host can
     * run (within what other plugins require).
     *
     * @param ids the plugins to update; none for every plugin in the lockfile
     * @return the changes made; empty when everything is up to date
     * @throws PressoException if a plugin is not installed, or anything fails (nothing is changed)
     */
    public List<PluginChange> update(List<String> ids) {
        List<String> targets = ids.isEmpty()
                ? RegistryLock.read(stateFolder).plugins().stream().map(RegistryLock.Entry::id).toList() : ids;
        Map<String, String> installed = installedVersions();
        for (String id : targets) {
            if (!installed.containsKey(id)) {
                throw new PressoException("plugin " + id + " is not installed, so it cannot be updated; install it:"
                        + " presso plugins install " + id);
            }
        }
        return targets.isEmpty() ? List.of() : install(targets.stream().map(PluginRequest::parse).toList());
    }

    /**
     * Removes an installed plugin and its lockfile entry.
     *
     * @param id the plugin id
     * @return the change
     * @throws PressoException if it is not installed, or a plugin installed from a registry still
     *     requires it (the message names it)
     */
    public PluginChange remove(String id) {
        RegistryLock before = RegistryLock.read(stateFolder);
        List<String> dependents = before.dependents(id);
        if (!dependents.isEmpty() && installedVersions().containsKey(id)) {
            throw new PressoException("plugin " + id + " is still needed: " + String.join("; ", dependents)
                    + "; remove " + (dependents.size() == 1 ? "that plugin" : "those plugins") + " first");
        }
        PluginChange change = manager.remove(id);
        RegistryLock after = before.with(List.of(), manager.catalog().plugins());
        if (!after.equals(before)) {
            after.write(stateFolder);
        }
        return change;
    }

    /** Fetches and verifies every configured registry's index. */
    private List<RegistrySource> fetch() {
        if (registries.isEmpty()) {
            throw new PressoException("no registry is configured; add one (presso registry add NAME URL --trusted-key"
                    + " FILE) or give --registry URL --trusted-key FILE");
        }
        List<RegistrySource> sources = new ArrayList<>();
        for (RegistryConfig.Entry entry : registries) {
            List<VerificationKey> keys = entry.trustedKeys().stream()
                    .map(pem -> VerificationKey.fromPem(pem, "trusted key of registry " + entry.name())).toList();
            VerifiedIndex index;
            try {
                index = client.fetchIndex(entry.uri(), keys);
            } catch (RegistryException e) {
                throw new PressoException("registry " + entry.name() + ": " + e.getMessage(), e);
            }
            sources.add(new RegistrySource(entry.name(), index.root(), index.index()));
        }
        return sources;
    }

    private StagedPlugin stage(PluginResolver.Choice choice, Path staging) {
        Release release = choice.release();
        byte[] bundle;
        try {
            bundle = client.fetchBundle(new VerifiedIndex(choice.source().url(), choice.source().index()),
                    release.id(), release.version());
        } catch (RegistryException e) {
            throw new PressoException("registry " + choice.source().name() + ": " + e.getMessage()
                    + "; nothing was installed", e);
        }
        Path jar = staging.resolve(release.id() + "-" + release.version() + ".jar");
        AtomicFiles.writeBytes(jar, bundle);
        PluginManifest manifest = PluginManifest.read(jar);
        if (!manifest.id().equals(release.id())
                || !PluginVersion.parse(manifest.version().toString()).equals(release.descriptor().parsedVersion())) {
            throw new PressoException("registry " + choice.source().name() + ": the bundle of " + release.id() + " "
                    + release.version() + " is the plugin " + manifest.id() + " " + manifest.version()
                    + " by its manifest; nothing was installed");
        }
        return new StagedPlugin(release.id(), release.version(), jar, choice.source().name(), release.sha256());
    }

    private void remember(List<RegistrySource> sources) {
        try {
            client.remember(sources.stream().map(s -> new VerifiedIndex(s.url(), s.index())).toList());
        } catch (RegistryException e) {
            throw new PressoException(e.getMessage(), e);
        }
    }

    private Map<String, String> installedVersions() {
        return manager.catalog().plugins().stream()
                .collect(Collectors.toMap(InstalledPlugin::id, InstalledPlugin::version, (a, b) -> a));
    }

    private static PluginVersion kernelApi() {
        return PluginVersion.parse(KernelApi.ofRunningHost().version().toString());
    }

    private static boolean runnable(RegistrySource source, Release release) {
        return release.descriptor().kernelApiRange().includes(kernelApi())
                && source.index().advisoriesFor(release.id(), release.descriptor().parsedVersion()).isEmpty();
    }

    private static boolean matches(Release release, String needle) {
        var provides = release.descriptor().provides();
        return Stream.of(Stream.of(release.id(), release.descriptor().description()), provides.methods().stream(),
                provides.evaluators().stream(), provides.searches().stream(), provides.tensors().stream())
                .flatMap(Function.identity()).anyMatch(s -> s.toLowerCase(Locale.ROOT).contains(needle));
    }
}
