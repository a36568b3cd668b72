package dev.presso.registry.format;

/** JSON Pointer (RFC 6901) pieces, used to name a field in messages. */
final class JsonPointers {
    private JsonPointers() {}

    /**
     * Escapes one reference token.
     *
     * @param token a member name
     * @return the token with {@code ~} and {@code /} escaped
     */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
