package org.openconversations.errors;

import java.util.Map;

/**
 * 503: DynamoDB throttled a call past the AWS SDK's own retries. The caller did nothing wrong and may send the
 * same request again; the OpenAI SDKs retry a 503 after the {@code retry-after} it names. Each write is one call
 * or transaction, which DynamoDB throttles whole; only a turn too large for one transaction can be left partly
 * appended, as by any fault between its transactions.
 */
public final class StoreBusyException extends ApiException {
    public StoreBusyException() {
        super("The server is busy: its database throttled this request. Please retry it in a moment.",
                "server_error", null, "store_busy");
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("retry-after", "1");
    }
}
