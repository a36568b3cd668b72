/**
 * Classpath mode: plugins are the jars on the class path, found with {@code ServiceLoader}; they
 * are listed, never installed or removed while the host runs.
 */
@NullMarked
package dev.presso.host.internal.catalog.classpath;

import org.jspecify.annotations.NullMarked;
