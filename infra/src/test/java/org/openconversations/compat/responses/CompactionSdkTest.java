package org.openconversations.compat.responses;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.compat.responses.ResponsesSupport.MODEL;
import static org.openconversations.compat.responses.ResponsesSupport.json;
import static org.openconversations.compat.responses.ResponsesSupport.outputText;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.errors.BadRequestException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.models.conversations.Conversation;
import com.openai.models.responses.CompactedResponse;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCompactParams;
import com.openai.models.responses.ResponseCompactionItem;
import com.openai.models.responses.ResponseCompactionItemParam;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.inputtokens.InputTokenCountParams;
import com.openai.models.responses.inputtokens.InputTokenCountResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.api.TestGateway;
import org.openconversations.json.Json;

/**
 * Token counting and compaction through the official openai-java client. Compaction output is read with the
 * client's default settings: openai-java 4.101.0 types it as output items, whose message variant admits only
 * assistant content, so its opt-in response validation refuses the user messages a compaction keeps verbatim
 * (as OpenAI's own compact output does). README's compatibility notes say so.
 */
class CompactionSdkTest extends GatewayResponsesTest {
    private static final String SUMMARY = "The user is Anastasia and likes Paris.";
    private static final OpenAIClient LENIENT = OpenAIOkHttpClient.builder()
            .baseUrl(TestGateway.baseUrl())
            .apiKey(TestGateway.apiKey())
            .maxRetries(0)
            .build();

    private static ResponseInputItem user(String text) {
        return ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                .role(EasyInputMessage.Role.USER).content(text).build());
    }

    private static ResponseInputItem assistant(String text) {
        return ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                .role(EasyInputMessage.Role.ASSISTANT).content(text).build());
    }

    private CompactedResponse compact() {
        upstream.answer(SUMMARY);
        return LENIENT.responses().compact(ResponseCompactParams.builder()
                .model(MODEL)
                .inputOfResponseInputItems(List.of(user("I am Anastasia."), assistant("Hello Anastasia!"),
                        user("I like Paris.")))
                .build());
    }

    @Test
    void strict_response_validation_refuses_the_kept_user_messages_as_it_would_openais() {
        upstream.answer(SUMMARY);

        assertThrows(OpenAIInvalidDataException.class, () -> client.responses().compact(ResponseCompactParams.builder()
                .model(MODEL).inputOfResponseInputItems(List.of(user("I am Anastasia."))).build()));
    }

    @Test
    void compact_answers_a_compacted_response_the_sdk_reads() {
        CompactedResponse compacted = compact();

        ResponseCompactionItem item = compacted.output().getLast().compaction().orElseThrow();
        assertAll(
                () -> assertEquals("response.compaction", json(compacted).get("object").textValue()),
                () -> assertEquals(3, compacted.output().size()),
                () -> assertTrue(item.id().startsWith("cmp_"), item.id()),
                () -> assertTrue(item.encryptedContent().startsWith("oc1."), item.encryptedContent()),
                () -> assertEquals("I am Anastasia.", json(compacted.output().get(0)).at("/content/0/text").textValue()),
                () -> assertEquals("I like Paris.", json(compacted.output().get(1)).at("/content/0/text").textValue()));
    }

    @Test
    void the_compacted_output_fed_back_as_input_continues_with_the_summary() throws Exception {
        CompactedResponse compacted = compact();
        // As a Java user would: the output items, read back by the SDK's own mapper as input items.
        List<ResponseInputItem> next = new ArrayList<>();
        for (JsonNode item : json(compacted).get("output")) {
            next.add(ObjectMappers.jsonMapper().readValue(Json.write(item), ResponseInputItem.class));
        }
        next.add(user("Where do I like to go?"));
        upstream.reset();
        upstream.answer("To Paris.");

        Response response = client.responses().create(ResponseCreateParams.builder()
                .model(MODEL).inputOfResponse(next).build());

        JsonNode messages = upstream.onlyRequest().messages();
        assertAll(
                () -> assertEquals("To Paris.", outputText(response)),
                () -> assertEquals(4, messages.size()),
                () -> assertEquals("system", messages.at("/2/role").textValue()),
                () -> assertTrue(messages.at("/2/content").textValue().endsWith(SUMMARY)),
                () -> assertEquals("Where do I like to go?", messages.at("/3/content").textValue()));
    }

    @Test
    void a_tampered_compaction_item_is_a_bad_request() {
        String sealed = compact().output().getLast().compaction().orElseThrow().encryptedContent();
        String tampered = sealed.substring(0, 10) + (sealed.charAt(10) == 'A' ? 'B' : 'A') + sealed.substring(11);

        BadRequestException e = assertThrows(BadRequestException.class, () -> client.responses().create(
                ResponseCreateParams.builder().model(MODEL).inputOfResponse(List.of(
                        ResponseInputItem.ofCompaction(ResponseCompactionItemParam.builder()
                                .encryptedContent(tampered).build()),
                        user("Where do I like to go?"))).build()));

        assertEquals("invalid_encrypted_content", e.code().orElseThrow());
    }

    @Test
    void context_management_compacts_a_conversation_through_the_sdk() {
        Conversation conversation = client.conversations().create();
        upstream.answer("Hello Anastasia.");
        client.responses().create(ResponseCreateParams.builder()
                .model(MODEL).conversation(conversation.id()).input("I am Anastasia.").build());
        upstream.answer(SUMMARY);
        upstream.answer("Hello again, Anastasia.");

        Response response = client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .conversation(conversation.id())
                .inputOfResponse(List.of(user("Remember me?"), ResponseInputItem.ofCompactionTrigger()))
                .contextManagement(List.of(ResponseCreateParams.ContextManagement.builder()
                        .type("compaction").compactThreshold(1_000L).build()))
                .build());

        assertAll(
                () -> assertTrue(response.output().getFirst().isCompaction()),
                () -> assertEquals("Hello again, Anastasia.", outputText(response)));
    }

    @Test
    void input_tokens_counts_through_the_sdk() {
        InputTokenCountResponse count = client.responses().inputTokens().count(InputTokenCountParams.builder()
                .model("gpt-4o")
                .input("tiktoken is great!")
                .build());

        // Reply priming 3, then one item: framing 3, "user" 1, and the text's 6 o200k_base tokens.
        assertEquals(13L, count.inputTokens());
    }
}
