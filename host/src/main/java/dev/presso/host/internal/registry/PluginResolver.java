package dev.presso.host.internal.registry;

import dev.presso.kernel.PressoException;
import dev.presso.registry.format.Advisory;
import dev.presso.registry.format.PluginVersion;
import dev.presso.registry.format.Release;
import dev.presso.registry.format.VersionRange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Chooses the releases to install for some requests: for each requested plugin the newest version
 * that satisfies the request, the running kernel-api and every plugin that requires it; plus,
 * transitively, the plugins those releases require. Yanked and vulnerable versions are never
 * chosen. A required plugin already installed at a version that satisfies its requirements is
 * kept. A plugin is looked up only in the first registry (in configured order) that lists it, so a
 * later registry cannot shadow it.
 *
 * <p>When no version fits, the error names the plugin, every requirement on it with where it came
 * from, and each listed version with why it was passed over.
 */
public final class PluginResolver {
    private static final int MAX_ROUNDS = 64;

    private final List<RegistrySource> sources;
    private final PluginVersion kernelApi;
    private final Map<String, String> installed;

    /**
     * Prepares a resolver.
     *
     * @param sources the verified registries, first the most trusted
     * @param kernelApi the running host's kernel-api version
     * @param installed the installed plugins' versions, by id
     */
    public PluginResolver(List<RegistrySource> sources, PluginVersion kernelApi, Map<String, String> installed) {
        this.sources = List.copyOf(sources);
        this.kernelApi = kernelApi;
        this.installed = Map.copyOf(installed);
    }

    /**
     * A chosen release.
     *
     * @param source the registry it comes from
     * @param release the release
     */
    public record Choice(RegistrySource source, Release release) {
        /** Describes the choice. @return such as {@code acme.kmeans 1.2.0 from main} */
        @Override
        public String toString() {
            return release.id() + " " + release.version() + " from " + source.name();
        }
    }

    /** One requirement on a plugin and where it comes from. */
    private record Need(String from, String wants, Predicate<PluginVersion> accepts) {}

    /** What was picked for one plugin: a release to install, or the installed version kept. */
    private record Pick(Optional<Choice> choice, String version) {}

    /**
     * Resolves requests.
     *
     * @param requests the requested plugins
     * @return the releases to install or update, each plugin after the plugins it requires;
     *     requirements already met by installed plugins add nothing
     * @throws PressoException if a plugin is listed by no registry or no version of it satisfies
     *     every requirement; the message explains
     */
    public List<Choice> resolve(List<PluginRequest> requests) {
        Map<String, Pick> picks = new LinkedHashMap<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Map<String, List<Need>> needs = needs(requests, picks);
            Map<String, Pick> next = new LinkedHashMap<>();
            Set<String> roots = requests.stream().map(PluginRequest::id).collect(Collectors.toSet());
            needs.forEach((id, wanted) -> next.put(id, pick(id, wanted, roots.contains(id))));
            if (next.equals(picks)) {
                return ordered(requests, picks);
            }
            picks = next;
        }
        throw new PressoException("the plugin requirements of " + requests + " do not settle on one set of versions"
                + " after " + MAX_ROUNDS + " rounds; request exact versions");
    }

    /**
     * Collects the requirements: the requests, what each picked release requires, and what the
     * installed plugins that stay as they are require of the plugins being resolved.
     */
    private Map<String, List<Need>> needs(List<PluginRequest> requests, Map<String, Pick> picks) {
        Map<String, List<Need>> needs = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>();
        for (PluginRequest request : requests) {
            needs.computeIfAbsent(request.id(), k -> new ArrayList<>()).add(new Need("the request " + request,
                    request.constraint().describe(), v -> request.constraint().allows(v.toString())));
            pending.add(request.id());
        }
        Set<String> visited = new LinkedHashSet<>();
        while (!pending.isEmpty()) {
            String id = pending.poll();
            if (!visited.add(id)) {
                continue;
            }
            Pick pick = picks.get(id);
            if (pick == null || pick.choice().isEmpty()) {
                continue;
            }
            Release release = pick.choice().get().release();
            release.descriptor().requires().forEach((dependency, range) -> {
                VersionRange parsed = VersionRange.parse(range);
                needs.computeIfAbsent(dependency, k -> new ArrayList<>()).add(new Need(release.id() + " "
                        + release.version(), range, parsed::includes));
                pending.add(dependency);
            });
        }
        installed.forEach((id, version) -> {
            Pick pick = picks.get(id);
            if (pick != null && pick.choice().isPresent()) {
                return;
            }
            installedRelease(id, version).ifPresent(release -> release.descriptor().requires().forEach((dependency,
                    range) -> {
                if (needs.containsKey(dependency)) {
                    VersionRange parsed = VersionRange.parse(range);
                    needs.get(dependency).add(new Need("the installed " + id + " " + version, range, parsed::includes));
                }
            }));
        });
        return needs;
    }

    /** Finds the release an installed plugin came from, in the first registry that lists its id. */
    private Optional<Release> installedRelease(String id, String version) {
        return sources.stream().filter(s -> !s.index().releases(id).isEmpty()).findFirst()
                .flatMap(s -> s.index().releases(id).stream()
                        .filter(r -> r.descriptor().parsedVersion().equals(PluginVersion.parse(version))).findFirst());
    }

    private Pick pick(String id, List<Need> needs, boolean requested) {
        String current = installed.get(id);
        if (!requested && current != null && accepts(needs, PluginVersion.parse(current))) {
            return new Pick(Optional.empty(), current);
        }
        RegistrySource source = sourceOf(id, needs);
        List<Release> releases = source.index().releases(id);
        for (Release release : releases.reversed()) {
            if (rejection(source, release, needs).isEmpty()) {
                return new Pick(Optional.of(new Choice(source, release)), release.version());
            }
        }
        throw new PressoException("cannot install plugin " + id + ": no version satisfies "
                + needs.stream().map(n -> n.from() + " (" + n.wants() + ")").collect(Collectors.joining(" and "))
                + "; registry " + source.name() + " lists " + releases.reversed().stream()
                        .map(r -> r.version() + rejection(source, r, needs).map(why -> " (" + why + ")").orElse(""))
                        .collect(Collectors.joining(", ")));
    }

    private RegistrySource sourceOf(String id, List<Need> needs) {
        String searched = sources.isEmpty() ? "no registry (configure one: presso registry add NAME URL --trusted-key"
                + " FILE)" : sources.stream().map(s -> s.name() + " (" + s.url() + ")").collect(Collectors.joining(", "));
        return sources.stream().filter(s -> !s.index().releases(id).isEmpty()).findFirst().orElseThrow(() ->
                new PressoException("no registry lists plugin " + id + ", wanted by " + needs.getFirst().from()
                        + "; searched " + searched));
    }

    /** Tells why a release cannot be chosen, or nothing when it can. */
    private Optional<String> rejection(RegistrySource source, Release release, List<Need> needs) {
        PluginVersion version = release.descriptor().parsedVersion();
        Optional<Advisory> advisory = source.index().advisoriesFor(release.id(), version).stream().findFirst();
        if (advisory.isPresent()) {
            return Optional.of(advisory.get().kind().jsonName() + ": " + advisory.get().reason());
        }
        if (!release.descriptor().kernelApiRange().includes(kernelApi)) {
            return Optional.of("needs kernel-api " + release.descriptor().kernelApi() + ", this host has " + kernelApi);
        }
        List<String> unmet = needs.stream().filter(n -> !n.accepts().test(version)).map(Need::from).toList();
        return unmet.isEmpty() ? Optional.empty() : Optional.of("not wanted by " + String.join(", ", unmet));
    }

    private static boolean accepts(List<Need> needs, PluginVersion version) {
        return needs.stream().allMatch(n -> n.accepts().test(version));
    }

    /** Orders the chosen releases so that each comes after the plugins it requires. */
    private static List<Choice> ordered(List<PluginRequest> requests, Map<String, Pick> picks) {
        List<Choice> order = new ArrayList<>();
        Set<String> visited = new LinkedHashSet<>();
        for (PluginRequest request : requests) {
            visit(request.id(), picks, visited, order);
        }
        return List.copyOf(order);
    }

    private static void visit(String id, Map<String, Pick> picks, Set<String> visited, List<Choice> order) {
        Pick pick = picks.get(id);
        if (pick == null || !visited.add(id) || pick.choice().isEmpty()) {
            return;
        }
        Choice choice = pick.choice().get();
        choice.release().descriptor().requires().keySet()
                .forEach(dependency -> visit(dependency, picks, visited, order));
        order.add(choice);
    }
}
