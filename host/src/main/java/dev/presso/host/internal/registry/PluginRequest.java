package dev.presso.host.internal.registry;

import dev.presso.host.internal.pipeline.spec.PluginConstraint;
import dev.presso.kernel.PressoException;

/**
 * A request for a plugin from a registry, as a user writes it: {@code ID} (any version) or
 * {@code ID@CONSTRAINT} with the constraint syntax of pipelines ({@link PluginConstraint}:
 * {@code ^1.2}, {@code ~1.2}, {@code >=1.0 <2}, {@code 1.2.3}, {@code [1.0,2)}).
 *
 * @param id the plugin id
 * @param constraint the versions accepted
 */
public record PluginRequest(String id, PluginConstraint constraint) {
    /**
     * Parses a request.
     *
     * @param text such as {@code acme.kmeans@^1.2} or {@code acme.kmeans}
     * @return the request
     * @throws PressoException if the id is empty or the constraint is not valid, naming the text
     */
    public static PluginRequest parse(String text) {
        int at = text.indexOf('@');
        String id = (at < 0 ? text : text.substring(0, at)).strip();
        String constraint = at < 0 ? "*" : text.substring(at + 1);
        if (id.isEmpty()) {
            throw new PressoException("'" + text + "' names no plugin; expected ID or ID@VERSIONS, such as"
                    + " acme.kmeans@^1.2");
        }
        var parsed = PluginConstraint.parse(constraint);
        if (parsed.isInvalid()) {
            throw new PressoException("'" + text + "': " + parsed.getError() + "; expected ID@VERSIONS such as " + id
                    + "@^1.2, " + id + "@~1.2 or " + id + "@1.2.3");
        }
        return new PluginRequest(id, parsed.get());
    }

    /** Formats the request. @return such as {@code acme.kmeans@^1.2} */
    @Override
    public String toString() {
        return constraint.bounds().isEmpty() ? id : id + "@" + constraint.text().strip();
    }
}
