package dev.presso.registry.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The conformance-kit result the publisher recorded before uploading. JSON: {@code {"passed":
 * true, "runtimes": ["classpath", "osgi"], "kit": "presso-tck 0.1.0", "summary": "..."}}. The
 * registry stores what the publisher signed; it does not rerun the kit.
 *
 * @param passed whether every check passed in every runtime mode
 * @param runtimes the runtime modes the kit ran in, such as {@code classpath} and {@code osgi}
 * @param kit the kit and its version
 * @param summary a one-line summary, such as {@code 14 checks passed}
 */
public record Conformance(boolean passed, List<String> runtimes, String kit, String summary) {
    /**
     * Copies the list.
     *
     * @param passed whether every check passed
     * @param runtimes the runtime modes
     * @param kit the kit
     * @param summary the summary
     */
    public Conformance {
        runtimes = List.copyOf(runtimes);
    }

    /**
     * Reads the JSON form.
     *
     * @param node the value
     * @param pointer its JSON Pointer
     * @return the record
     * @throws RegistryException ({@link RegistryException.Reason#MALFORMED}) naming the member
     */
    public static Conformance fromJson(JsonNode node, String pointer) {
        Fields fields = Fields.of(node, pointer);
        Conformance result = new Conformance(fields.bool("passed"), fields.texts("runtimes"), fields.text("kit"),
                fields.text("summary"));
        fields.done();
        return result;
    }

    /**
     * Writes the JSON form.
     *
     * @return the object
     */
    public ObjectNode toJson() {
        ObjectNode node = CanonicalJson.object();
        node.put("passed", passed);
        runtimes.forEach(node.putArray("runtimes")::add);
        node.put("kit", kit);
        node.put("summary", summary);
        return node;
    }
}
