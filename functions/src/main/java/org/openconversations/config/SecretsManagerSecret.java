package org.openconversations.config;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reads one secret's string from AWS Secrets Manager; {@code SECRETS_MANAGER_ENDPOINT} points elsewhere. */
public final class SecretsManagerSecret {
    private SecretsManagerSecret() {}

    /** With the function's own region and credentials, as Lambda hands them over. */
    public static String read(String secretId, URI endpoint) {
        return read(secretId, endpoint, AwsEnvironment.region(), AwsEnvironment.credentials());
    }

    /**
     * With a given region and credentials (the key CLI passes the SDK's default chain).
     *
     * @param endpoint null for the configured endpoint or AWS's
     */
    public static String read(String secretId, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        var builder = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region)
                .credentialsProvider(credentials);
        String configured = Settings.get("SECRETS_MANAGER_ENDPOINT");
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        } else if (configured != null && !configured.isBlank()) {
            builder.endpointOverride(URI.create(configured));
        }
        try (SecretsManagerClient client = builder.build()) {
            return client.getSecretValue(request -> request.secretId(secretId)).secretString();
        }
    }
}
