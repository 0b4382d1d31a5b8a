package org.openconversations.compat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ErrorObject;
import com.openai.models.conversations.Conversation;
import com.openai.models.conversations.items.ConversationItem;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import org.openconversations.api.TestGateway;

/** The official openai-java client pointed at the local gateway, as strict as it can be made. */
final class SdkSupport {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SdkSupport() {}

    /**
     * No retries, so every error surfaces at once; response validation on, so the SDK checks const fields
     * and required properties of every body it parses.
     */
    static OpenAIClient strictClient() {
        return builder().responseValidation(true).build();
    }

    /** A strict client that also records the URL of every request it sends, in order. */
    static OpenAIClient strictClientRecording(List<HttpUrl> urls) {
        return builder().responseValidation(true)
                .addInterceptor(chain -> {
                    urls.add(chain.request().url());
                    return chain.proceed(chain.request());
                })
                .build();
    }

    static List<HttpUrl> newUrlLog() {
        return new CopyOnWriteArrayList<>();
    }

    private static OpenAIOkHttpClient.Builder builder() {
        return OpenAIOkHttpClient.builder().baseUrl(TestGateway.baseUrl()).apiKey(TestGateway.apiKey()).maxRetries(0);
    }

    /** The {@code error} object of the response body, as the SDK parsed it. */
    static ErrorObject error(OpenAIServiceException e) {
        return e.body().convert(ErrorObject.class);
    }

    /** An id of the given prefix shaped like OpenAI's: prefix, underscore, 48 hex digits. */
    static String newId(String prefix) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }

    /** Any item's id, whatever its type, read from the item as the SDK would serialise it. */
    static String idOf(ConversationItem item) {
        Map<String, JsonValue> fields = object(JsonValue.from(item), "item");
        JsonValue id = fields.get("id");
        if (id == null) throw new AssertionError("item without an id: " + item);
        return string(id, "id");
    }

    static Map<String, String> metadata(Conversation conversation) {
        Map<String, String> metadata = new LinkedHashMap<>();
        object(conversation._metadata(), "metadata")
                .forEach((key, value) -> metadata.put(key, string(value, "metadata." + key)));
        return metadata;
    }

    // JsonValue extends the raw JsonField, so its accessors return raw Optionals.
    @SuppressWarnings("unchecked")
    private static Map<String, JsonValue> object(JsonValue value, String what) {
        Optional<Map<String, JsonValue>> object = value.asObject();
        return object.orElseThrow(() -> new AssertionError(what + " is not an object: " + value));
    }

    @SuppressWarnings("unchecked")
    private static String string(JsonValue value, String what) {
        Optional<String> string = value.asString();
        return string.orElseThrow(() -> new AssertionError(what + " is not a string: " + value));
    }
}
