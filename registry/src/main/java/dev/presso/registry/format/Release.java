package dev.presso.registry.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One published version of a plugin, as the index lists it. JSON: {@code {"bundle":
 * "plugins/ID/VERSION/ID-VERSION.jar", "sha256": "HEX", "size": N, "published": "INSTANT",
 * "signature": {"keyid": ..., "sig": ...}, "descriptor": {...}}}; the signature is the
 * publisher's over {@link ReleaseStatement#bytes}.
 *
 * @param bundle the bundle's path relative to the registry root ({@link RegistryLayout#bundlePath})
 * @param sha256 the bundle's hex SHA-256
 * @param size the bundle's size in bytes
 * @param published when the registry accepted it
 * @param signature the publisher's signature
 * @param descriptor the descriptor
 */
public record Release(String bundle, String sha256, long size, Instant published, KeySignature signature,
        PluginDescriptor descriptor) {
    /**
     * Returns the plugin id.
     *
     * @return the descriptor's id
     */
    public String id() {
        return descriptor.id();
    }

    /**
     * Returns the version.
     *
     * @return the descriptor's version
     */
    public String version() {
        return descriptor.version();
    }

    /**
     * Returns the bytes the publisher signed.
     *
     * @return {@link ReleaseStatement#bytes} of this release
     */
    public byte[] statement() {
        return ReleaseStatement.bytes(descriptor, sha256, size);
    }

    /**
     * Reads the JSON form.
     *
     * @param node the value
     * @param pointer its JSON Pointer
     * @return the release
     * @throws RegistryException ({@link RegistryException.Reason#MALFORMED}) naming the member
     */
    public static Release fromJson(JsonNode node, String pointer) {
        Fields fields = Fields.of(node, pointer);
        String bundle = fields.text("bundle");
        String sha256 = fields.text("sha256", Sha256.HEX, "64 lower-case hex digits");
        long size = fields.integer("size", 1);
        Instant published = fields.instant("published");
        KeySignature signature = KeySignature.fromJson(fields.value("signature"), fields.pointer("signature"));
        PluginDescriptor descriptor = PluginDescriptor.fromJson(fields.value("descriptor"),
                fields.pointer("descriptor"));
        fields.done();
        String expected = RegistryLayout.bundlePath(descriptor.id(), descriptor.version());
        if (!bundle.equals(expected)) {
            throw Fields.malformed(fields.pointer("bundle"), Fields.quote(bundle) + " is not where the layout keeps this"
                    + " release; expected \"" + expected + "\"");
        }
        return new Release(bundle, sha256, size, published, signature, descriptor);
    }

    /**
     * Writes the JSON form.
     *
     * @return the object
     */
    public ObjectNode toJson() {
        ObjectNode node = CanonicalJson.object();
        node.put("bundle", bundle);
        node.put("sha256", sha256);
        node.put("size", size);
        node.put("published", published.toString());
        node.set("signature", signature.toJson());
        node.set("descriptor", descriptor.toJson());
        return node;
    }
}
