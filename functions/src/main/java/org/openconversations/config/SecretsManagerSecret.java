package org.openconversations.config;

import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reads one secret's string from AWS Secrets Manager; {@code SECRETS_MANAGER_ENDPOINT} points elsewhere. */
public final class SecretsManagerSecret {
    private SecretsManagerSecret() {}

    /** @param endpoint null for the configured endpoint or AWS's */
    public static String read(String secretId, URI endpoint) {
        var builder = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(AwsEnvironment.region())
                .credentialsProvider(AwsEnvironment.credentials());
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
