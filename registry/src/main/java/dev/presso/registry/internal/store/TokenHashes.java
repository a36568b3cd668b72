package dev.presso.registry.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.presso.registry.format.CanonicalJson;
import dev.presso.registry.format.PluginId;
import dev.presso.registry.format.RegistryException;
import dev.presso.registry.format.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The upload tokens of a store's publishers, kept only as SHA-256 hashes: namespace to hash. A
 * token is 32 random bytes, so a plain hash cannot be reversed by guessing. File form:
 * {@code {"acme": {"tokenSha256": "HEX"}}}.
 *
 * @param byNamespace namespace to hex hash
 */
public record TokenHashes(Map<String, String> byNamespace) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Copies the map.
     *
     * @param byNamespace namespace to hex hash
     */
    public TokenHashes {
        byNamespace = Map.copyOf(byNamespace);
    }

    /**
     * Generates a new token.
     *
     * @return {@code prt_} and 43 base64url characters
     */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "prt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Hashes a token.
     *
     * @param token the token
     * @return its hex SHA-256
     */
    public static String hash(String token) {
        return Sha256.hex(token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns these hashes with a namespace's token set.
     *
     * @param namespace the namespace
     * @param token the token
     * @return the hashes
     */
    public TokenHashes with(String namespace, String token) {
        Map<String, String> more = new TreeMap<>(byNamespace);
        more.put(namespace, hash(token));
        return new TokenHashes(more);
    }

    /**
     * Finds the namespace a token belongs to, comparing hashes in constant time.
     *
     * @param token the presented token
     * @return the namespace, if the token is valid
     */
    public Optional<String> namespaceOf(String token) {
        byte[] presented = HexFormat.of().parseHex(hash(token));
        String found = null;
        for (Map.Entry<String, String> e : new TreeMap<>(byNamespace).entrySet()) {
            if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(e.getValue()))) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Reads the file form.
     *
     * @param bytes the JSON
     * @param source the file, for messages
     * @return the hashes
     */
    public static TokenHashes parse(byte[] bytes, String source) {
        JsonNode root = CanonicalJson.parse(bytes, source);
        Map<String, String> map = new TreeMap<>();
        if (!root.isObject()) {
            throw new RegistryException(RegistryException.Reason.MALFORMED, source + ": expected an object");
        }
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode hash = e.getValue().get("tokenSha256");
            if (!PluginId.isValidNamespace(e.getKey()) || hash == null || !hash.isTextual()
                    || !Sha256.HEX.matcher(hash.textValue()).matches()) {
                throw new RegistryException(RegistryException.Reason.MALFORMED, source + ": /" + e.getKey()
                        + ": expected a namespace with {\"tokenSha256\": \"64 hex digits\"}");
            }
            map.put(e.getKey(), hash.textValue());
        }
        return new TokenHashes(map);
    }

    /**
     * Writes the file form.
     *
     * @return the canonical JSON bytes
     */
    public byte[] toBytes() {
        ObjectNode root = CanonicalJson.object();
        new TreeMap<>(byNamespace).forEach((ns, h) -> root.putObject(ns).put("tokenSha256", h));
        return CanonicalJson.toBytes(root);
    }
}
