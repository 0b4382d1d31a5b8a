package org.openconversations.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.openconversations.errors.ApiException;
import org.openconversations.store.Throttling;

/**
 * The frame of every route handler: decode the event, run the route, and turn what it throws into the
 * OpenAI envelope. Bad input is a typed {@link ApiException}; DynamoDB's throttling is a 503; anything else is
 * a fault, logged with its stack trace and answered with a bare 500.
 */
public abstract class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    // Held by the handler: a CRaC context may keep its resources only weakly.
    private final SnapStartPriming priming = SnapStartPriming.register(this);

    protected abstract ApiResponse handle(ApiRequest request);

    /**
     * Loads what this route needs beyond what its priming request reaches (which is refused before any real
     * work), before SnapStart takes the snapshot. Nothing by default.
     */
    protected void warmUp() {}

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        ApiRequest request = new ApiRequest(event, context);
        ApiResponse response;
        try {
            // Every route, the catch-all included, answers an unauthenticated caller with 401 first.
            request.tenant();
            response = handle(request);
        } catch (ApiException e) {
            response = ApiResponse.error(e);
        } catch (RuntimeException e) {
            ApiException busy = Throttling.asBusy(e);
            if (busy != null) {
                // Load, not a bug: a status the SDKs retry after a pause, and one log line without a trace.
                log(context, "WARN request " + request.requestId() + " " + request.method() + " " + request.path()
                        + " throttled by DynamoDB: " + e.getMessage());
                response = ApiResponse.error(busy);
            } else {
                logFault(context, request, e);
                response = ApiResponse.serverError();
            }
        }
        return response.toEvent(request.requestId(), (System.nanoTime() - started) / 1_000_000);
    }

    private static void logFault(Context context, ApiRequest request, RuntimeException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        log(context, "ERROR request " + request.requestId() + " " + request.method() + " " + request.path()
                + " failed: " + trace);
    }

    private static void log(Context context, String line) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line);
        } else {
            System.err.println(line);
        }
    }
}
