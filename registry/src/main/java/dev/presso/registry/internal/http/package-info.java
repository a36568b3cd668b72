/** The Jetty handlers behind the registry server. Not API. */
@NullMarked
package dev.presso.registry.internal.http;

import org.jspecify.annotations.NullMarked;
