/**
 * The client side of a registry: fetching a signed index and bundles from {@code file:} and
 * {@code http(s):} addresses ({@link RegistryTransport}), verifying them against the user's trusted
 * root keys with rollback protection ({@link RegistryClient}, {@link SeenVersions}). Resolution of
 * version requests against the running host is the host's job, which owns the request syntax.
 */
@NullMarked
package dev.presso.registry.client;

import org.jspecify.annotations.NullMarked;
