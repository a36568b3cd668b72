package dev.presso.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.presso.registry.format.CanonicalJson;
import dev.presso.registry.format.PublishRequest;
import dev.presso.registry.format.RegistryException;
import dev.presso.registry.format.RegistryException.Reason;
import dev.presso.registry.server.PublishRefusedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Uploads a signed release to a registry server ({@code POST /api/v1/publish} with the namespace's
 * bearer token, as {@code registry/FORMAT.md} specifies).
 */
public final class RegistryPublisher {
    private RegistryPublisher() {}

    /**
     * What the server accepted.
     *
     * @param id the plugin id
     * @param version the version
     * @param bundle the bundle's path in the registry
     * @param sha256 the bundle's SHA-256
     * @param size the bundle's size in bytes
     * @param indexVersion the version of the index that lists it
     */
    public record Published(String id, String version, String bundle, String sha256, long size, long indexVersion) {}

    /**
     * Publishes a release.
     *
     * @param registry the server's root address, {@code http:} or {@code https:}
     * @param token the namespace's upload token
     * @param request the signed request ({@link PublishRequest#sign})
     * @return what the server accepted
     * @throws PublishRefusedException if the server refused the release, with its status and message
     * @throws RegistryException ({@link Reason#IO}) if the server cannot be reached or answers
     *     something else; ({@link Reason#MALFORMED}) if the address is not an http(s) URL
     */
    public static Published publish(URI registry, String token, PublishRequest request) {
        String scheme = registry.getScheme() == null ? "" : registry.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RegistryException(Reason.MALFORMED, "cannot publish to '" + registry + "'; expected the http:"
                    + " or https: address of a registry server (presso registry serve)");
        }
        URI endpoint = RegistryTransport.open(registry).root().resolve(PublishRequest.PATH.substring(1));
        HttpRequest post = HttpRequest.newBuilder(endpoint).timeout(RegistryTransport.REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.toBytes())).build();
        HttpResponse<byte[]> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(RegistryTransport.CONNECT_TIMEOUT).build()) {
            response = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, endpoint + ": cannot be reached (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(Reason.IO, endpoint + ": the upload was interrupted", e);
        }
        if (response.statusCode() == 201 || response.statusCode() == 200) {
            JsonNode body = CanonicalJson.parse(response.body(), endpoint.toString());
            return new Published(body.path("id").asText(), body.path("version").asText(),
                    body.path("bundle").asText(), body.path("sha256").asText(), body.path("size").asLong(),
                    body.path("indexVersion").asLong());
        }
        String message = errorOf(response.body()).orElse("HTTP " + response.statusCode());
        Optional<PublishRefusedException.Status> status = Arrays.stream(PublishRefusedException.Status.values())
                .filter(s -> s.code() == response.statusCode()).findFirst();
        if (status.isPresent()) {
            throw new PublishRefusedException(status.get(), endpoint + " refused " + request.descriptor().id() + " "
                    + request.descriptor().version() + " (HTTP " + response.statusCode() + "): " + message);
        }
        throw new RegistryException(Reason.IO, endpoint + " answered HTTP " + response.statusCode() + ": " + message);
    }

    private static Optional<String> errorOf(byte[] body) {
        try {
            JsonNode error = CanonicalJson.parse(body, "response").path("error");
            return error.isTextual() ? Optional.of(error.textValue()) : Optional.empty();
        } catch (RegistryException e) {
            return Optional.empty();
        }
    }
}
