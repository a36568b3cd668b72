/**
 * Installing plugins from registries: the configured registries ({@link RegistryConfig}), request
 * resolution against the running kernel-api ({@link PluginResolver}), the all-or-nothing install
 * of several bundles ({@link InstallTransaction}) and the lockfile ({@link RegistryLock}). Fetching
 * and verifying indexes and bundles is the registry module's client ({@code dev.presso.registry.client}).
 */
@NullMarked
package dev.presso.host.internal.registry;

import org.jspecify.annotations.NullMarked;
