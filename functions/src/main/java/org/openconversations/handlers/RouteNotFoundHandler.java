package org.openconversations.handlers;

import org.openconversations.errors.NotFoundException;
import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;

/** The catch-all route: OpenAI's "Invalid URL" 404 in the envelope the SDKs understand. */
public final class RouteNotFoundHandler extends ApiHandler {
    @Override
    protected ApiResponse handle(ApiRequest request) {
        // Returned, not thrown: the error is this route's whole answer, and a throw caught one frame up, which
        // the JVM dispatches in its runtime even without a stack trace, was about a tenth of its warm time.
        return ApiResponse.error(NotFoundException.route(request.method(), request.path()));
    }
}
