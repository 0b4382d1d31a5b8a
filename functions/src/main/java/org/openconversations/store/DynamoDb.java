package org.openconversations.store;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openconversations.config.AwsEnvironment;
import org.openconversations.config.Settings;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the DynamoDB clients from configuration, once per execution environment.
 * {@code DYNAMODB_ENDPOINT} points the clients at DynamoDB Local or LocalStack.
 */
public final class DynamoDb {
    private DynamoDb() {}

    // DynamoDB's SDK default makes up to 9 attempts, a throttled one backing off from 500 ms: about 50 s against
    // a table that stays throttled, past the functions' 15 s timeout, so a caller got API Gateway's bare 500.
    // A caller waiting gets 3 attempts with DynamoDB's own backoff bases (25 ms, 500 ms when throttled), at
    // most about 1.5 s of waiting, then a 503 it can retry (ApiHandler).
    private static final int ATTEMPTS_WHILE_CALLER_WAITS = 3;
    private static final Duration BASE_DELAY = Duration.ofMillis(25);
    private static final Duration THROTTLED_BASE_DELAY = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);

    /** Shared by every route handler of the JVM; built on first use, not at class load. */
    public static DynamoDbClient shared() {
        return Shared.CLIENT;
    }

    /** For work no caller waits on (the purge function): the SDK's default retries, which outlast a burst. */
    public static DynamoDbClient background() {
        return Background.CLIENT;
    }

    /** A client for the configured DynamoDB ({@code DYNAMODB_ENDPOINT}, or AWS's in the configured region). */
    public static DynamoDbClient client(List<ExecutionInterceptor> interceptors) {
        return client(Settings.get("DYNAMODB_ENDPOINT"), interceptors);
    }

    /** A client for a given endpoint (null: AWS's); interceptors let tests count the requests made. */
    public static DynamoDbClient client(String endpoint, List<ExecutionInterceptor> interceptors) {
        return build(endpoint, interceptors, true);
    }

    private static DynamoDbClient build(String endpoint, List<ExecutionInterceptor> interceptors, boolean callerWaits) {
        var overrides = ClientOverrideConfiguration.builder().executionInterceptors(interceptors);
        if (callerWaits) {
            overrides.retryStrategy(retries -> retries.maxAttempts(ATTEMPTS_WHILE_CALLER_WAITS)
                    .backoffStrategy(BackoffStrategy.exponentialDelay(BASE_DELAY, MAX_BACKOFF))
                    .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(THROTTLED_BASE_DELAY, MAX_BACKOFF)));
        }
        var builder = DynamoDbClient.builder()
                .httpClient(BufferedBodyHttpClient.create())
                .region(AwsEnvironment.region())
                .credentialsProvider(AwsEnvironment.credentials())
                .overrideConfiguration(overrides.build());
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

    private static final class Background {
        static final DynamoDbClient CLIENT = build(Settings.get("DYNAMODB_ENDPOINT"), List.of(), false);
    }
}
