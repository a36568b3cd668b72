/**
 * The publishing side of a registry: {@link dev.presso.registry.server.RegistryStore}, a folder
 * holding the static layout and the private state (root key, hashed upload tokens), and
 * {@link dev.presso.registry.server.RegistryServer}, the HTTP server that serves the layout
 * read-only and accepts authenticated uploads.
 */
@NullMarked
package dev.presso.registry.server;

import org.jspecify.annotations.NullMarked;
