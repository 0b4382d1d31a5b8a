package org.openconversations.store;

import java.net.URI;
import java.util.List;
import org.openconversations.config.AwsEnvironment;
import org.openconversations.config.Settings;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the DynamoDB clients from configuration, once per execution environment.
 * {@code DYNAMODB_ENDPOINT} points the clients at DynamoDB Local or LocalStack.
 */
public final class DynamoDb {
    private DynamoDb() {}

    /** Shared by every handler of the JVM; built on first use, not at class load. */
    public static DynamoDbClient shared() {
        return Shared.CLIENT;
    }

    /** A client for the configured DynamoDB ({@code DYNAMODB_ENDPOINT}, or AWS's in the configured region). */
    public static DynamoDbClient client(List<ExecutionInterceptor> interceptors) {
        return client(Settings.get("DYNAMODB_ENDPOINT"), interceptors);
    }

    /** A client for a given endpoint (null: AWS's); interceptors let tests count the requests made. */
    public static DynamoDbClient client(String endpoint, List<ExecutionInterceptor> interceptors) {
        var builder = DynamoDbClient.builder()
                .httpClient(BufferedBodyHttpClient.create())
                .region(AwsEnvironment.region())
                .credentialsProvider(AwsEnvironment.credentials())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .executionInterceptors(interceptors)
                        // DynamoDB's SDK default retries a throttled call up to 8 times with backoff from 500 ms:
                        // about 50 s against a table that stays throttled, past the functions' 15 s timeout, so
                        // the caller got API Gateway's bare 500. Three attempts take at most 1.5 s, then the
                        // caller gets a 503 it can retry (ApiHandler).
                        .retryStrategy(retries -> retries.maxAttempts(3))
                        .build());
        if (endpoint != null && !endpoint.isBlank()) builder.endpointOverride(URI.create(endpoint));
        return builder.build();
    }

    /**
     * Without the default extensions (optimistic versioning, atomic counters): no row has a version or counter
     * attribute, and the extensions would otherwise inspect every write and load their classes at cold start.
     */
    public static DynamoDbEnhancedClient enhanced(DynamoDbClient client) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(client).extensions(List.of()).build();
    }

    private static final class Shared {
        static final DynamoDbClient CLIENT = client(List.of());
    }
}
