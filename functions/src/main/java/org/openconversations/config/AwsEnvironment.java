package org.openconversations.config;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
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

    public static StaticCredentialsProvider credentials() {
        String key = Settings.get("AWS_ACCESS_KEY_ID", "local");
        String secret = Settings.get("AWS_SECRET_ACCESS_KEY", "local");
        String token = Settings.get("AWS_SESSION_TOKEN");
        AwsCredentials credentials = token == null || token.isBlank()
                ? AwsBasicCredentials.create(key, secret)
                : AwsSessionCredentials.create(key, secret, token);
        return StaticCredentialsProvider.create(credentials);
    }
}
