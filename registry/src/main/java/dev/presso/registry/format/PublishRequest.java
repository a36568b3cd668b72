package dev.presso.registry.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * The body of {@code POST /api/v1/publish}: {@code {"descriptor": {...}, "bundle": "BASE64",
 * "signature": {"keyid": ..., "sig": ...}}}, the bundle in standard base64 and the signature the
 * publisher's over {@link ReleaseStatement#bytes}. The claimed id and version are the
 * descriptor's.
 *
 * @param descriptor the descriptor
 * @param bundle the bundle bytes
 * @param signature the publisher's signature
 */
public record PublishRequest(PluginDescriptor descriptor, byte[] bundle, KeySignature signature) {
    /** The publish endpoint's path. */
    public static final String PATH = "/api/v1/publish";

    /**
     * Builds and signs a request.
     *
     * @param key the publisher's key
     * @param descriptor the descriptor
     * @param bundle the bundle bytes
     * @return the request
     */
    public static PublishRequest sign(SigningKey key, PluginDescriptor descriptor, byte[] bundle) {
        return new PublishRequest(descriptor, bundle.clone(), ReleaseStatement.sign(key, descriptor, bundle));
    }

    /**
     * Parses a request body.
     *
     * @param bytes the JSON
     * @param source where it comes from, for messages
     * @return the request
     * @throws RegistryException ({@link RegistryException.Reason#MALFORMED}) naming the member
     */
    public static PublishRequest parse(byte[] bytes, String source) {
        JsonNode root = CanonicalJson.parse(bytes, source);
        try {
            Fields fields = Fields.of(root, "");
            PluginDescriptor descriptor = PluginDescriptor.fromJson(fields.value("descriptor"), "/descriptor");
            String encoded = fields.text("bundle");
            KeySignature signature = KeySignature.fromJson(fields.value("signature"), "/signature");
            fields.done();
            byte[] bundle;
            try {
                bundle = Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                throw Fields.malformed("/bundle", "not base64; expected the bundle jar in standard base64");
            }
            return new PublishRequest(descriptor, bundle, signature);
        } catch (RegistryException e) {
            throw new RegistryException(e.reason(), source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the request body.
     *
     * @return the canonical JSON bytes
     */
    public byte[] toBytes() {
        ObjectNode root = CanonicalJson.object();
        root.set("descriptor", descriptor.toJson());
        root.put("bundle", Base64.getEncoder().encodeToString(bundle));
        root.set("signature", signature.toJson());
        return CanonicalJson.toBytes(root);
    }
}
