/**
 * Test helpers for plugins that run on the host and the tensor-cpu backend: {@link
 * dev.presso.modelfixtures.Stories260k}, the real stories260K model and its data in the shared
 * folder; {@link dev.presso.modelfixtures.MethodFixture}, a backend and plugin context for testing
 * compression methods on single layers; and {@link dev.presso.modelfixtures.Matrices}, small
 * read-backs that tests compare against.
 *
 * <p>Plugins use this module in test scope only. It depends on the host, tensor-cpu and the shared
 * fixtures, never on a method, search or evaluator plugin, so that every plugin can use it.
 */
@NullMarked
package dev.presso.modelfixtures;

import org.jspecify.annotations.NullMarked;
