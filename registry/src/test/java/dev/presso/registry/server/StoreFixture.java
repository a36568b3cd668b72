package dev.presso.registry.server;

import dev.presso.registry.TestBundles;
import dev.presso.registry.format.PluginDescriptor;
import dev.presso.registry.format.PublishRequest;
import dev.presso.registry.format.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** A store with publisher namespace {@code acme} (and {@code other}), their keys and tokens. */
record StoreFixture(RegistryStore store, SigningKey acmeKey, String acmeToken, SigningKey otherKey,
        String otherToken) {
    static final long MAX_BUNDLE = 64 * 1024;

    static StoreFixture create(Path dir) {
        RegistryStore store = RegistryStore.init(dir.resolve("registry"), "test", SigningKey.generate(),
                new StoreSettings(Duration.ofHours(1), MAX_BUNDLE));
        SigningKey acme = SigningKey.generate();
        SigningKey other = SigningKey.generate();
        String acmeToken = store.addPublisher("acme", acme.publicKey());
        String otherToken = store.addPublisher("other", other.publicKey());
        return new StoreFixture(store, acme, acmeToken, other, otherToken);
    }

    PublishRequest request(String id, String version) {
        return request(id, version, 2000);
    }

    PublishRequest request(String id, String version, int padding) {
        PluginDescriptor descriptor = TestBundles.descriptor(id, version);
        return PublishRequest.sign(acmeKey, descriptor, TestBundles.bundle(id, version, padding));
    }

    /** Every file under the public root with its size, to prove a refusal stored nothing. */
    List<String> publicFiles() {
        try (Stream<Path> files = Files.walk(store.publicRoot())) {
            return files.filter(Files::isRegularFile).map(p -> {
                try {
                    return store.publicRoot().relativize(p) + ":" + Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
