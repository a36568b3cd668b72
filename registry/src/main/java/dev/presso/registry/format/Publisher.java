package dev.presso.registry.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A publisher: the namespace it owns and the keys that may sign its releases. JSON (a value of
 * the index's {@code publishers} object, keyed by namespace): {@code {"keys": [{"keyid": ...,
 * "publicKey": ...}]}}.
 *
 * @param namespace the namespace ({@link PluginId#namespaceOf})
 * @param keys its keys, at least one
 */
public record Publisher(String namespace, List<VerificationKey> keys) {
    /**
     * Copies the keys.
     *
     * @param namespace the namespace
     * @param keys the keys
     */
    public Publisher {
        keys = List.copyOf(keys);
    }

    /**
     * Finds a key by id.
     *
     * @param keyid the id
     * @return the key, if the publisher has it
     */
    public Optional<VerificationKey> key(String keyid) {
        return keys.stream().filter(k -> k.keyid().equals(keyid)).findFirst();
    }

    /**
     * Returns the publisher with one more key (or the same publisher if it has it already).
     *
     * @param key the key
     * @return the publisher
     */
    public Publisher withKey(VerificationKey key) {
        if (keys.contains(key)) {
            return this;
        }
        List<VerificationKey> more = new ArrayList<>(keys);
        more.add(key);
        return new Publisher(namespace, more);
    }

    /**
     * Reads the JSON form.
     *
     * @param namespace the namespace (the member name)
     * @param node the value
     * @param pointer its JSON Pointer
     * @return the publisher
     * @throws RegistryException ({@link RegistryException.Reason#MALFORMED}) naming the member
     */
    public static Publisher fromJson(String namespace, JsonNode node, String pointer) {
        if (!PluginId.isValidNamespace(namespace)) {
            throw Fields.malformed(pointer, Fields.quote(namespace) + " is not a namespace; expected lower-case letters,"
                    + " digits, '_' and '-'");
        }
        Fields fields = Fields.of(node, pointer);
        List<JsonNode> items = fields.array("keys");
        if (items.isEmpty()) {
            throw Fields.malformed(fields.pointer("keys"), "empty; expected at least one key");
        }
        List<VerificationKey> keys = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            keys.add(VerificationKey.fromJson(items.get(i), fields.pointer("keys") + "/" + i));
        }
        fields.done();
        return new Publisher(namespace, keys);
    }

    /**
     * Writes the JSON form.
     *
     * @return the object
     */
    public ObjectNode toJson() {
        ObjectNode node = CanonicalJson.object();
        ArrayNode array = node.putArray("keys");
        keys.forEach(k -> array.add(k.toJson()));
        return node;
    }
}
