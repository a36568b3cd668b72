package dev.presso.registry;

import dev.presso.registry.format.Conformance;
import dev.presso.registry.format.PluginDescriptor;
import dev.presso.registry.format.Provides;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/** Builds small real OSGi bundle jars and descriptors for tests. */
public final class TestBundles {
    private TestBundles() {}

    /**
     * Builds a bundle jar with a manifest and one entry of incompressible bytes.
     *
     * @param symbolicName the Bundle-SymbolicName
     * @param version the Bundle-Version
     * @param padding bytes of payload
     * @return the jar bytes
     */
    public static byte[] bundle(String symbolicName, String version, int padding) {
        return jar(Map.of("Bundle-SymbolicName", symbolicName, "Bundle-Version", version,
                "Bundle-ManifestVersion", "2", "Import-Package", "dev.presso.kernel.method;version=\"[1.0,2)\""),
                "dev/example/Payload.bin", padding);
    }

    /**
     * Builds a jar.
     *
     * @param headers main manifest attributes
     * @param entry the name of one more entry
     * @param padding its size
     * @return the jar bytes
     */
    public static byte[] jar(Map<String, String> headers, String entry, int padding) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new ZipEntry(entry));
            byte[] payload = new byte[padding];
            new java.util.SplittableRandom(padding).nextBytes(payload);
            jar.write(payload);
            jar.closeEntry();
            jar.putNextEntry(new ZipEntry("README.txt"));
            jar.write(("test bundle " + headers.get("Bundle-SymbolicName")).getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Builds a descriptor.
     *
     * @param id the plugin id
     * @param version the version
     * @return the descriptor
     */
    public static PluginDescriptor descriptor(String id, String version) {
        return new PluginDescriptor(id, version, "[1.0,2)",
                new Provides(List.of("kmeans"), List.of(), List.of(), List.of()), Map.of(),
                "Per-group k-means weight clustering", "https://example.org/" + id,
                new Conformance(true, List.of("classpath", "osgi"), "presso-tck 0.1.0", "14 checks passed"));
    }
}
