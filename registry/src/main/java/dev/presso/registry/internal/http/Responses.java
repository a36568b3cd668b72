package dev.presso.registry.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.presso.registry.format.CanonicalJson;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** JSON answers of the registry server. */
final class Responses {
    private Responses() {}

    /**
     * Answers a JSON document.
     *
     * @param response the response
     * @param callback the request's callback
     * @param status the HTTP status
     * @param body the document
     */
    static void json(Response response, Callback callback, int status, ObjectNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, CanonicalJson.toText(body) + "\n", callback);
    }

    /**
     * Answers an error as {@code {"error": MESSAGE, "status": N}}.
     *
     * @param response the response
     * @param callback the request's callback
     * @param status the HTTP status
     * @param message what was wrong and what was expected
     */
    static void error(Response response, Callback callback, int status, String message) {
        ObjectNode body = CanonicalJson.object();
        body.put("error", message);
        body.put("status", status);
        json(response, callback, status, body);
    }
}
