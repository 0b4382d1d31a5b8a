package org.openconversations.handlers;

import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;

/** The catch-all route: OpenAI's "Invalid URL" 404 in the envelope the SDKs understand. */
public final class RouteNotFoundHandler extends ApiHandler {
    @Override
    protected ApiResponse handle(ApiRequest request) {
        // Returned, not thrown, and no exception made: the error is this route's whole answer, and a throw
        // caught one frame up (the JVM dispatches it in its runtime), then the exception object itself, were
        // each about a tenth of its warm time.
        return ApiResponse.invalidUrl(request.method(), request.path());
    }
}
