package dev.presso.registry.client;

import dev.presso.registry.format.RegistryException;
import dev.presso.registry.format.RegistryException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads files of a registry by their path relative to its root, from a folder ({@code file:}) or
 * a web server ({@code http:}, {@code https:}), with time limits and a size limit per file. Every
 * error names the address it was reading.
 */
public final class RegistryTransport {
    /** The default time to connect to a server. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The default time for a whole download. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final URI root;
    private final Duration requestTimeout;
    private final HttpClient http;

    private RegistryTransport(URI root, Duration connectTimeout, Duration requestTimeout) {
        this.root = root;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * Opens a registry address with the default time limits.
     *
     * @param root the registry's root, such as {@code http://127.0.0.1:8080/} or
     *     {@code file:/srv/registry/}; a missing final slash is added, and a folder's address is
     *     made absolute and normal (so one folder always has one address)
     * @return the transport
     * @throws RegistryException ({@link Reason#MALFORMED}) if the address is not an absolute
     *     {@code file:}, {@code http:} or {@code https:} URI
     */
    public static RegistryTransport open(URI root) {
        return open(root, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    /**
     * Opens a registry address.
     *
     * @param root the registry's root
     * @param connectTimeout the time to connect to a server
     * @param requestTimeout the time for a whole download
     * @return the transport
     * @throws RegistryException ({@link Reason#MALFORMED}) if the address is not supported
     */
    public static RegistryTransport open(URI root, Duration connectTimeout, Duration requestTimeout) {
        String scheme = root.getScheme() == null ? "" : root.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("file") && !scheme.equals("http") && !scheme.equals("https")) {
            throw new RegistryException(Reason.MALFORMED, "registry address '" + root + "' is not supported; expected"
                    + " a file:, http: or https: URL");
        }
        URI normal = root;
        if (scheme.equals("file")) {
            try {
                normal = java.nio.file.Path.of(root).toAbsolutePath().normalize().toUri();
            } catch (IllegalArgumentException e) {
                throw new RegistryException(Reason.MALFORMED, "registry address '" + root + "' is not a local folder: "
                        + e.getMessage(), e);
            }
        }
        String text = normal.toString();
        return new RegistryTransport(text.endsWith("/") ? normal : URI.create(text + "/"), connectTimeout,
                requestTimeout);
    }

    /** Returns the registry's root address. @return the root, ending with a slash */
    public URI root() {
        return root;
    }

    /**
     * Reads one file of the registry.
     *
     * @param path the file's path relative to the root, such as {@code index.json}
     * @param maxBytes the most bytes accepted
     * @return the content
     * @throws RegistryException {@link Reason#NOT_FOUND} if there is no such file,
     *     {@link Reason#MALFORMED} if the path leaves the root or the file is larger than
     *     {@code maxBytes}, {@link Reason#IO} if reading fails or times out; the message names the
     *     address
     */
    public byte[] read(String path, long maxBytes) {
        URI address = resolve(path);
        return switch (address.getScheme().toLowerCase(Locale.ROOT)) {
            case "file" -> readFile(address, maxBytes);
            default -> readHttp(address, maxBytes);
        };
    }

    /**
     * Resolves a relative path against the root.
     *
     * @param path the path
     * @return the absolute address
     * @throws RegistryException ({@link Reason#MALFORMED}) if the path is absolute, has a scheme,
     *     a {@code ..} segment or a backslash
     */
    public URI resolve(String path) {
        boolean unsafe = path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains(":")
                || path.contains("?") || path.contains("#")
                || java.util.Arrays.stream(path.split("/", -1)).anyMatch(s -> s.equals("..") || s.equals("."));
        if (unsafe) {
            throw new RegistryException(Reason.MALFORMED, "registry " + root + ": the path '" + path
                    + "' is not a plain relative path inside the registry");
        }
        return root.resolve(path);
    }

    private static byte[] readFile(URI address, long maxBytes) {
        Path file;
        try {
            file = Path.of(address);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(Reason.MALFORMED, address + " is not a local file address: " + e.getMessage(),
                    e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readLimited(in, maxBytes, address);
        } catch (NoSuchFileException e) {
            throw new RegistryException(Reason.NOT_FOUND, address + ": no such file in the registry", e);
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, address + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private byte[] readHttp(URI address, long maxBytes) {
        HttpRequest request = HttpRequest.newBuilder(address).timeout(requestTimeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, address + ": cannot be downloaded (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(Reason.IO, address + ": the download was interrupted", e);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 404) {
                throw new RegistryException(Reason.NOT_FOUND, address + ": no such file in the registry (HTTP 404)");
            }
            if (status != 200) {
                throw new RegistryException(Reason.IO, address + ": the server answered HTTP " + status
                        + "; expected 200");
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                throw tooLarge(address, maxBytes, declared);
            }
            return readLimited(body, maxBytes, address);
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, address + ": the download failed (" + describe(e) + ")", e);
        }
    }

    private static byte[] readLimited(InputStream in, long maxBytes, URI address) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw tooLarge(address, maxBytes, -1);
        }
        return bytes;
    }

    private static RegistryException tooLarge(URI address, long maxBytes, long size) {
        return new RegistryException(Reason.MALFORMED, address + ": " + (size >= 0 ? size + " bytes" : "the file")
                + " is larger than the " + maxBytes + " bytes expected");
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
