/**
 * OSGi mode: an embedded Apache Felix runs the plugin jars as bundles, so plugins are installed,
 * updated in place and removed while the host runs.
 *
 * <p>The host is the extender: after starting a bundle it reads the bundle's own
 * {@code META-INF/services} files through the bundle's class loader with {@code ServiceLoader}
 * and keeps the providers it creates. Aries SPI Fly would do the same through the OSGi service
 * registry, but it needs five ASM bundles and a {@code Require-Capability} on
 * {@code osgi.serviceloader.registrar} that our bnd-made plugin jars do not declare; the host
 * already controls every install and uninstall, so it knows exactly when to create and when to
 * drop providers, and the same jars work unchanged on the class path.
 */
@NullMarked
package dev.presso.host.internal.catalog.osgi;

import org.jspecify.annotations.NullMarked;
