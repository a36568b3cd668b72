package dev.presso.registry.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A signed document: {@code {"signed": {...}, "signatures": [{"keyid": ..., "sig": ...}]}}, each
 * signature made over the canonical JSON bytes of {@code signed} ({@link CanonicalJson}).
 *
 * @param signed the signed value
 * @param signatures the signatures
 */
public record SignedEnvelope(JsonNode signed, List<KeySignature> signatures) {
    /**
     * Copies the signatures.
     *
     * @param signed the signed value
     * @param signatures the signatures
     */
    public SignedEnvelope {
        signatures = List.copyOf(signatures);
    }

    /**
     * Signs a value with one or more keys.
     *
     * @param signed the value
     * @param keys the keys
     * @return the envelope
     */
    public static SignedEnvelope sign(JsonNode signed, List<SigningKey> keys) {
        byte[] bytes = CanonicalJson.toBytes(signed);
        return new SignedEnvelope(signed, keys.stream().map(k -> KeySignature.sign(k, bytes)).toList());
    }

    /**
     * Parses an envelope strictly (its {@code signed} part is not interpreted).
     *
     * @param bytes the JSON
     * @param source where it comes from, for messages
     * @return the envelope
     * @throws RegistryException ({@link RegistryException.Reason#MALFORMED}) naming the source
     *     and member
     */
    public static SignedEnvelope parse(byte[] bytes, String source) {
        JsonNode root = CanonicalJson.parse(bytes, source);
        try {
            Fields fields = Fields.of(root, "");
            JsonNode signed = fields.value("signed");
            if (!signed.isObject()) {
                throw Fields.malformed("/signed", "expected an object, got " + Fields.describe(signed));
            }
            List<JsonNode> items = fields.array("signatures");
            fields.done();
            List<KeySignature> signatures = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                signatures.add(KeySignature.fromJson(items.get(i), "/signatures/" + i));
            }
            return new SignedEnvelope(signed, signatures);
        } catch (RegistryException e) {
            throw new RegistryException(e.reason(), source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the bytes the signatures are over.
     *
     * @return the canonical JSON of {@link #signed()}
     */
    public byte[] signedBytes() {
        return CanonicalJson.toBytes(signed);
    }

    /**
     * Writes the envelope in canonical form.
     *
     * @return the canonical JSON bytes
     */
    public byte[] toBytes() {
        ObjectNode root = CanonicalJson.object();
        root.set("signed", signed);
        ArrayNode array = root.putArray("signatures");
        signatures.forEach(s -> array.add(s.toJson()));
        return CanonicalJson.toBytes(root);
    }
}
