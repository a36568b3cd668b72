package dev.presso.host.internal.pipeline.spec;

/**
 * How much a search may spend: an average number of stored bits per original parameter of the
 * searched sites.
 *
 * @param bitsPerParameter the average, such as 3.5
 * @param where where it was written
 */
public record Budget(double bitsPerParameter, Location where) {}
