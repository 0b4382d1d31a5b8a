package org.openconversations.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own answers (a request line or headers it cannot parse, headers over the size limit) in the OpenAI
 * envelope instead of an HTML page, whatever the method. Jetty's reason is not echoed: it may name internals.
 */
final class EnvelopeErrorHandler extends ErrorHandler {

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
            Callback callback) {
        String requestId = UUID.randomUUID().toString();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpApiGateway.REQUEST_ID_HEADER, requestId);
        ErrorEnvelope.addOpenAiHeaders(response, requestId);
        String json = status >= 500 ? ErrorEnvelope.serverError() : ErrorEnvelope.invalidRequest(
                "The request could not be read (" + status + " " + HttpStatus.getMessage(status) + ").");
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
