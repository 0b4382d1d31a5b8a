package org.openconversations.compat.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ErrorObject;
import com.openai.models.conversations.items.ConversationItem;
import com.openai.models.conversations.items.ItemListParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import java.util.List;
import org.openconversations.api.TestGateway;
import org.openconversations.json.Json;

/** The official openai-java client against the local gateway, and what the tests read from its models. */
final class ResponsesSupport {
    static final String MODEL = "gpt-4.1-mini";

    private ResponsesSupport() {}

    /** No retries, so every error surfaces at once; response validation on. */
    static OpenAIClient client() {
        return OpenAIOkHttpClient.builder()
                .baseUrl(TestGateway.baseUrl())
                .apiKey(TestGateway.apiKey())
                .maxRetries(0)
                .responseValidation(true)
                .build();
    }

    /**
     * What openai-python's {@code response.output_text} computes (openai-java 4.101.0 has no such helper): the
     * text of every output_text part of every output message, concatenated.
     */
    static String outputText(Response response) {
        StringBuilder text = new StringBuilder();
        for (ResponseOutputItem item : response.output()) {
            item.message().ifPresent(message -> {
                for (ResponseOutputMessage.Content part : message.content()) {
                    part.outputText().ifPresent(t -> text.append(t.text()));
                }
            });
        }
        return text.toString();
    }

    /** An SDK model as the SDK would write it, as a Jackson tree. */
    static JsonNode json(Object sdkModel) {
        try {
            return Json.parse(ObjectMappers.jsonMapper().writeValueAsString(sdkModel));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every item of the conversation, oldest first (one page of up to 100 is enough here). */
    static List<ConversationItem> items(OpenAIClient client, String conversationId) {
        return client.conversations().items()
                .list(conversationId, ItemListParams.builder().order(ItemListParams.Order.ASC).limit(100).build())
                .data();
    }

    static JsonNode itemsJson(OpenAIClient client, String conversationId) {
        ArrayNode array = Json.array();
        items(client, conversationId).forEach(item -> array.add(json(item)));
        return array;
    }

    static ErrorObject error(OpenAIServiceException e) {
        return e.body().convert(ErrorObject.class);
    }

    /** A chat message as the upstream should receive it: role and plain string content. */
    static ObjectNode chat(String role, String content) {
        return Json.object().put("role", role).put("content", content);
    }

    static ArrayNode array(JsonNode... nodes) {
        ArrayNode array = Json.array();
        for (JsonNode node : nodes) array.add(node);
        return array;
    }
}
