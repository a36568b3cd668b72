package dev.presso.host.internal.catalog.osgi;

import dev.presso.host.internal.catalog.InstalledPlugin;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One installed plugin in the host's state file.
 *
 * @param id the plugin id
 * @param version its bundle version
 * @param sha256 the hex SHA-256 of the stored jar, checked at every start
 * @param kernelApiRange the kernel-api range it imports
 * @param file the stored jar, relative to the state folder, such as
 *     {@code bundles/evaluators-0.1.0-1a2b3c4d5e6f.jar}
 */
record PluginRecord(String id, String version, String sha256, String kernelApiRange, String file) {
    /**
     * Validates the components.
     *
     * @param id the id
     * @param version the version
     * @param sha256 the hash
     * @param kernelApiRange the range
     * @param file the stored jar
     */
    PluginRecord {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(version, "version must not be null");
        Objects.requireNonNull(sha256, "sha256 must not be null");
        Objects.requireNonNull(kernelApiRange, "kernelApiRange must not be null");
        Objects.requireNonNull(file, "file must not be null");
    }

    /**
     * Describes the plugin.
     *
     * @param folder the state folder
     * @return the plugin, located at its stored jar
     */
    InstalledPlugin installed(Path folder) {
        return new InstalledPlugin(id, version, sha256, kernelApiRange, folder.resolve(file).toString());
    }
}
