package dev.presso.registry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.presso.registry.format.RegistryException;
import dev.presso.registry.format.RegistryException.Reason;
import dev.presso.registry.format.RegistryIndex;
import dev.presso.registry.format.RegistryLayout;
import dev.presso.registry.format.Release;
import dev.presso.registry.format.SigningKey;
import dev.presso.registry.format.VerificationKey;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryClientTest {
    @TempDir Path temp;
    private FolderRegistry registry;
    private Path state;
    private RegistryClient client;

    @BeforeEach
    void setUp() throws IOException {
        registry = new FolderRegistry(Files.createDirectories(temp.resolve("registry")));
        state = Files.createDirectories(temp.resolve("state"));
        client = new RegistryClient(SeenVersions.in(state), Clock.fixed(FolderRegistry.NOW, ZoneOffset.UTC));
    }

    private List<VerificationKey> trusted() {
        return List.of(registry.rootKey.publicKey());
    }

    @Test
    void fetchesAndVerifiesAnIndexAndABundleFromAFolder() {
        Release release = registry.publish("acme.kmeans", "1.0.0", registry.publisherKey);
        RegistryClient.VerifiedIndex index = client.fetchIndex(registry.root.toUri(), trusted());
        assertEquals(1, index.index().version());
        byte[] bundle = client.fetchBundle(index, "acme.kmeans", "1.0.0");
        assertEquals(release.size(), bundle.length);
        assertArrayEquals(FolderRegistry.bundle("acme.kmeans", "1.0.0"), bundle);
    }

    @Test
    void verifyingWritesNothingUntilRemembered() {
        registry.publish("acme.kmeans", "1.0.0", registry.publisherKey);
        RegistryClient.VerifiedIndex index = client.fetchIndex(registry.root.toUri(), trusted());
        assertFalse(Files.exists(state.resolve(SeenVersions.FILE)));
        client.remember(List.of(index));
        assertEquals(1, SeenVersions.in(state).highest(index.root().toString()).orElseThrow());
    }

    @Test
    void refusesAnIndexOlderThanOneSeen() {
        registry.publish("acme.kmeans", "1.0.0", registry.publisherKey);
        RegistryIndex old = registry.index;
        registry.publish("acme.kmeans", "1.1.0", registry.publisherKey);
        client.remember(List.of(client.fetchIndex(registry.root.toUri(), trusted())));
        registry.writeIndex(old, registry.rootKey);
        RegistryException e = assertThrows(RegistryException.class,
                () -> client.fetchIndex(registry.root.toUri(), trusted()));
        assertEquals(Reason.ROLLBACK, e.reason());
        assertTrue(e.getMessage().contains("index version 1 is older than version 2"), e.getMessage());
    }

    @Test
    void refusesAnExpiredIndexSayingWhen() {
        registry.publish("acme.kmeans", "1.0.0", registry.publisherKey);
        RegistryClient late = new RegistryClient(SeenVersions.in(state),
                Clock.fixed(FolderRegistry.NOW.plusSeconds(2 * 86_400), ZoneOffset.UTC));
        RegistryException e = assertThrows(RegistryException.class,
                () -> late.fetchIndex(registry.root.toUri(), trusted()));
        assertEquals(Reason.EXPIRED, e.reason());
        assertTrue(e.getMessage().contains("expired at 2026-11-26T12:00:00Z"), e.getMessage());
    }

    @Test
    void refusesAnIndexSignedByAnUntrustedKeyOrAltered() throws IOException {
        registry.publish("acme.kmeans", "1.0.0", registry.publisherKey);
        registry.writeIndex(registry.index, SigningKey.generate());
        assertEquals(Reason.UNKNOWN_KEY, assertThrows(RegistryException.class,
                () -> client.fetchIndex(registry.root.toUri(), trusted())).reason());

        registry.writeIndex(registry.index, registry.rootKey);
        Path index = registry.root.resolve(RegistryLayout.INDEX);
        Files.writeString(index, Files.readString(index).replace("a test plugin", "a tast plugin"));
        RegistryException e = assertThrows(RegistryException.class,
                () -> client.fetchIndex(registry.root.toUri(), trusted()));
        assertEquals(Reason.BAD_SIGNATURE, e.reason());
        assertTrue(e.getMessage().contains("registry/index.json") && e.getMessage().contains("altered"),
                e.getMessage());
    }

    @Test
    void refusesAModifiedBundleAndOneSignedByAnUnknownKey() {
        Release release = registry.publish("acme.kmeans", "1.0.0", registry.publisherKey);
        registry.publish("acme.other", "1.0.0", SigningKey.generate());
        RegistryClient.VerifiedIndex index = client.fetchIndex(registry.root.toUri(), trusted());

        assertEquals(Reason.UNKNOWN_KEY, assertThrows(RegistryException.class,
                () -> client.fetchBundle(index, "acme.other", "1.0.0")).reason());

        byte[] tampered = FolderRegistry.bundle("acme.kmeans", "1.0.0");
        tampered[tampered.length / 2] ^= 1;
        registry.write(release.bundle(), tampered);
        RegistryException e = assertThrows(RegistryException.class,
                () -> client.fetchBundle(index, "acme.kmeans", "1.0.0"));
        assertEquals(Reason.HASH_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains(release.bundle()), e.getMessage());
    }

    @Test
    void fetchesOverHttpAndNamesTheAddressOnErrors() throws IOException {
        registry.publish("acme.kmeans", "1.0.0", registry.publisherKey);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = registry.root.resolve(exchange.getRequestURI().getPath().substring(1));
            byte[] body = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            URI root = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            RegistryClient.VerifiedIndex index = client.fetchIndex(root, trusted());
            assertEquals(FolderRegistry.bundle("acme.kmeans", "1.0.0").length,
                    client.fetchBundle(index, "acme.kmeans", "1.0.0").length);
            RegistryException missing = assertThrows(RegistryException.class,
                    () -> client.fetchIndex(root.resolve("elsewhere/"), trusted()));
            assertEquals(Reason.NOT_FOUND, missing.reason());
            assertTrue(missing.getMessage().contains(root + "elsewhere/index.json"), missing.getMessage());
        } finally {
            server.stop(0);
        }
        RegistryException down = assertThrows(RegistryException.class, () -> client.fetchIndex(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), trusted()));
        assertEquals(Reason.IO, down.reason());
    }

    @Test
    void refusesAFileLargerThanExpected() {
        registry.publish("acme.kmeans", "1.0.0", registry.publisherKey);
        RegistryTransport transport = RegistryTransport.open(registry.root.toUri());
        RegistryException e = assertThrows(RegistryException.class, () -> transport.read(RegistryLayout.INDEX, 10));
        assertTrue(e.getMessage().contains("larger than the 10 bytes expected"), e.getMessage());
    }

    @Test
    void refusesPathsThatLeaveTheRegistry() {
        RegistryTransport transport = RegistryTransport.open(URI.create("http://127.0.0.1:1/reg"));
        assertEquals("http://127.0.0.1:1/reg/", transport.root().toString());
        for (String path : List.of("../secret", "a/../../b", "/etc/passwd", "http://evil/x", "a\\b", "")) {
            assertEquals(Reason.MALFORMED, assertThrows(RegistryException.class, () -> transport.resolve(path))
                    .reason(), path);
        }
        assertThrows(RegistryException.class, () -> RegistryTransport.open(URI.create("ftp://host/")));
    }
}
