package dev.presso.registry.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;

/**
 * A warning about versions of a plugin. JSON (an item of the index's {@code advisories} array):
 * {@code {"plugin": "acme.kmeans", "kind": "yanked", "affected": "[1.0.0,1.0.0]", "reason":
 * "...", "published": "INSTANT"}}. A yanked version is not chosen by resolution but stays
 * downloadable for lockfiles that pin it; a vulnerable version is refused unless the user insists.
 *
 * @param plugin the plugin id
 * @param kind yanked or vulnerable
 * @param affected the affected versions ({@link VersionRange})
 * @param reason why, for the user
 * @param published when the advisory was issued
 */
public record Advisory(String plugin, Kind kind, String affected, String reason, Instant published) {
    /** What kind of advisory. */
    public enum Kind {
        /** Withdrawn by its publisher or the registry; not to be chosen by resolution. */
        YANKED,
        /** Has a known vulnerability. */
        VULNERABLE;

        /**
         * Returns the JSON name.
         *
         * @return {@code yanked} or {@code vulnerable}
         */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Checks the members.
     *
     * @param plugin the plugin id
     * @param kind the kind
     * @param affected the affected range
     * @param reason the reason
     * @param published when
     * @throws IllegalArgumentException naming the member that is not valid
     */
    public Advisory {
        if (!PluginId.isValid(plugin)) {
            throw new IllegalArgumentException("plugin: \"" + plugin + "\" is not a plugin id; expected "
                    + PluginId.EXPECTED);
        }
        VersionRange.parse(affected);
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason: empty; expected why the versions are " + kind.jsonName());
        }
    }

    /**
     * Tells whether the advisory applies to a release.
     *
     * @param id the plugin id
     * @param version the version
     * @return whether it does
     */
    public boolean affects(String id, PluginVersion version) {
        return plugin.equals(id) && VersionRange.parse(affected).includes(version);
    }

    /**
     * Reads the JSON form.
     *
     * @param node the value
     * @param pointer its JSON Pointer
     * @return the advisory
     * @throws RegistryException ({@link RegistryException.Reason#MALFORMED}) naming the member
     */
    public static Advisory fromJson(JsonNode node, String pointer) {
        Fields fields = Fields.of(node, pointer);
        String plugin = fields.text("plugin");
        String kindText = fields.text("kind");
        Kind kind = switch (kindText) {
            case "yanked" -> Kind.YANKED;
            case "vulnerable" -> Kind.VULNERABLE;
            default -> throw Fields.malformed(fields.pointer("kind"), "\"" + kindText
                    + "\" is not a kind; expected yanked or vulnerable");
        };
        String affected = fields.text("affected");
        String reason = fields.text("reason");
        Instant published = fields.instant("published");
        fields.done();
        try {
            return new Advisory(plugin, kind, affected, reason, published);
        } catch (IllegalArgumentException e) {
            throw Fields.malformed(pointer, e.getMessage());
        }
    }

    /**
     * Writes the JSON form.
     *
     * @return the object
     */
    public ObjectNode toJson() {
        ObjectNode node = CanonicalJson.object();
        node.put("plugin", plugin);
        node.put("kind", kind.jsonName());
        node.put("affected", affected);
        node.put("reason", reason);
        node.put("published", published.toString());
        return node;
    }
}
