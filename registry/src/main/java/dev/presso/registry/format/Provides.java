package dev.presso.registry.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a plugin provides: the ids of its methods, evaluators, search strategies and tensor
 * providers. JSON: {@code {"methods": [...], "evaluators": [...], "searches": [...],
 * "tensors": [...]}}, each a sorted list without duplicates (all four members present).
 *
 * @param methods method ids
 * @param evaluators evaluator ids
 * @param searches search strategy ids
 * @param tensors tensor provider ids
 */
public record Provides(List<String> methods, List<String> evaluators, List<String> searches, List<String> tensors) {
    /** The form of a provided id. */
    public static final Pattern SERVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** Nothing provided. */
    public static final Provides NONE = new Provides(List.of(), List.of(), List.of(), List.of());

    /**
     * Sorts and copies the lists.
     *
     * @param methods method ids
     * @param evaluators evaluator ids
     * @param searches search strategy ids
     * @param tensors tensor provider ids
     */
    public Provides {
        methods = methods.stream().distinct().sorted().toList();
        evaluators = evaluators.stream().distinct().sorted().toList();
        searches = searches.stream().distinct().sorted().toList();
        tensors = tensors.stream().distinct().sorted().toList();
    }

    /**
     * Reads the JSON form.
     *
     * @param node the value
     * @param pointer its JSON Pointer
     * @return the record
     * @throws RegistryException ({@link RegistryException.Reason#MALFORMED}) naming the member
     */
    public static Provides fromJson(JsonNode node, String pointer) {
        Fields fields = Fields.of(node, pointer);
        Provides provides = new Provides(ids(fields, "methods"), ids(fields, "evaluators"), ids(fields, "searches"),
                ids(fields, "tensors"));
        fields.done();
        return provides;
    }

    /**
     * Writes the JSON form.
     *
     * @return the object
     */
    public ObjectNode toJson() {
        ObjectNode node = CanonicalJson.object();
        put(node, "methods", methods);
        put(node, "evaluators", evaluators);
        put(node, "searches", searches);
        put(node, "tensors", tensors);
        return node;
    }

    private static void put(ObjectNode node, String member, List<String> ids) {
        ArrayNode array = node.putArray(member);
        ids.forEach(array::add);
    }

    private static List<String> ids(Fields fields, String member) {
        List<String> ids = fields.texts(member);
        for (int i = 0; i < ids.size(); i++) {
            if (!SERVICE_ID.matcher(ids.get(i)).matches()) {
                throw Fields.malformed(fields.pointer(member) + "/" + i, "\"" + ids.get(i)
                        + "\" is not a valid id; expected letters, digits, '.', '_' and '-' (at most 128)");
            }
        }
        return ids;
    }
}
