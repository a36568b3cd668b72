package dev.presso.registry.client;

import dev.presso.registry.format.PluginDescriptor;
import dev.presso.registry.format.Provides;
import dev.presso.registry.format.Publisher;
import dev.presso.registry.format.RegistryIndex;
import dev.presso.registry.format.RegistryLayout;
import dev.presso.registry.format.Release;
import dev.presso.registry.format.ReleaseStatement;
import dev.presso.registry.format.Sha256;
import dev.presso.registry.format.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** A registry written straight into a folder with the format classes, for client tests. */
final class FolderRegistry {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    final Path root;
    final SigningKey rootKey = SigningKey.generate();
    final SigningKey publisherKey = SigningKey.generate();
    RegistryIndex index;

    FolderRegistry(Path root) {
        this.root = root;
        this.index = RegistryIndex.empty("test", NOW.plusSeconds(86_400))
                .withPublisher(new Publisher("acme", List.of(publisherKey.publicKey())));
    }

    /** Publishes a minimal bundle signed by the given key, and writes the index. */
    Release publish(String id, String version, SigningKey signer) {
        byte[] bundle = bundle(id, version);
        PluginDescriptor descriptor = new PluginDescriptor(id, version, "[1.0,2)", Provides.NONE, Map.of(),
                "a test plugin", null, null);
        Release release = new Release(RegistryLayout.bundlePath(id, version), Sha256.hex(bundle), bundle.length, NOW,
                ReleaseStatement.sign(signer, descriptor, bundle), descriptor);
        write(release.bundle(), bundle);
        index = index.withRelease(release).next(index.expires());
        writeIndex(index, rootKey);
        return release;
    }

    void writeIndex(RegistryIndex value, SigningKey signer) {
        write(RegistryLayout.INDEX, value.sign(List.of(signer)).toBytes());
    }

    void write(String path, byte[] bytes) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a minimal bundle, the same bytes on every call. */
    static byte[] bundle(String id, String version) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", id);
        main.putValue("Bundle-Version", version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            JarEntry entry = new JarEntry(JarFile.MANIFEST_NAME);
            entry.setTime(NOW.toEpochMilli());
            jar.putNextEntry(entry);
            manifest.write(jar);
            jar.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
