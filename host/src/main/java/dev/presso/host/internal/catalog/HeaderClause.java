package dev.presso.host.internal.catalog;

import dev.presso.kernel.PressoException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One clause of an OSGi manifest header such as {@code Import-Package}: the names it applies to
 * with its attributes ({@code version="[1.0,2)"}) and directives ({@code resolution:=optional}).
 * Follows the grammar of the OSGi core specification (§3.2.4): clauses separated by commas, parts
 * by semicolons, values optionally in double quotes; a typed attribute ({@code version:Version=1})
 * is stored under its bare name.
 *
 * @param names the package or bundle names, at least one
 * @param attributes attribute values by name, unquoted
 * @param directives directive values by name, unquoted
 */
public record HeaderClause(List<String> names, Map<String, String> attributes, Map<String, String> directives) {
    /**
     * Copies the components.
     *
     * @param names the names
     * @param attributes the attributes
     * @param directives the directives
     */
    public HeaderClause {
        names = List.copyOf(names);
        attributes = Map.copyOf(attributes);
        directives = Map.copyOf(directives);
    }

    /**
     * Returns an attribute.
     *
     * @param name the attribute name, such as {@code version}
     * @return its value, if the clause has it
     */
    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /**
     * Parses a header value.
     *
     * @param header the header's name, for messages
     * @param value the header's value; blank gives no clauses
     * @return the clauses in order
     * @throws PressoException if a quote is not closed or a clause names nothing
     */
    public static List<HeaderClause> parse(String header, String value) {
        List<HeaderClause> clauses = new ArrayList<>();
        for (String clause : split(header, value, ',')) {
            if (clause.isBlank()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            Map<String, String> attributes = new LinkedHashMap<>();
            Map<String, String> directives = new LinkedHashMap<>();
            for (String part : split(header, clause, ';')) {
                int equals = part.indexOf('=');
                if (equals < 0) {
                    names.add(part.strip());
                } else if (equals > 0 && part.charAt(equals - 1) == ':') {
                    directives.put(part.substring(0, equals - 1).strip(), unquote(part.substring(equals + 1)));
                } else {
                    String name = part.substring(0, equals).strip();
                    int colon = name.indexOf(':');
                    attributes.put(colon < 0 ? name : name.substring(0, colon).strip(), unquote(part.substring(equals + 1)));
                }
            }
            if (names.isEmpty() || names.stream().anyMatch(String::isEmpty)) {
                throw new PressoException(header + " clause '" + clause.strip() + "' names no package; expected"
                        + " name;attribute=value, as bnd writes it");
            }
            clauses.add(new HeaderClause(names, attributes, directives));
        }
        return clauses;
    }

    /** Splits on a separator outside double quotes. */
    private static List<String> split(String header, String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new PressoException(header + " has an unclosed quote in '" + text.strip() + "'");
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unquote(String value) {
        String v = value.strip();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
