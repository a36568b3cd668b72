package dev.presso.host.internal.catalog;

import dev.presso.kernel.PressoException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.osgi.framework.Version;

/**
 * The kernel-api the host runs with: the packages its jar exports and their versions, read from
 * the jar's own {@code Export-Package} header (bnd writes it from each package's
 * {@code @Version}), so the versions are never written down a second time. OSGi mode exports
 * exactly these from the system bundle, and both modes use them to refuse a plugin built for
 * another kernel-api before loading any of its classes.
 */
public final class KernelApi {
    private final SortedMap<String, Version> exports;

    private KernelApi(SortedMap<String, Version> exports) {
        this.exports = Collections.unmodifiableSortedMap(exports);
    }

    /**
     * Reads the kernel-api on the host's class path.
     *
     * @return its exports
     * @throws PressoException if kernel-api was loaded from a folder without a manifest (an IDE
     *     build) or its manifest exports no package, naming where it was loaded from
     */
    public static KernelApi ofRunningHost() {
        CodeSource code = PressoException.class.getProtectionDomain().getCodeSource();
        if (code == null) {
            throw new PressoException("cannot find where kernel-api was loaded from, so its package versions are"
                    + " unknown; put the presso-kernel-api jar on the class path");
        }
        Path location;
        try {
            location = Path.of(code.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new PressoException("kernel-api was loaded from " + code.getLocation()
                    + ", which is not a file; put the presso-kernel-api jar on the class path", e);
        }
        return of(manifestAt(location), location.toString());
    }

    /**
     * Reads the exports of a kernel-api manifest.
     *
     * @param manifest the manifest of the kernel-api jar
     * @param source where it comes from, for messages
     * @return its exports
     * @throws PressoException if it exports no {@code dev.presso.kernel} package
     */
    public static KernelApi of(Manifest manifest, String source) {
        String header = manifest.getMainAttributes().getValue("Export-Package");
        SortedMap<String, Version> exports = new TreeMap<>();
        if (header != null) {
            for (HeaderClause clause : HeaderClause.parse("Export-Package", header)) {
                Version version = Version.parseVersion(clause.attribute("version").orElse("0.0.0"));
                clause.names().stream().filter(n -> n.startsWith("dev.presso.kernel"))
                        .forEach(n -> exports.put(n, version));
            }
        }
        if (exports.isEmpty()) {
            throw new PressoException(source + ": the kernel-api manifest exports no dev.presso.kernel package;"
                    + " expected an Export-Package header written by bnd");
        }
        return new KernelApi(exports);
    }

    /** Returns the exported packages. @return versions by package name, sorted */
    public Map<String, Version> exports() {
        return exports;
    }

    /** Returns the kernel-api version, the highest of its package versions. @return the version */
    public Version version() {
        return exports.values().stream().max(Version::compareTo).orElseThrow();
    }

    /**
     * Returns the exports in the form of Felix's {@code org.osgi.framework.system.packages.extra},
     * each with its version (an export without one would be 0.0.0 and satisfy no plugin).
     *
     * @return the packages, such as {@code dev.presso.kernel;version="1.0.0",...}
     */
    public String systemPackages() {
        return exports.entrySet().stream().map(e -> e.getKey() + ";version=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(","));
    }

    /**
     * Tells why a plugin cannot run on this kernel-api.
     *
     * @param plugin the plugin's manifest
     * @return the reason, such as {@code plugin x 0.4.0 requires kernel-api [2.0,3); this host
     *     provides 1.0.0}, or empty if every mandatory kernel-api import is satisfied
     */
    public Optional<String> incompatibility(PluginManifest plugin) {
        for (PluginManifest.KernelImport wanted : plugin.kernelImports()) {
            if (wanted.optional()) {
                continue;
            }
            Version provided = exports.get(wanted.packageName());
            String name = "plugin " + plugin.id() + " " + plugin.version();
            if (provided == null) {
                return Optional.of(name + " imports kernel-api package " + wanted.packageName() + " " + wanted.range()
                        + ", which this host's kernel-api " + version() + " does not have");
            }
            if (!wanted.parsed().includes(provided)) {
                return Optional.of(name + " requires kernel-api " + wanted.range() + "; this host provides " + provided);
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses a plugin this kernel-api cannot satisfy.
     *
     * @param plugin the plugin's manifest
     * @throws PressoException with {@link #incompatibility}'s reason
     */
    public void requireCompatible(PluginManifest plugin) {
        Optional<String> reason = incompatibility(plugin);
        if (reason.isPresent()) {
            throw new PressoException(reason.get());
        }
    }

    private static Manifest manifestAt(Path location) {
        try {
            if (Files.isDirectory(location)) {
                Path file = location.resolve(JarFile.MANIFEST_NAME);
                if (!Files.isRegularFile(file)) {
                    throw new PressoException("kernel-api was loaded from the folder " + location + ", which has no "
                            + JarFile.MANIFEST_NAME + " with its package versions; put the presso-kernel-api jar on"
                            + " the class path (./mvnw install -pl kernel-api)");
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return new Manifest(in);
                }
            }
            try (JarFile jar = new JarFile(location.toFile(), false)) {
                Manifest manifest = jar.getManifest();
                if (manifest == null) {
                    throw new PressoException(location + ": the kernel-api jar has no manifest");
                }
                return manifest;
            }
        } catch (IOException e) {
            throw new PressoException(location + ": cannot read the kernel-api manifest (" + e.getMessage() + ")", e);
        }
    }
}
