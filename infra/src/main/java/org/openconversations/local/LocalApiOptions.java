package org.openconversations.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to run the local gateway.
 *
 * @param template the SAM template to serve
 * @param port the HTTP port; 0 picks a free one
 * @param dataDir where DynamoDB Local keeps its data; empty means in memory
 * @param dynamoDbEndpoint an already running DynamoDB to use instead of starting DynamoDB Local
 * @param authorizerCacheTtl how long authorizer results are cached instead of the template's
 *     ReauthorizeEvery (tests use zero, so a revoked key is refused at once)
 */
public record LocalApiOptions(Path template, int port, Optional<Path> dataDir, Optional<URI> dynamoDbEndpoint,
        Optional<Duration> authorizerCacheTtl) {

    public static final int DEFAULT_PORT = 3000;
    public static final Path DEFAULT_DATA_DIR = Path.of(".data");

    public LocalApiOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid port " + port);
        }
        if (authorizerCacheTtl.filter(Duration::isNegative).isPresent()) {
            throw new IllegalArgumentException("Negative authorizer cache TTL " + authorizerCacheTtl.get());
        }
    }

    public LocalApiOptions(Path template, int port, Optional<Path> dataDir, Optional<URI> dynamoDbEndpoint) {
        this(template, port, dataDir, dynamoDbEndpoint, Optional.empty());
    }

    /** A free port and an in-memory DynamoDB: what tests usually want. */
    public static LocalApiOptions forTemplate(Path template) {
        return new LocalApiOptions(template, 0, Optional.empty(), Optional.empty());
    }

    /** {@code TEMPLATE}, {@code PORT} (default 3000), {@code DATA_DIR} (default .data) and {@code DYNAMODB_ENDPOINT}. */
    public static LocalApiOptions fromEnvironment() {
        String port = System.getenv("PORT");
        String dataDir = System.getenv("DATA_DIR");
        String endpoint = System.getenv("DYNAMODB_ENDPOINT");
        return new LocalApiOptions(
                TemplateLocator.locate(),
                port == null || port.isBlank() ? DEFAULT_PORT : Integer.parseInt(port.trim()),
                Optional.of(dataDir == null || dataDir.isBlank() ? DEFAULT_DATA_DIR : Path.of(dataDir)),
                endpoint == null || endpoint.isBlank() ? Optional.empty() : Optional.of(URI.create(endpoint.trim())));
    }

    public LocalApiOptions withPort(int newPort) {
        return new LocalApiOptions(template, newPort, dataDir, dynamoDbEndpoint, authorizerCacheTtl);
    }

    public LocalApiOptions withDataDir(Path newDataDir) {
        return new LocalApiOptions(template, port, Optional.of(newDataDir), dynamoDbEndpoint, authorizerCacheTtl);
    }

    public LocalApiOptions inMemory() {
        return new LocalApiOptions(template, port, Optional.empty(), dynamoDbEndpoint, authorizerCacheTtl);
    }

    public LocalApiOptions withDynamoDbEndpoint(URI endpoint) {
        return new LocalApiOptions(template, port, dataDir, Optional.of(endpoint), authorizerCacheTtl);
    }

    public LocalApiOptions withAuthorizerCacheTtl(Duration ttl) {
        return new LocalApiOptions(template, port, dataDir, dynamoDbEndpoint, Optional.of(ttl));
    }
}
