package dev.presso.registry.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.presso.registry.format.CanonicalJson;
import dev.presso.registry.format.PublishRequest;
import dev.presso.registry.format.RegistryException;
import dev.presso.registry.format.Release;
import dev.presso.registry.server.PublishRefusedException;
import dev.presso.registry.server.RegistryStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes requests: {@code POST /api/v1/publish} to the store, {@code GET} and {@code HEAD} of
 * anything else to the static layout, every other method to 405.
 */
public final class RegistryHandler extends Handler.Abstract {
    private static final String BEARER = "bearer ";
    /** Room for the JSON around the base64 bundle: descriptor, signature, member names. */
    private static final long ENVELOPE_ALLOWANCE = 256 * 1024;
    /**
     * How much of an unread request body is drained before a refusal is answered, so a client
     * that sent no {@code Expect: 100-continue} reads the answer instead of a reset connection.
     */
    private static final long DRAIN_LIMIT = 256L * 1024 * 1024;

    private final RegistryStore store;
    private final StaticFiles files;
    private final long maxBody;

    /**
     * Creates the handler.
     *
     * @param store the store to serve and publish to
     * @throws IOException if the store's public folder cannot be resolved
     */
    public RegistryHandler(RegistryStore store) throws IOException {
        this.store = store;
        this.files = new StaticFiles(store.publicRoot());
        this.maxBody = (store.settings().maxBundleBytes() + 2) / 3 * 4 + ENVELOPE_ALLOWANCE;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (path.equals(PublishRequest.PATH)) {
            if (!method.equals("POST")) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                Responses.error(response, callback, 405, method + " is not allowed on " + path + "; expected POST");
                return true;
            }
            publish(request, response, callback);
            return true;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Responses.error(response, callback, 405, method + " is not allowed on " + StaticFiles.printable(path)
                    + "; the registry is read-only except POST " + PublishRequest.PATH);
            return true;
        }
        files.serve(request, response, callback, path.startsWith("/") ? path.substring(1) : path,
                method.equals("HEAD"));
        return true;
    }

    private void publish(Request request, Response response, Callback callback) throws IOException {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)
                || authorization.substring(BEARER.length()).isBlank()) {
            drain(request);
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"presso-registry\"");
            Responses.error(response, callback, 401, "publishing needs the namespace's upload token: send"
                    + " 'Authorization: Bearer TOKEN'");
            return;
        }
        String token = authorization.substring(BEARER.length()).strip();
        boolean bodyRead = false;
        try {
            store.authenticate(token);
            long declared = request.getLength();
            if (declared > maxBody) {
                throw tooLarge(declared);
            }
            bodyRead = true;
            byte[] body = readBody(request);
            PublishRequest publish;
            try {
                publish = PublishRequest.parse(body, "the request body");
            } catch (RegistryException e) {
                throw new PublishRefusedException(PublishRefusedException.Status.BAD_REQUEST, e.getMessage());
            }
            Release release = store.publish(token, publish);
            ObjectNode answer = CanonicalJson.object();
            answer.put("id", release.id());
            answer.put("version", release.version());
            answer.put("bundle", release.bundle());
            answer.put("sha256", release.sha256());
            answer.put("size", release.size());
            answer.put("indexVersion", store.index().version());
            Responses.json(response, callback, 201, answer);
        } catch (PublishRefusedException e) {
            if (!bodyRead || e.status() == PublishRefusedException.Status.TOO_LARGE) {
                drain(request);
            }
            if (e.status() == PublishRefusedException.Status.UNAUTHORIZED) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"presso-registry\"");
            }
            Responses.error(response, callback, e.status().code(), e.getMessage());
        } catch (RegistryException e) {
            Responses.error(response, callback, e.reason() == RegistryException.Reason.IO ? 500 : 400, e.getMessage());
        }
    }

    private byte[] readBody(Request request) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Request.asInputStream(request)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                body.write(buffer, 0, n);
                if (body.size() > maxBody) {
                    throw tooLarge(body.size());
                }
            }
        }
        return body.toByteArray();
    }

    private static void drain(Request request) {
        String expect = request.getHeaders().get(HttpHeader.EXPECT);
        if (expect != null && expect.equalsIgnoreCase("100-continue") || request.getLength() > DRAIN_LIMIT) {
            return;
        }
        byte[] buffer = new byte[64 * 1024];
        long drained = 0;
        try (InputStream in = Request.asInputStream(request)) {
            for (int n = in.read(buffer); n >= 0 && drained <= DRAIN_LIMIT; n = in.read(buffer)) {
                drained += n;
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }

    private PublishRefusedException tooLarge(long size) {
        return new PublishRefusedException(PublishRefusedException.Status.TOO_LARGE, "the upload has " + size + " bytes or more;"
                + " this registry accepts bundles of at most " + store.settings().maxBundleBytes() + " bytes ("
                + maxBody + " bytes of request body)");
    }
}
