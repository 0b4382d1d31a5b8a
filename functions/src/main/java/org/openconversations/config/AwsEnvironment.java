package org.openconversations.config;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Region and credentials as Lambda hands them to the function, read directly: the SDK's default provider
 * chains probe files and endpoints first, which costs cold-start time.
 */
public final class AwsEnvironment {
    private AwsEnvironment() {}

    public static Region region() {
        return Region.of(Settings.get("AWS_REGION", "us-east-1"));
    }

    /**
     * The access key variables, or, where Lambda gives none, its container credentials endpoint: SnapStart
     * functions get no key variables (a key in the snapshot would outlive its session), only
     * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}, whose provider refreshes the credentials as they expire.
     */
    public static AwsCredentialsProvider credentials() {
        String key = Settings.get("AWS_ACCESS_KEY_ID");
        if ((key == null || key.isBlank()) && Settings.get("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
            return ContainerCredentialsProvider.builder().build();
        }
        String secret = Settings.get("AWS_SECRET_ACCESS_KEY", "local");
        String token = Settings.get("AWS_SESSION_TOKEN");
        AwsCredentials credentials = token == null || token.isBlank()
                ? AwsBasicCredentials.create(key == null || key.isBlank() ? "local" : key, secret)
                : AwsSessionCredentials.create(key, secret, token);
        return StaticCredentialsProvider.create(credentials);
    }
}
