package dev.presso.host.internal.report.html;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes HTML and SVG elements with escaped text and attributes, one element per line. Attributes
 * are name/value pairs; a {@code double} value is written as a coordinate (see
 * {@link Numbers#coordinate(double)}). Not thread-safe.
 */
final class Markup {
    private final StringBuilder out = new StringBuilder(1 << 14);
    private final Deque<String> open = new ArrayDeque<>();

    /** Opens an element; {@link #end()} closes it. */
    Markup start(String tag, Object... attributes) {
        tag(tag, attributes);
        out.append(">\n");
        open.push(tag);
        return this;
    }

    /** Closes the innermost open element. */
    Markup end() {
        out.append("</").append(open.pop()).append(">\n");
        return this;
    }

    /** Writes an element with text content only. */
    Markup element(String tag, String text, Object... attributes) {
        tag(tag, attributes);
        out.append('>');
        escape(text, false);
        out.append("</").append(tag).append(">\n");
        return this;
    }

    /** Writes escaped text inside the open element. */
    Markup text(String text) {
        escape(text, false);
        out.append('\n');
        return this;
    }

    /**
     * Writes a self-closed element: an SVG shape or an HTML void element such as {@code <meta>}
     * (HTML ignores the slash on any other element, so use {@link #element} with empty text there).
     */
    Markup empty(String tag, Object... attributes) {
        tag(tag, attributes);
        out.append("/>\n");
        return this;
    }

    /** Writes text as it is, for a style sheet or a doctype; never for data. */
    Markup raw(String text) {
        out.append(text);
        return this;
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("elements left open: " + open);
        }
        return out.toString();
    }

    private void tag(String tag, Object... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs, got " + attributes.length);
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"");
            Object value = attributes[i + 1];
            escape(value instanceof Double number ? Numbers.coordinate(number) : String.valueOf(value), true);
            out.append('"');
        }
    }

    private void escape(String text, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                default -> out.append(c);
            }
        }
    }
}
