package dev.presso.host.internal.pipeline.reader;

/**
 * A key a section of the format accepts.
 *
 * @param name the key
 * @param expects what its value is, for hints (such as {@code a whole number >= 1})
 */
record Key(String name, String expects) {}
