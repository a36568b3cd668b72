package dev.presso.registry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.registry.format.PluginDescriptor;
import dev.presso.registry.format.Provides;
import dev.presso.registry.format.PublishRequest;
import dev.presso.registry.format.RegistryException;
import dev.presso.registry.format.SigningKey;
import dev.presso.registry.server.PublishRefusedException;
import dev.presso.registry.server.RegistryServer;
import dev.presso.registry.server.RegistryStore;
import dev.presso.registry.server.StoreSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing to and installing from a real registry server on loopback. */
class RegistryPublisherTest {
    @TempDir Path temp;

    private static PublishRequest request(SigningKey key, String id, String version) {
        PluginDescriptor descriptor = new PluginDescriptor(id, version, "[1.0,2)", Provides.NONE, Map.of(),
                "a test plugin", null, null);
        return PublishRequest.sign(key, descriptor, FolderRegistry.bundle(id, version));
    }

    @Test
    void publishesThenFetchesOverHttpAndRefusesWhatTheServerRefuses() {
        SigningKey rootKey = SigningKey.generate();
        SigningKey publisher = SigningKey.generate();
        RegistryStore store = RegistryStore.init(temp.resolve("store"), "local", rootKey, StoreSettings.DEFAULTS);
        String token = store.addPublisher("acme", publisher.publicKey());
        try (RegistryServer server = RegistryServer.start(store, "127.0.0.1", 0)) {
            URI root = server.uri();
            RegistryPublisher.Published published = RegistryPublisher.publish(root, token,
                    request(publisher, "acme.kmeans", "1.0.0"));
            assertEquals("acme.kmeans", published.id());
            assertEquals("plugins/acme.kmeans/1.0.0/acme.kmeans-1.0.0.jar", published.bundle());

            PublishRefusedException again = assertThrows(PublishRefusedException.class, () -> RegistryPublisher.publish(root, token,
                    request(publisher, "acme.kmeans", "1.0.0")));
            assertEquals(PublishRefusedException.Status.CONFLICT, again.status());
            PublishRefusedException stranger = assertThrows(PublishRefusedException.class, () -> RegistryPublisher.publish(root,
                    "not-the-token-0123456789", request(publisher, "acme.kmeans", "1.1.0")));
            assertEquals(PublishRefusedException.Status.UNAUTHORIZED, stranger.status());
            assertTrue(stranger.getMessage().contains("HTTP 401"), stranger.getMessage());

            RegistryClient client = new RegistryClient(SeenVersions.in(temp.resolve("state")), Clock.systemUTC());
            RegistryClient.VerifiedIndex index = client.fetchIndex(root, List.of(rootKey.publicKey()));
            assertEquals(published.indexVersion(), index.index().version());
            assertArrayEquals(FolderRegistry.bundle("acme.kmeans", "1.0.0"),
                    client.fetchBundle(index, "acme.kmeans", "1.0.0"));
        }
        assertThrows(RegistryException.class, () -> RegistryPublisher.publish(URI.create("file:/tmp/x/"), "t",
                request(publisher, "acme.kmeans", "1.2.0")));
    }
}
