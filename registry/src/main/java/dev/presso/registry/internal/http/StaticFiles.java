package dev.presso.registry.internal.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Serves the registry layout read-only: regular files under the root only (no directory
 * listings, no symbolic links leaving the root, no hidden segments), with content type, length,
 * {@code ETag}, {@code Last-Modified} and {@code Cache-Control}. A file is opened once and its
 * length and content come from that open file, so a file replaced while being served is sent
 * whole, old or new, never mixed.
 */
final class StaticFiles {
    private final Path root;

    StaticFiles(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    void serve(Request request, Response response, Callback callback, String path, boolean head) throws IOException {
        Path file = resolve(path);
        if (file == null) {
            Responses.error(response, callback, 404, "not found: " + printable(path));
            return;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            BasicFileAttributes before;
            try {
                before = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                break;
            }
            if (!before.isRegularFile()) {
                break;
            }
            try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS)) {
                BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (!Objects.equals(before.fileKey(), after.fileKey()) || channel.size() != after.size()) {
                    continue;
                }
                send(request, response, callback, path, channel, after, head);
                return;
            } catch (NoSuchFileException e) {
                continue;
            }
        }
        Responses.error(response, callback, 404, "not found: " + printable(path));
    }

    private void send(Request request, Response response, Callback callback, String path, SeekableByteChannel channel,
            BasicFileAttributes attributes, boolean head) throws IOException {
        String etag = "\"" + Long.toHexString(attributes.size()) + "-"
                + Long.toHexString(attributes.lastModifiedTime().toInstant().toEpochMilli()) + "-"
                + Integer.toHexString(Objects.hashCode(attributes.fileKey())) + "\"";
        response.getHeaders().put(HttpHeader.ETAG, etag);
        response.getHeaders().put(HttpHeader.LAST_MODIFIED, DateTimeFormatter.RFC_1123_DATE_TIME.format(
                attributes.lastModifiedTime().toInstant().atOffset(ZoneOffset.UTC)));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, path.startsWith("plugins/")
                ? "public, max-age=31536000, immutable" : "no-cache");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType(path));
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if (ifNoneMatch != null && (ifNoneMatch.equals(etag) || ifNoneMatch.equals("*"))) {
            response.setStatus(304);
            callback.succeeded();
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, attributes.size());
        if (head) {
            callback.succeeded();
            return;
        }
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (channel.read(buffer.clear()) >= 0) {
                out.write(buffer.array(), 0, buffer.flip().remaining());
            }
        }
        callback.succeeded();
    }

    private @Nullable Path resolve(String path) throws IOException {
        if (path.isEmpty() || path.length() > 1024) {
            return null;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".") || segment.contains("\\") || segment.contains(":")
                    || segment.chars().anyMatch(Character::isISOControl)) {
                return null;
            }
        }
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            return null;
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            return null;
        }
        return real.startsWith(root) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) ? real : null;
    }

    private static String contentType(String path) {
        if (path.endsWith(".json")) {
            return "application/json";
        }
        if (path.endsWith(".jar")) {
            return "application/java-archive";
        }
        if (path.endsWith(".pub") || path.endsWith(".pem") || path.endsWith(".txt") || path.endsWith(".md")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }

    static String printable(String text) {
        return dev.presso.registry.internal.store.BundleInspector.printable(text);
    }
}
