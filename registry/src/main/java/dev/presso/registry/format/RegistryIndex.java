package dev.presso.registry.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The signed part of a registry's index: everything a host needs to find, check and resolve
 * plugins. JSON:
 * <pre>{@code
 * {"type": "presso-registry-index", "spec": 1, "registry": "NAME", "version": 7,
 *  "expires": "2026-12-01T00:00:00Z",
 *  "publishers": {"acme": {"keys": [...]}},
 *  "plugins": {"acme.kmeans": {"1.0.0": {release}, "1.1.0": {release}}},
 *  "advisories": [{advisory}]}
 * }</pre>
 * Immutable; the {@code with...} methods return changed copies.
 *
 * @param registry the registry's name
 * @param version the index version, increased by one on every change
 * @param expires when the index stops being trusted
 * @param publishers namespace to publisher
 * @param plugins plugin id to canonical version to release
 * @param advisories the advisories, oldest first
 */
public record RegistryIndex(String registry, long version, Instant expires, SortedMap<String, Publisher> publishers,
        SortedMap<String, SortedMap<String, Release>> plugins, List<Advisory> advisories) {
    /** The {@code type} of an index. */
    public static final String TYPE = "presso-registry-index";
    /** The format version this code reads and writes. */
    public static final int SPEC = 1;
    /** The form of a registry name. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * Copies the maps and list, unmodifiable.
     *
     * @param registry the name
     * @param version the version
     * @param expires the expiry
     * @param publishers the publishers
     * @param plugins the plugins
     * @param advisories the advisories
     */
    public RegistryIndex {
        if (!NAME.matcher(registry).matches()) {
            throw new IllegalArgumentException("registry name '" + registry + "' is not valid; expected letters,"
                    + " digits, '.', '_' and '-' (at most 64)");
        }
        publishers = Collections.unmodifiableSortedMap(new TreeMap<>(publishers));
        TreeMap<String, SortedMap<String, Release>> copy = new TreeMap<>();
        plugins.forEach((id, versions) -> copy.put(id, Collections.unmodifiableSortedMap(new TreeMap<>(versions))));
        plugins = Collections.unmodifiableSortedMap(copy);
        advisories = List.copyOf(advisories);
    }

    /**
     * Returns an empty index at version 0, for a new registry.
     *
     * @param registry the name
     * @param expires the expiry
     * @return the index
     */
    public static RegistryIndex empty(String registry, Instant expires) {
        return new RegistryIndex(registry, 0, expires, new TreeMap<>(), new TreeMap<>(), List.of());
    }

    /**
     * Finds a release.
     *
     * @param id the plugin id
     * @param version the canonical version
     * @return the release, if listed
     */
    public Optional<Release> release(String id, String version) {
        return Optional.ofNullable(plugins.getOrDefault(id, Collections.emptySortedMap()).get(version));
    }

    /**
     * Returns a plugin's releases, oldest version first (OSGi order).
     *
     * @param id the plugin id
     * @return the releases; empty if the plugin is not listed
     */
    public List<Release> releases(String id) {
        List<Release> releases = new ArrayList<>(plugins.getOrDefault(id, Collections.emptySortedMap()).values());
        releases.sort(Comparator.comparing(r -> r.descriptor().parsedVersion()));
        return releases;
    }

    /**
     * Returns the publisher owning an id's namespace.
     *
     * @param id a plugin id
     * @return the publisher, if the namespace is registered
     */
    public Optional<Publisher> ownerOf(String id) {
        return Optional.ofNullable(publishers.get(PluginId.namespaceOf(id)));
    }

    /**
     * Returns the advisories that apply to a release.
     *
     * @param id the plugin id
     * @param version the version
     * @return the advisories, oldest first
     */
    public List<Advisory> advisoriesFor(String id, PluginVersion version) {
        return advisories.stream().filter(a -> a.affects(id, version)).toList();
    }

    /**
     * Tells whether a release is yanked.
     *
     * @param id the plugin id
     * @param version the version
     * @return whether a yanked advisory applies
     */
    public boolean isYanked(String id, PluginVersion version) {
        return advisoriesFor(id, version).stream().anyMatch(a -> a.kind() == Advisory.Kind.YANKED);
    }

    /**
     * Returns the next index: version plus one, a new expiry, same content.
     *
     * @param newExpiry the new expiry
     * @return the index
     */
    public RegistryIndex next(Instant newExpiry) {
        return new RegistryIndex(registry, version + 1, newExpiry, publishers, plugins, advisories);
    }

    /**
     * Returns this index with a release added or replaced.
     *
     * @param release the release
     * @return the index
     */
    public RegistryIndex withRelease(Release release) {
        TreeMap<String, SortedMap<String, Release>> more = new TreeMap<>(plugins);
        TreeMap<String, Release> versions = new TreeMap<>(plugins.getOrDefault(release.id(),
                Collections.emptySortedMap()));
        versions.put(release.version(), release);
        more.put(release.id(), versions);
        return new RegistryIndex(registry, version, expires, publishers, more, advisories);
    }

    /**
     * Returns this index with a publisher added or replaced.
     *
     * @param publisher the publisher
     * @return the index
     */
    public RegistryIndex withPublisher(Publisher publisher) {
        TreeMap<String, Publisher> more = new TreeMap<>(publishers);
        more.put(publisher.namespace(), publisher);
        return new RegistryIndex(registry, version, expires, more, plugins, advisories);
    }

    /**
     * Returns this index with one more advisory.
     *
     * @param advisory the advisory
     * @return the index
     */
    public RegistryIndex withAdvisory(Advisory advisory) {
        List<Advisory> more = new ArrayList<>(advisories);
        more.add(advisory);
        return new RegistryIndex(registry, version, expires, publishers, plugins, more);
    }

    /**
     * Signs the index.
     *
     * @param keys the registry's root key(s)
     * @return the envelope to write as {@link RegistryLayout#INDEX}
     */
    public SignedEnvelope sign(List<SigningKey> keys) {
        return SignedEnvelope.sign(toJson(), keys);
    }

    /**
     * Reads the signed part of an index.
     *
     * @param signed the value of the envelope's {@code signed} member
     * @return the index
     * @throws RegistryException ({@link RegistryException.Reason#MALFORMED}) naming the member (as
     *     a JSON Pointer from the envelope root) and what was expected
     */
    public static RegistryIndex fromJson(JsonNode signed) {
        Fields fields = Fields.of(signed, "/signed");
        String type = fields.text("type");
        if (!type.equals(TYPE)) {
            throw Fields.malformed(fields.pointer("type"), Fields.quote(type) + " is not a registry index; expected \""
                    + TYPE + "\"");
        }
        long spec = fields.integer("spec", 1);
        if (spec != SPEC) {
            throw Fields.malformed(fields.pointer("spec"), "format version " + spec + " is not supported; expected "
                    + SPEC + " (a newer Presso may read it)");
        }
        String registry = fields.text("registry", NAME, "letters, digits, '.', '_' and '-' (at most 64)");
        long version = fields.integer("version", 0);
        Instant expires = fields.instant("expires");
        TreeMap<String, Publisher> publishers = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : fields.entries("publishers").entrySet()) {
            publishers.put(e.getKey(), Publisher.fromJson(e.getKey(), e.getValue(),
                    fields.pointer("publishers") + "/" + JsonPointers.escape(e.getKey())));
        }
        TreeMap<String, SortedMap<String, Release>> plugins = new TreeMap<>();
        for (Map.Entry<String, JsonNode> plugin : fields.entries("plugins").entrySet()) {
            String at = fields.pointer("plugins") + "/" + JsonPointers.escape(plugin.getKey());
            plugins.put(plugin.getKey(), releases(plugin.getKey(), Fields.of(plugin.getValue(), at)));
        }
        List<JsonNode> items = fields.array("advisories");
        List<Advisory> advisories = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            advisories.add(Advisory.fromJson(items.get(i), fields.pointer("advisories") + "/" + i));
        }
        fields.done();
        return new RegistryIndex(registry, version, expires, publishers, plugins, advisories);
    }

    /**
     * Writes the JSON form of the signed part.
     *
     * @return the object
     */
    public ObjectNode toJson() {
        ObjectNode node = CanonicalJson.object();
        node.put("type", TYPE);
        node.put("spec", SPEC);
        node.put("registry", registry);
        node.put("version", version);
        node.put("expires", expires.toString());
        ObjectNode owners = node.putObject("publishers");
        publishers.forEach((namespace, publisher) -> owners.set(namespace, publisher.toJson()));
        ObjectNode all = node.putObject("plugins");
        plugins.forEach((id, versions) -> {
            ObjectNode byVersion = all.putObject(id);
            versions.forEach((v, release) -> byVersion.set(v, release.toJson()));
        });
        ArrayNode notes = node.putArray("advisories");
        advisories.forEach(a -> notes.add(a.toJson()));
        return node;
    }

    private static SortedMap<String, Release> releases(String id, Fields versions) {
        if (!PluginId.isValid(id)) {
            throw Fields.malformed(versions.pointer(), Fields.quote(id) + " is not a plugin id; expected "
                    + PluginId.EXPECTED);
        }
        TreeMap<String, Release> releases = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : entries(versions).entrySet()) {
            String at = versions.pointer(e.getKey());
            Release release = Release.fromJson(e.getValue(), at);
            if (!release.id().equals(id) || !release.version().equals(e.getKey())) {
                throw Fields.malformed(at, "the descriptor describes " + release.id() + " " + release.version()
                        + "; expected " + id + " " + e.getKey());
            }
            releases.put(e.getKey(), release);
        }
        return releases;
    }

    private static Map<String, JsonNode> entries(Fields object) {
        Map<String, JsonNode> entries = new java.util.LinkedHashMap<>();
        object.names().forEach(name -> entries.put(name, object.value(name)));
        return entries;
    }
}
