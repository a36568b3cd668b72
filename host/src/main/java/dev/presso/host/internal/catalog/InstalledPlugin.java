package dev.presso.host.internal.catalog;

import java.util.Objects;

/**
 * A plugin jar the catalog knows, as its manifest describes it (see {@link PluginManifest} for how
 * the id is derived).
 *
 * @param id the plugin id: the {@code Presso-Plugin-Id} manifest header, or else the bundle
 *     symbolic name without its {@code presso-plugin-} prefix (for example {@code baselines})
 * @param version the {@code Bundle-Version}, {@code major.minor.micro[.qualifier]}
 * @param sha256 the hex SHA-256 of the jar's bytes, for run locks; empty for classes loaded from a
 *     directory (a development build, which has no single file to hash)
 * @param kernelApiRange the version range the plugin imports {@code dev.presso.kernel} packages
 *     at, such as {@code [1.0,2)}, or empty when it imports none
 * @param location where the jar was loaded from: its file path (in OSGi mode the host's copy in
 *     its state folder) or the class directory
 */
public record InstalledPlugin(String id, String version, String sha256, String kernelApiRange, String location) {
    /**
     * Validates the components.
     *
     * @param id the id
     * @param version the version
     * @param sha256 the hash
     * @param kernelApiRange the range
     * @param location the location
     */
    public InstalledPlugin {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(version, "version must not be null");
        Objects.requireNonNull(sha256, "sha256 must not be null");
        Objects.requireNonNull(kernelApiRange, "kernelApiRange must not be null");
        Objects.requireNonNull(location, "location must not be null");
    }
}
