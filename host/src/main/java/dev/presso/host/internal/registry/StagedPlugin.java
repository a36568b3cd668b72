package dev.presso.host.internal.registry;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A plugin bundle downloaded and verified into the staging folder, ready to be installed.
 *
 * @param id the plugin id
 * @param version its version
 * @param jar the verified jar in the staging folder
 * @param registry the name of the registry it came from
 * @param sha256 the hex SHA-256 of the jar, as the signed index gives it
 */
public record StagedPlugin(String id, String version, Path jar, String registry, String sha256) {
    /**
     * Validates the components.
     *
     * @param id the id
     * @param version the version
     * @param jar the jar
     * @param registry the registry
     * @param sha256 the hash
     */
    public StagedPlugin {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(version, "version must not be null");
        Objects.requireNonNull(jar, "jar must not be null");
        Objects.requireNonNull(registry, "registry must not be null");
        Objects.requireNonNull(sha256, "sha256 must not be null");
    }
}
