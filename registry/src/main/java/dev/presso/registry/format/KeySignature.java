package dev.presso.registry.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * One Ed25519 signature and the id of the key that made it. JSON: {@code {"keyid": "...", "sig":
 * "BASE64"}}, the signature in standard base64 (64 bytes decoded).
 *
 * @param keyid the signing key's id ({@link VerificationKey#keyidOf})
 * @param sig the base64 signature
 */
public record KeySignature(String keyid, String sig) {
    /**
     * Signs bytes.
     *
     * @param key the key
     * @param data the bytes
     * @return the signature
     */
    public static KeySignature sign(SigningKey key, byte[] data) {
        return new KeySignature(key.keyid(), Base64.getEncoder().encodeToString(key.sign(data)));
    }

    /**
     * Tells whether this is a valid signature by a key over bytes.
     *
     * @param key the key, whose id must equal {@link #keyid()}
     * @param data the bytes
     * @return whether it verifies
     */
    public boolean verifiedBy(VerificationKey key, byte[] data) {
        if (!key.keyid().equals(keyid)) {
            return false;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return key.verifies(data, raw);
    }

    /**
     * Reads the JSON form.
     *
     * @param node the value
     * @param pointer its JSON Pointer
     * @return the signature
     * @throws RegistryException ({@link RegistryException.Reason#MALFORMED}) naming the member
     */
    public static KeySignature fromJson(JsonNode node, String pointer) {
        Fields fields = Fields.of(node, pointer);
        KeySignature signature = new KeySignature(fields.text("keyid", VerificationKey.KEYID,
                "32 lower-case hex digits"), fields.text("sig"));
        fields.done();
        try {
            if (Base64.getDecoder().decode(signature.sig).length != 64) {
                throw Fields.malformed(fields.pointer("sig"), "expected the base64 of a 64-byte Ed25519 signature");
            }
        } catch (IllegalArgumentException e) {
            throw Fields.malformed(fields.pointer("sig"), "not base64; expected the base64 of a 64-byte Ed25519"
                    + " signature");
        }
        return signature;
    }

    /**
     * Writes the JSON form.
     *
     * @return the object
     */
    public ObjectNode toJson() {
        ObjectNode node = CanonicalJson.object();
        node.put("keyid", keyid);
        node.put("sig", sig);
        return node;
    }
}
