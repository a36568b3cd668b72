package dev.presso.host.internal.pipeline.reader;

import dev.presso.host.internal.pipeline.spec.ProblemCode;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks the names of pipelines, variants and stages, which become folder and file names of a run. */
final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Names() {}

    /**
     * Reads a name.
     *
     * @param node the value
     * @param what the key or role, for messages
     * @param problems where problems go
     * @return the name, empty on a problem
     */
    static Optional<String> name(YamlNode node, String what, Problems problems) {
        Optional<String> text = Values.text(node, what, problems);
        if (text.isPresent() && !NAME.matcher(text.get()).matches()) {
            problems.add(ProblemCode.INVALID_VALUE, node.where(), "'" + what + "' is '" + text.get()
                    + "', which cannot name a folder", "use up to 64 letters, digits, '.', '_' and '-', starting"
                            + " with a letter or digit");
            return Optional.empty();
        }
        return text;
    }
}
