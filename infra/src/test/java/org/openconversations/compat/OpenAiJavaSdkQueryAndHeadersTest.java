package org.openconversations.compat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.compat.OpenAiJavaSdkCompatibilityTest.ENCRYPTED_REASONING;
import static org.openconversations.compat.OpenAiJavaSdkCompatibilityTest.everyKind;
import static org.openconversations.compat.OpenAiJavaSdkCompatibilityTest.userMessage;
import static org.openconversations.compat.SdkSupport.error;
import static org.openconversations.compat.SdkSupport.newId;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.conversations.Conversation;
import com.openai.models.conversations.ConversationCreateParams;
import com.openai.models.conversations.items.ConversationItem;
import com.openai.models.conversations.items.ItemCreateParams;
import com.openai.models.conversations.items.ItemListParams;
import com.openai.models.conversations.items.ItemRetrieveParams;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseReasoningItem;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the SDK puts on the query string ({@code include[]}) and reads from response headers
 * ({@code x-request-id}, {@code openai-version}).
 */
class OpenAiJavaSdkQueryAndHeadersTest {
    private static OpenAIClient client;

    @BeforeAll
    static void connect() {
        client = SdkSupport.strictClient();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    // ---- include[] -----------------------------------------------------------------------------------

    @Test
    void items_list_sends_include_with_brackets_and_is_answered() {
        List<HttpUrl> urls = SdkSupport.newUrlLog();
        OpenAIClient recording = SdkSupport.strictClientRecording(urls);
        try {
            Conversation conversation = recording.conversations().create();
            recording.conversations().items().create(conversation.id(), everyKind());

            List<ConversationItem> items = recording.conversations().items().list(conversation.id(),
                    ItemListParams.builder()
                            .order(ItemListParams.Order.ASC)
                            .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT)
                            .addInclude(ResponseIncludable.MESSAGE_OUTPUT_TEXT_LOGPROBS)
                            .build()).data();

            assertAll(
                    () -> assertEquals(List.of("reasoning.encrypted_content", "message.output_text.logprobs"),
                            urls.getLast().queryParameterValues("include[]")),
                    () -> assertEquals(6, items.size()),
                    () -> assertEquals(ENCRYPTED_REASONING,
                            items.get(4).reasoning().orElseThrow().encryptedContent().orElseThrow()));
        } finally {
            recording.close();
        }
    }

    @Test
    void items_retrieve_with_include_is_answered() {
        Conversation conversation = client.conversations().create();
        String reasoningId = newId("rs");
        client.conversations().items().create(conversation.id(), ItemCreateParams.builder()
                .addItem(ResponseReasoningItem.builder()
                        .id(reasoningId)
                        .addSummary(ResponseReasoningItem.Summary.builder().text("Thought it through.").build())
                        .encryptedContent(ENCRYPTED_REASONING)
                        .build())
                .build());

        ConversationItem item = client.conversations().items().retrieve(reasoningId, ItemRetrieveParams.builder()
                .conversationId(conversation.id())
                .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT)
                .build());

        assertEquals(ENCRYPTED_REASONING, item.reasoning().orElseThrow().encryptedContent().orElseThrow());
    }

    @Test
    void items_list_with_an_unknown_include_value_is_a_bad_request() {
        Conversation conversation = client.conversations().create(ConversationCreateParams.builder()
                .addItem(userMessage("hello")).build());

        BadRequestException e = assertThrows(BadRequestException.class, () -> client.conversations().items()
                .list(conversation.id(), ItemListParams.builder()
                        .putAdditionalQueryParam("include[]", "message.secret_field")
                        .build()));

        assertAll(
                () -> assertEquals(400, e.statusCode()),
                () -> assertEquals("invalid_value", e.code().orElseThrow()),
                () -> assertEquals("include", e.param().orElseThrow()),
                () -> assertTrue(error(e).message().startsWith("Invalid value: 'message.secret_field'."),
                        error(e).message()));
    }

    @Test
    void items_list_with_an_unknown_sdk_includable_is_a_bad_request() {
        Conversation conversation = client.conversations().create(ConversationCreateParams.builder()
                .addItem(userMessage("hello")).build());

        BadRequestException e = assertThrows(BadRequestException.class, () -> client.conversations().items()
                .list(conversation.id(), ItemListParams.builder()
                        .addInclude(ResponseIncludable.of("reasoning.plain_text"))
                        .build()));

        assertEquals("invalid_value", e.code().orElseThrow());
    }

    // ---- response headers ----------------------------------------------------------------------------

    @Test
    void responses_carry_a_non_empty_x_request_id() {
        Conversation conversation = client.conversations().create();

        try (HttpResponseFor<Conversation> raw = client.conversations().withRawResponse().retrieve(conversation.id())) {
            List<String> requestIds = raw.headers().values("x-request-id");
            assertAll(
                    () -> assertEquals(1, requestIds.size(), requestIds::toString),
                    () -> assertFalse(requestIds.getFirst().isBlank()),
                    () -> assertEquals(requestIds.getFirst(), raw.requestId().orElseThrow()),
                    () -> assertEquals(conversation, raw.parse()));
        }
    }

    @Test
    void responses_carry_openai_version_2020_10_01() {
        Conversation conversation = client.conversations().create();

        try (HttpResponseFor<Conversation> raw = client.conversations().withRawResponse().retrieve(conversation.id())) {
            assertEquals(List.of("2020-10-01"), raw.headers().values("openai-version"));
        }
    }

    @Test
    void each_response_has_its_own_request_id() {
        Conversation conversation = client.conversations().create();

        String first;
        String second;
        try (HttpResponseFor<Conversation> raw = client.conversations().withRawResponse().retrieve(conversation.id())) {
            first = raw.requestId().orElseThrow();
        }
        try (HttpResponseFor<Conversation> raw = client.conversations().withRawResponse().retrieve(conversation.id())) {
            second = raw.requestId().orElseThrow();
        }

        assertNotEquals(first, second);
    }

    @Test
    void error_responses_carry_x_request_id_and_openai_version() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> client.conversations().retrieve(newId("conv")));

        assertAll(
                () -> assertFalse(e.headers().values("x-request-id").isEmpty(), e.headers()::toString),
                () -> assertFalse(e.headers().values("x-request-id").getFirst().isBlank()),
                () -> assertEquals(List.of("2020-10-01"), e.headers().values("openai-version")));
    }
}
