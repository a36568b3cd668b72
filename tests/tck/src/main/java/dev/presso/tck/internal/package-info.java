/**
 * Machinery behind the conformance kits: the JUnit extension that opens the backend under test
 * once per class, element decoding and comparison reports. Not an API.
 */
@NullMarked
package dev.presso.tck.internal;

import org.jspecify.annotations.NullMarked;
