package dev.presso.registry.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.presso.registry.format.BundleVerifier;
import dev.presso.registry.format.CanonicalJson;
import dev.presso.registry.format.IndexVerifier;
import dev.presso.registry.format.PublishRequest;
import dev.presso.registry.format.RegistryIndex;
import dev.presso.registry.format.RegistryLayout;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryServerTest {
    @TempDir
    Path dir;

    private StoreFixture fixture;
    private RegistryServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        fixture = StoreFixture.create(dir);
        server = RegistryServer.start(fixture.store(), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    @Test
    void publishesOverHttpAndServesWhatAHostVerifies() throws Exception {
        PublishRequest request = fixture.request("acme.kmeans", "1.0.0");
        HttpResponse<String> published = publish(fixture.acmeToken(), request.toBytes());
        assertEquals(201, published.statusCode(), published.body());
        JsonNode answer = CanonicalJson.parse(published.body().getBytes(StandardCharsets.UTF_8), "answer");
        assertEquals("plugins/acme.kmeans/1.0.0/acme.kmeans-1.0.0.jar", answer.get("bundle").asText());

        HttpResponse<byte[]> index = get("/index.json");
        assertEquals(200, index.statusCode());
        assertEquals("application/json", index.headers().firstValue("content-type").orElseThrow());
        assertEquals("no-cache", index.headers().firstValue("cache-control").orElseThrow());
        RegistryIndex verified = new IndexVerifier(List.of(fixture.store().rootKey()))
                .verify(index.body(), "index.json", Instant.now(), 0);
        assertEquals(answer.get("indexVersion").asLong(), verified.version());

        HttpResponse<byte[]> bundle = get("/" + answer.get("bundle").asText());
        assertEquals(200, bundle.statusCode());
        assertEquals("application/java-archive", bundle.headers().firstValue("content-type").orElseThrow());
        assertTrue(bundle.headers().firstValue("cache-control").orElseThrow().contains("immutable"));
        assertArrayEquals(request.bundle(), bundle.body());
        BundleVerifier.verify(verified, "acme.kmeans", "1.0.0", bundle.body());

        HttpResponse<byte[]> key = get("/" + RegistryLayout.ROOT_KEY);
        assertTrue(new String(key.body(), StandardCharsets.US_ASCII).contains("BEGIN PUBLIC KEY"));
    }

    @Test
    void headAndConditionalGets() throws Exception {
        HttpResponse<byte[]> full = get("/index.json");
        String etag = full.headers().firstValue("etag").orElseThrow();
        assertTrue(full.headers().firstValue("last-modified").isPresent());
        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(uri("/index.json"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(full.body().length), head.headers().firstValue("content-length").orElseThrow());
        assertEquals(0, head.body().length);
        HttpResponse<byte[]> notModified = http.send(HttpRequest.newBuilder(uri("/index.json"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(304, notModified.statusCode());
        fixture.store().resign();
        HttpResponse<byte[]> changed = http.send(HttpRequest.newBuilder(uri("/index.json"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, changed.statusCode());
        assertNotEquals(etag, changed.headers().firstValue("etag").orElseThrow());
    }

    @Test
    void neverServesOutsideTheRootOrListsFolders() throws Exception {
        Files.createSymbolicLink(fixture.store().publicRoot().resolve("escape.key"),
                fixture.store().directory().resolve("private/root.key"));
        for (String path : List.of("/../private/root.key", "/%2e%2e/private/root.key", "/keys/..%2f..%2fprivate/root.key",
                "/plugins", "/plugins/", "/", "/keys", "/.index.json.tmp", "/escape.key", "/index.json%00",
                "/keys\\..\\..\\private\\root.key", "/%2fetc/passwd", "/nothing-here.json")) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            String status = answer.substring(0, answer.indexOf("\r\n"));
            assertFalse(status.contains(" 200 "), path + " -> " + status);
            assertFalse(answer.contains("PRIVATE KEY"), path + " leaked the private key");
            assertFalse(answer.contains("presso-registry-index") && !path.equals("/"), path + " -> " + answer);
        }
    }

    @Test
    void publishErrorsAreJsonWithProperStatuses() throws Exception {
        byte[] body = fixture.request("acme.kmeans", "1.0.0").toBytes();
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(uri(PublishRequest.PATH))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertError(noToken, 401, "Authorization: Bearer TOKEN");
        assertTrue(noToken.headers().firstValue("www-authenticate").orElseThrow().startsWith("Bearer"));
        assertError(publish("prt_wrong-token-wrong-token", body), 401, "not valid for any namespace");
        assertError(publish(fixture.otherToken(), body), 403, "does not own acme.kmeans");
        assertEquals(201, publish(fixture.acmeToken(), body).statusCode());
        assertError(publish(fixture.acmeToken(), body), 409, "already published");
        assertError(publish(fixture.acmeToken(), "{\"x\":1}".getBytes(StandardCharsets.UTF_8)), 400,
                "the member \"descriptor\" is missing");

        ObjectNode evil = (ObjectNode) CanonicalJson.parse(fixture.request("acme.evil", "1.0.0").toBytes(), "b");
        ((ObjectNode) evil.get("descriptor")).put("id", "../acme.evil");
        assertError(publish(fixture.acmeToken(), CanonicalJson.toBytes(evil)), 400,
                "/descriptor/id: \"../acme.evil\" is not a plugin id");
        for (String trick : List.of("acme/../../private", "acme\\..\\x", "/etc/acme", "acme.x\u0000", "acme.x\n",
                "C:acme", "acme..x")) {
            ((ObjectNode) evil.get("descriptor")).put("id", trick);
            assertError(publish(fixture.acmeToken(), CanonicalJson.toBytes(evil)), 400, "is not a plugin id");
        }
        ((ObjectNode) evil.get("descriptor")).put("id", "acme.evil").put("version", "1.0.0/../../x");
        assertError(publish(fixture.acmeToken(), CanonicalJson.toBytes(evil)), 400, "/descriptor/version");

        byte[] huge = new byte[(int) (StoreFixture.MAX_BUNDLE * 2 + 300_000)];
        java.util.Arrays.fill(huge, (byte) 'A');
        assertError(publish(fixture.acmeToken(), huge), 413, "accepts bundles of at most 65536 bytes");
        HttpResponse<String> hugeWithoutExpect = http.send(HttpRequest.newBuilder(uri(PublishRequest.PATH))
                .header("Authorization", "Bearer " + fixture.acmeToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build(), HttpResponse.BodyHandlers.ofString());
        assertError(hugeWithoutExpect, 413, "accepts bundles of at most 65536 bytes");
        HttpResponse<String> wrongTokenWithoutExpect = http.send(HttpRequest.newBuilder(uri(PublishRequest.PATH))
                .header("Authorization", "Bearer prt_wrong-token-wrong-token")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build(), HttpResponse.BodyHandlers.ofString());
        assertError(wrongTokenWithoutExpect, 401, "not valid for any namespace");

        HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri("/index.json"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertError(put, 405, "read-only");
        assertFalse(Files.exists(fixture.store().publicRoot().resolve("plugins/acme.evil")), "nothing stored");
    }

    private void assertError(HttpResponse<String> response, int status, String message) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        JsonNode body = CanonicalJson.parse(response.body().getBytes(StandardCharsets.UTF_8), "error");
        assertEquals(status, body.get("status").asInt());
        assertTrue(body.get("error").asText().contains(message), body.get("error").asText());
    }

    private HttpResponse<String> publish(String token, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(PublishRequest.PATH)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").expectContinue(true).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return server.uri().resolve(path.substring(1));
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
