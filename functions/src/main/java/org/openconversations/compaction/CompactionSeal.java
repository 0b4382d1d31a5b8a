package org.openconversations.compaction;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code encrypted_content} of compaction items: AES-256-GCM over the summary, with the tenant as
 * associated data, so a summary is unreadable to clients, any change to it fails authentication, and one
 * tenant's item is refused under another's key. Text form: {@code oc1.} then base64url(nonce | ciphertext | tag).
 * The AES key is derived from the configured secret with HMAC-SHA-256, so the secret can be any string Secrets
 * Manager generates.
 */
public final class CompactionSeal {
    private static final String VERSION = "oc1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public CompactionSeal(String secret) {
        this.key = new SecretKeySpec(derive(secret), "AES");
    }

    public String seal(String tenant, String summary) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, tenant);
            byte[] sealed = cipher.doFinal(summary.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The summary, or empty when the text was not sealed by this key for this tenant, or was changed. */
    public Optional<String> open(String tenant, String encryptedContent) {
        if (encryptedContent == null || !encryptedContent.startsWith(VERSION)) return Optional.empty();
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(encryptedContent.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) return Optional.empty();
        try {
            byte[] nonce = java.util.Arrays.copyOf(bytes, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, tenant);
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String tenant) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(("compaction:" + tenant).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] derive(String secret) {
        if (secret == null || secret.trim().length() < 16) {
            throw new IllegalStateException("The compaction key secret must hold at least 16 characters");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.trim().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal("open-conversations compaction key v1".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}
