package dev.presso.host.internal.registry;

import dev.presso.registry.format.PluginDescriptor;
import dev.presso.registry.format.Provides;
import dev.presso.registry.format.PublishRequest;
import dev.presso.registry.format.RegistryIndex;
import dev.presso.registry.format.RegistryLayout;
import dev.presso.registry.format.Release;
import dev.presso.registry.format.SigningKey;
import dev.presso.registry.server.RegistryStore;
import dev.presso.registry.server.StoreSettings;
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

/**
 * A real registry store (registry-core's {@link RegistryStore}) in a temporary folder with one
 * publisher namespace, {@code acme}, and tiny real OSGi bundles, for host-side registry tests.
 */
final class LoopbackRegistry {
    /** The kernel-api import of a bundle this host can run. */
    static final String RUNNABLE = "dev.presso.kernel;version=\"[1.0,2)\"";

    final SigningKey rootKey = SigningKey.generate();
    final SigningKey publisherKey = SigningKey.generate();
    final RegistryStore store;
    final String token;

    private final String name;

    LoopbackRegistry(Path folder) {
        this(folder, "local");
    }

    LoopbackRegistry(Path folder, String name) {
        this.name = name;
        store = RegistryStore.init(folder, name, rootKey, StoreSettings.DEFAULTS);
        token = store.addPublisher("acme", publisherKey.publicKey());
    }

    /** Returns the configuration entry of this registry, read as a folder. */
    RegistryConfig.Entry entry() {
        return new RegistryConfig.Entry(name, store.publicRoot().toUri().toString(),
                List.of(rootKey.publicKey().toPem()));
    }

    Release publish(String id, String version, String kernelApi, Map<String, String> requires) {
        return publish(id, version, kernelApi, requires, RUNNABLE);
    }

    Release publish(String id, String version, String kernelApi, Map<String, String> requires, String imports) {
        PluginDescriptor descriptor = new PluginDescriptor(id, version, kernelApi, new Provides(List.of("m-" + id),
                List.of(), List.of(), List.of()), requires, "test plugin " + id, null, null);
        return store.publish(token, PublishRequest.sign(publisherKey, descriptor, bundle(id, version, imports)));
    }

    /** Replaces the served index with another one signed by a key. */
    void serve(RegistryIndex index, SigningKey signer) {
        write(RegistryLayout.INDEX, index.sign(List.of(signer)).toBytes());
    }

    /** Returns the current index with another expiry and a version one higher. */
    RegistryIndex nextIndex(Instant expires) {
        return store.index().next(expires);
    }

    byte[] read(String path) {
        try {
            return Files.readAllBytes(store.publicRoot().resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(String path, byte[] bytes) {
        try {
            Files.write(store.publicRoot().resolve(path), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a tiny OSGi bundle without classes, the same bytes on every call. */
    static byte[] bundle(String id, String version, String imports) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", id);
        main.putValue("Bundle-Version", version);
        main.putValue("Import-Package", imports);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            JarEntry entry = new JarEntry(JarFile.MANIFEST_NAME);
            entry.setTime(0);
            jar.putNextEntry(entry);
            manifest.write(jar);
            jar.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
