/**
 * The plugin catalog: which plugins the host has and the providers they bring, in two runtime
 * modes that load the same plugin jars.
 *
 * <ul>
 *   <li><b>Classpath mode</b> ({@code catalog.classpath}, the default): the plugins are the jars on
 *       the class path; {@code ServiceLoader} reads their {@code META-INF/services} files for the
 *       four provider interfaces ({@link ProviderKind}). Nothing is installed or removed while the
 *       host runs; changes are refused with a pointer to OSGi mode.
 *   <li><b>OSGi mode</b> ({@code catalog.osgi}): an embedded Apache Felix runs each plugin jar as a
 *       bundle. The system bundle exports the kernel-api packages at the versions written in the
 *       kernel-api jar's manifest ({@link KernelApi}); plugins import them with version ranges and
 *       export nothing. Plugins are installed from a file, updated in place and removed without a
 *       restart; the host keeps its own record of them in a state folder and reinstalls them at
 *       every start, so Felix's cache is disposable.
 * </ul>
 *
 * <p>In both modes a plugin is described by its manifest ({@link PluginManifest}): its id is the
 * {@code Presso-Plugin-Id} header, or else the bundle symbolic name without its
 * {@code presso-plugin-} prefix; its version the {@code Bundle-Version}; its kernel-api range the
 * version range of its {@code dev.presso.kernel} imports. A plugin whose range this host does not
 * satisfy is refused before any of its classes load, with a message such as
 * {@code plugin x 0.4.0 requires kernel-api [2.0,3); this host provides 1.0.0}. A broken plugin
 * never stops the host: it is skipped and reported in {@link Catalog#problems()}.
 */
@NullMarked
package dev.presso.host.internal.catalog;

import org.jspecify.annotations.NullMarked;
