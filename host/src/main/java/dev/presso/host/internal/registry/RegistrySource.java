package dev.presso.host.internal.registry;

import dev.presso.registry.format.RegistryIndex;
import java.net.URI;

/**
 * A registry whose index was fetched and verified.
 *
 * @param name the registry's configured name
 * @param url its root address
 * @param index its verified index
 */
public record RegistrySource(String name, URI url, RegistryIndex index) {}
