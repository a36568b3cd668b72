package dev.presso.registry.format;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a publisher signs for a release: the canonical JSON of
 * {@code {"type": "presso-release", "descriptor": {...}, "sha256": "HEX", "size": N}}. Signing the
 * descriptor with the bundle's hash binds what the release claims (its id, version, ranges and
 * conformance result) to its bytes, so neither the registry nor a mirror can alter either.
 */
public final class ReleaseStatement {
    /** The statement's {@code type}. */
    public static final String TYPE = "presso-release";

    private ReleaseStatement() {}

    /**
     * Returns the bytes a publisher signs.
     *
     * @param descriptor the release's descriptor
     * @param sha256 the bundle's hex SHA-256
     * @param size the bundle's size in bytes
     * @return the canonical JSON bytes
     */
    public static byte[] bytes(PluginDescriptor descriptor, String sha256, long size) {
        ObjectNode statement = CanonicalJson.object();
        statement.put("type", TYPE);
        statement.set("descriptor", descriptor.toJson());
        statement.put("sha256", sha256);
        statement.put("size", size);
        return CanonicalJson.toBytes(statement);
    }

    /**
     * Signs a release of a bundle.
     *
     * @param key the publisher's key
     * @param descriptor the descriptor
     * @param bundle the bundle bytes
     * @return the publisher's signature
     */
    public static KeySignature sign(SigningKey key, PluginDescriptor descriptor, byte[] bundle) {
        return KeySignature.sign(key, bytes(descriptor, Sha256.hex(bundle), bundle.length));
    }
}
