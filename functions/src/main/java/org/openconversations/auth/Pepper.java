package org.openconversations.auth;

import java.nio.charset.StandardCharsets;
import org.openconversations.config.SecretsManagerSecret;
import org.openconversations.config.Settings;

/**
 * The secret that API key hashes are keyed with: {@code API_KEY_PEPPER} (the local gateway's, kept under
 * DATA_DIR) or the Secrets Manager secret {@code API_KEY_PEPPER_SECRET_ARN} that the stack generates.
 */
public final class Pepper {
    private Pepper() {}

    public static byte[] fromEnvironment() {
        String local = Settings.get("API_KEY_PEPPER");
        if (local != null && !local.isBlank()) return of(local);
        String secretArn = Settings.get("API_KEY_PEPPER_SECRET_ARN");
        if (secretArn == null || secretArn.isBlank()) {
            throw new IllegalStateException("Set API_KEY_PEPPER or API_KEY_PEPPER_SECRET_ARN");
        }
        return of(SecretsManagerSecret.read(secretArn.trim(), null));
    }

    /** The pepper's bytes from its text, however it was stored: surrounding whitespace is not part of it. */
    public static byte[] of(String secret) {
        return secret.trim().getBytes(StandardCharsets.UTF_8);
    }
}
