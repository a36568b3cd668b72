package dev.presso.registry.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a plugin release is and needs, as its publisher signs it. JSON:
 * <pre>{@code
 * {"id": "acme.kmeans", "version": "1.0.0", "kernelApi": "[1.0,2)",
 *  "provides": {...}, "requires": {"acme.base": "[1.0,2)"},
 *  "description": "...", "readme": "https://...", "conformance": {...}}
 * }</pre>
 * {@code readme} and {@code conformance} may be omitted; no member may be {@code null}.
 *
 * @param id the plugin id ({@link PluginId})
 * @param version the version, canonical ({@link PluginVersion})
 * @param kernelApi the kernel-api range the plugin imports ({@link VersionRange})
 * @param provides what it provides
 * @param requires the other plugins it needs: id to version range
 * @param description a short description, at most {@value #MAX_DESCRIPTION} characters
 * @param readme an http(s) link to its README, or null
 * @param conformance the conformance-kit result recorded at publishing, or null if none
 */
public record PluginDescriptor(String id, String version, String kernelApi, Provides provides,
        Map<String, String> requires, String description, @Nullable String readme, @Nullable Conformance conformance) {
    /** The longest description. */
    public static final int MAX_DESCRIPTION = 2000;
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\\p{Cntrl}]{1,2040}");

    /**
     * Checks every member.
     *
     * @param id the id
     * @param version the version
     * @param kernelApi the kernel-api range
     * @param provides what it provides
     * @param requires what it needs
     * @param description the description
     * @param readme the README link or null
     * @param conformance the conformance result or null
     * @throws IllegalArgumentException naming the member that is not valid
     */
    public PluginDescriptor {
        requires = Collections.unmodifiableMap(new TreeMap<>(requires));
        String problem = problem(id, version, kernelApi, requires, description, readme);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Returns the parsed version.
     *
     * @return the version
     */
    public PluginVersion parsedVersion() {
        return PluginVersion.parse(version);
    }

    /**
     * Returns the parsed kernel-api range.
     *
     * @return the range
     */
    public VersionRange kernelApiRange() {
        return VersionRange.parse(kernelApi);
    }

    /**
     * Reads the JSON form.
     *
     * @param node the value
     * @param pointer its JSON Pointer
     * @return the descriptor
     * @throws RegistryException ({@link RegistryException.Reason#MALFORMED}) naming the member and
     *     what was expected
     */
    public static PluginDescriptor fromJson(JsonNode node, String pointer) {
        Fields fields = Fields.of(node, pointer);
        String id = fields.text("id");
        if (!PluginId.isValid(id)) {
            throw Fields.malformed(fields.pointer("id"), Fields.quote(id) + " is not a plugin id; expected "
                    + PluginId.EXPECTED);
        }
        String version = fields.text("version");
        check(() -> PluginVersion.parseCanonical(version), fields.pointer("version"));
        String kernelApi = fields.text("kernelApi");
        check(() -> VersionRange.parse(kernelApi), fields.pointer("kernelApi"));
        Provides provides = Provides.fromJson(fields.value("provides"), fields.pointer("provides"));
        Map<String, String> requires = new TreeMap<>();
        for (Map.Entry<String, JsonNode> need : fields.entries("requires").entrySet()) {
            String at = fields.pointer("requires") + "/" + JsonPointers.escape(need.getKey());
            if (!PluginId.isValid(need.getKey())) {
                throw Fields.malformed(at, Fields.quote(need.getKey()) + " is not a plugin id; expected " + PluginId.EXPECTED);
            }
            if (!need.getValue().isTextual()) {
                throw Fields.malformed(at, "expected a version range string, got " + Fields.describe(need.getValue()));
            }
            check(() -> VersionRange.parse(need.getValue().textValue()), at);
            requires.put(need.getKey(), need.getValue().textValue());
        }
        String description = fields.text("description");
        String readme = fields.optionalText("readme").orElse(null);
        Conformance conformance = fields.optional("conformance")
                .map(c -> Conformance.fromJson(c, fields.pointer("conformance"))).orElse(null);
        fields.done();
        String problem = problem(id, version, kernelApi, requires, description, readme);
        if (problem != null) {
            throw Fields.malformed(pointer, problem);
        }
        return new PluginDescriptor(id, version, kernelApi, provides, requires, description, readme, conformance);
    }

    /**
     * Parses a descriptor document.
     *
     * @param bytes the JSON
     * @param source where it comes from, for messages
     * @return the descriptor
     * @throws RegistryException ({@link RegistryException.Reason#MALFORMED}) naming the source and
     *     member
     */
    public static PluginDescriptor parse(byte[] bytes, String source) {
        try {
            return fromJson(CanonicalJson.parse(bytes, source), "");
        } catch (RegistryException e) {
            throw e.getMessage().startsWith(source) ? e
                    : new RegistryException(e.reason(), source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the JSON form.
     *
     * @return the object
     */
    public ObjectNode toJson() {
        ObjectNode node = CanonicalJson.object();
        node.put("id", id);
        node.put("version", version);
        node.put("kernelApi", kernelApi);
        node.set("provides", provides.toJson());
        ObjectNode needs = node.putObject("requires");
        requires.forEach(needs::put);
        node.put("description", description);
        if (readme != null) {
            node.put("readme", readme);
        }
        if (conformance != null) {
            node.set("conformance", conformance.toJson());
        }
        return node;
    }

    private static @Nullable String problem(String id, String version, String kernelApi, Map<String, String> requires,
            String description, @Nullable String readme) {
        if (!PluginId.isValid(id)) {
            return "id: \"" + id + "\" is not a plugin id; expected " + PluginId.EXPECTED;
        }
        try {
            PluginVersion.parseCanonical(version);
            VersionRange.parse(kernelApi);
            requires.values().forEach(VersionRange::parse);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (requires.containsKey(id)) {
            return "requires: a plugin cannot require itself (" + id + ")";
        }
        if (description.length() > MAX_DESCRIPTION) {
            return "description: " + description.length() + " characters; expected at most " + MAX_DESCRIPTION;
        }
        if (readme != null && !LINK.matcher(readme).matches()) {
            return "readme: \"" + readme + "\" is not a link; expected an http:// or https:// URL";
        }
        return null;
    }

    private static void check(Runnable parse, String pointer) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            throw Fields.malformed(pointer, e.getMessage());
        }
    }
}
