package dev.presso.registry.format;

import java.util.regex.Pattern;

/**
 * Plugin ids and namespaces as the registry accepts them.
 *
 * <p>A plugin id is one or more dot-separated segments of lower-case letters, digits, {@code _}
 * and {@code -}, each starting with a letter or digit, at most 128 characters: {@code acme.kmeans},
 * {@code evaluators}. Its namespace is the first segment ({@code acme}, {@code evaluators}). A
 * publisher's key owns a namespace and with it every id in it. The rule is a subset of the host's
 * (which also allows upper case): lower case keeps ids distinct on case-insensitive file systems,
 * since ids name folders of the layout. The id is what the host derives from the bundle manifest:
 * the {@code Presso-Plugin-Id} header, else the {@code Bundle-SymbolicName} without a leading
 * {@code presso-plugin-}.
 */
public final class PluginId {
    /** The form of a plugin id. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*(?:\\.[a-z0-9][a-z0-9_-]*)*");
    /** The form of a namespace. */
    public static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    /** The longest id. */
    public static final int MAX_LENGTH = 128;
    /** What a valid id looks like, for messages. */
    public static final String EXPECTED = "lower-case letters, digits, '_' and '-' in dot-separated segments, such as"
            + " acme.kmeans (at most " + MAX_LENGTH + " characters)";

    private PluginId() {}

    /**
     * Tells whether an id is valid.
     *
     * @param id the id
     * @return whether it matches {@link #ID} and is at most {@link #MAX_LENGTH} characters
     */
    public static boolean isValid(String id) {
        return id.length() <= MAX_LENGTH && ID.matcher(id).matches();
    }

    /**
     * Tells whether a namespace is valid.
     *
     * @param namespace the namespace
     * @return whether it matches {@link #NAMESPACE} and is at most 64 characters
     */
    public static boolean isValidNamespace(String namespace) {
        return namespace.length() <= 64 && NAMESPACE.matcher(namespace).matches();
    }

    /**
     * Returns the namespace of an id.
     *
     * @param id a valid id
     * @return its first segment
     */
    public static String namespaceOf(String id) {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }
}
