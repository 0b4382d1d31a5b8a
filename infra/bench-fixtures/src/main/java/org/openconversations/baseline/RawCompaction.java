package org.openconversations.baseline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code POST /v1/responses/compact}: the context summarised by the upstream, the summary sealed into a
 * compaction item, nothing stored. The seal is ours' format under ours' key ({@code COMPACTION_KEY}, through
 * the same HMAC derivation), so ours opens what R seals and the reverse: AES-256-GCM with the tenant as
 * associated data, written {@code oc1.} + base64url(nonce | ciphertext | tag).
 */
final class RawCompaction {
    static final String CONTEXT_PREFIX = "Summary of the earlier conversation, which it replaces:\n\n";
    private static final String ASK = "Summarize the conversation above so that it can continue from your summary alone:"
            + " the earlier messages will be replaced by it. Keep every fact, name, number, decision, preference and"
            + " instruction the user gave, the results of tool calls, and any open question or unfinished task. Write it"
            + " as concise notes in the language of the conversation, without addressing anyone.";
    private static final List<String> PASSED_ON = List.of("service_tier", "prompt_cache_key", "prompt_cache_retention");
    private static final String VERSION = "oc1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Derived on first use, as ours does: routes that never meet a compaction item never read the key. */
    private static final class Key {
        static final SecretKeySpec AES = derive(System.getenv("COMPACTION_KEY"));
    }

    private final RawContext context;

    RawCompaction(DynamoDbClient dynamoDb) {
        this.context = new RawContext(dynamoDb);
    }

    RawReply compact(String tenant, String body, long remainingMillis) {
        JsonNode request = RawJson.parse(body == null || body.isBlank() ? "{}" : body);
        long createdAt = System.currentTimeMillis() / 1000;
        String previous = RawJson.string(request, "previous_response_id");
        List<JsonNode> history = previous == null ? List.of() : context.chain(tenant, previous);
        List<RawContext.Item> input = RawContext.input(RawJson.field(request, "input"));
        List<JsonNode> asked = RawContext.forModel(tenant, history, input);
        asked.add(RawJson.parse("{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":"
                + RawReply.quote(ASK) + "}]}"));
        Map<String, JsonNode> settings = new LinkedHashMap<>();
        for (String name : PASSED_ON) {
            JsonNode value = RawJson.field(request, name);
            if (value != null && !value.isNull()) settings.put(name, value);
        }
        RawUpstream.Answer answer = RawUpstream.generate(RawJson.string(request, "model"),
                RawJson.string(request, "instructions"), asked, settings,
                Duration.ofMillis(Math.max(remainingMillis - 1_000, 1_000)));
        String summary = answer.text().strip();
        if (summary.isEmpty()) throw new RawReply.Failed(502, "The upstream model wrote no summary.");

        // The context's user messages are kept as they were, then the one item that stands for the rest.
        List<String> output = new ArrayList<>();
        for (JsonNode item : history) {
            if (isUserMessage(item)) output.add(RawJson.write(item));
        }
        for (RawContext.Item item : input) {
            if (isUserMessage(item.node())) output.add(item.json());
        }
        output.add("{\"id\":" + RawReply.quote(RawJson.newId("cmp_")) + ",\"type\":\"compaction\",\"encrypted_content\":"
                + RawReply.quote(seal(tenant, summary)) + "}");
        return RawReply.ok("{\"id\":" + RawReply.quote(RawJson.newId("resp_")) + ",\"object\":\"response.compaction\","
                + "\"created_at\":" + createdAt + ",\"output\":[" + String.join(",", output) + "],\"usage\":"
                + answer.usage() + "}");
    }

    private static boolean isUserMessage(JsonNode item) {
        return RawJson.type(item).equals("message") && "user".equals(RawJson.string(item, "role"));
    }

    static String seal(String tenant, String summary) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, tenant).doFinal(summary.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The summary, or null when the text was not sealed under this key for this tenant. */
    static String open(String tenant, String sealed) {
        if (sealed == null || !sealed.startsWith(VERSION)) return null;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(VERSION.length()));
            if (bytes.length < NONCE_BYTES + TAG_BITS / 8) return null;
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), tenant);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Cipher cipher(int mode, byte[] nonce, String tenant) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, Key.AES, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(("compaction:" + tenant).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static SecretKeySpec derive(String secret) {
        if (secret == null || secret.isBlank()) throw new IllegalStateException("Set COMPACTION_KEY");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.trim().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal("open-conversations compaction key v1".getBytes(StandardCharsets.UTF_8)),
                    "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
