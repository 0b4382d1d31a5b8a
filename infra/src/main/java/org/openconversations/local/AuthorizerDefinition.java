package org.openconversations.local;

import java.time.Duration;
import java.util.List;

/**
 * A Lambda authorizer of an HttpApi as the local gateway runs it: payload format 2.0 with simple responses.
 *
 * @param name its key under the API's {@code Auth.Authorizers}
 * @param functionId the template function its {@code FunctionArn: !GetAtt Function.Arn} names
 * @param identityHeaders {@code Identity.Headers}: a request without one of them is refused (401) unasked
 * @param reauthorizeEvery {@code Identity.ReauthorizeEvery}: how long a result is cached per identity; zero
 *     when absent (API Gateway caches nothing without a TTL)
 */
public record AuthorizerDefinition(String name, String functionId, List<String> identityHeaders,
        Duration reauthorizeEvery) {

    public AuthorizerDefinition {
        identityHeaders = List.copyOf(identityHeaders);
    }
}
