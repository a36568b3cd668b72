/**
 * The registry format: canonical JSON, Ed25519 keys and signatures, the signed index and its
 * records, the on-disk layout, and the verifiers a host runs before it trusts an index or a
 * bundle. Static by design: any web server, object store or CDN can serve a registry. The format
 * is specified in {@code registry/FORMAT.md}.
 */
@NullMarked
package dev.presso.registry.format;

import org.jspecify.annotations.NullMarked;
