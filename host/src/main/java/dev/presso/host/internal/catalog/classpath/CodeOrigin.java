package dev.presso.host.internal.catalog.classpath;

import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.PluginManifest;
import dev.presso.host.internal.catalog.Sha256;
import dev.presso.kernel.PressoException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.jspecify.annotations.Nullable;

/**
 * Where a provider class was loaded from on the class path, a jar or a class folder, and the
 * plugin that place describes.
 *
 * <p>A jar is described by its manifest ({@link PluginManifest}) and hashed. A class folder is a
 * development build (an IDE or {@code target/classes} in a reactor build): its
 * {@code META-INF/MANIFEST.MF} is used when bnd wrote one there; otherwise the plugin id is the
 * Maven module's folder name ({@code .../evaluators/target/classes} is {@code evaluators},
 * {@code .../host/target/test-classes} is {@code host-tests}, any other folder its own name), the
 * version {@code 0.0.0} and the hash empty.
 *
 * @param location the jar or folder
 */
record CodeOrigin(Path location) {
    /** The version of a class folder without a manifest. */
    static final String FOLDER_VERSION = "0.0.0";

    /**
     * Finds where a class was loaded from.
     *
     * @param type a class
     * @return its jar or folder, empty for a class without a file location (the JDK's own)
     */
    static Optional<CodeOrigin> of(Class<?> type) {
        CodeSource code = type.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CodeOrigin(Path.of(code.getLocation().toURI())));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads the plugin this origin holds.
     *
     * @return its manifest, or empty for a class folder without one
     * @throws PressoException if the jar or the folder's manifest cannot be read or is not a bundle's
     */
    Optional<PluginManifest> manifest() {
        if (!Files.isDirectory(location)) {
            return Optional.of(PluginManifest.read(location));
        }
        Path file = location.resolve(JarFile.MANIFEST_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(PluginManifest.of(new Manifest(in), location.toString()));
        } catch (IOException e) {
            throw new PressoException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Describes the plugin.
     *
     * @param manifest what {@link #manifest()} returned
     * @return the plugin, hashed when it is a jar
     */
    InstalledPlugin describe(Optional<PluginManifest> manifest) {
        boolean folder = Files.isDirectory(location);
        String sha256 = folder ? "" : Sha256.of(location);
        return manifest.map(m -> m.installed(sha256, location.toString()))
                .orElseGet(() -> new InstalledPlugin(folderId(), FOLDER_VERSION, "", "", location.toString()));
    }

    private String folderId() {
        @Nullable Path name = location.getFileName();
        @Nullable Path target = location.getParent();
        @Nullable Path module = target == null ? null : target.getParent();
        if (name == null) {
            return location.toString();
        }
        if (module != null && module.getFileName() != null && target.getFileName().toString().equals("target")) {
            String moduleName = module.getFileName().toString();
            if (name.toString().equals("classes")) {
                return moduleName;
            }
            if (name.toString().equals("test-classes")) {
                return moduleName + "-tests";
            }
        }
        return name.toString();
    }
}
