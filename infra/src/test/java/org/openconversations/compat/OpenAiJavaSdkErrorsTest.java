package org.openconversations.compat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.compat.OpenAiJavaSdkCompatibilityTest.assistantOutput;
import static org.openconversations.compat.OpenAiJavaSdkCompatibilityTest.userMessage;
import static org.openconversations.compat.SdkSupport.error;
import static org.openconversations.compat.SdkSupport.newId;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.conversations.Conversation;
import com.openai.models.conversations.ConversationCreateParams;
import com.openai.models.conversations.items.ItemCreateParams;
import com.openai.models.conversations.items.ItemListParams;
import com.openai.models.conversations.items.ItemRetrieveParams;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.ResponseInputContent;
import com.openai.models.responses.ResponseInputText;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Error responses as the SDK surfaces them: the exception class follows the status, and the envelope's
 * message, type, param and code are readable through the exception.
 */
class OpenAiJavaSdkErrorsTest {
    private static OpenAIClient client;
    private static Conversation conversation;

    @BeforeAll
    static void connect() {
        client = SdkSupport.strictClient();
        conversation = client.conversations().create(ConversationCreateParams.builder()
                .addItem(userMessage("A conversation to send bad requests to."))
                .build());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void limit_zero_is_integer_below_min_value() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> client.conversations().items()
                .list(conversation.id(), ItemListParams.builder().limit(0).build()));

        assertInvalidRequest(e, "limit", "integer_below_min_value",
                "Invalid 'limit': integer below minimum value. Expected a value >= 1, but got 0 instead.");
    }

    @Test
    void limit_101_is_integer_above_max_value() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> client.conversations().items()
                .list(conversation.id(), ItemListParams.builder().limit(101).build()));

        assertInvalidRequest(e, "limit", "integer_above_max_value",
                "Invalid 'limit': integer above maximum value. Expected a value <= 100, but got 101 instead.");
    }

    @Test
    void twenty_one_items_on_items_create_is_array_above_max_length() {
        ItemCreateParams.Builder params = ItemCreateParams.builder();
        IntStream.rangeClosed(1, 21).forEach(i -> params.addItem(userMessage("message " + i)));

        BadRequestException e = assertThrows(BadRequestException.class,
                () -> client.conversations().items().create(conversation.id(), params.build()));

        assertInvalidRequest(e, "items", "array_above_max_length",
                "Invalid 'items': array too long. Expected an array with maximum length 20, but got an array with"
                        + " length 21 instead.");
    }

    @Test
    void twenty_one_items_on_conversation_create_is_array_above_max_length() {
        ConversationCreateParams.Builder params = ConversationCreateParams.builder();
        IntStream.rangeClosed(1, 21).forEach(i -> params.addItem(userMessage("message " + i)));

        BadRequestException e = assertThrows(BadRequestException.class,
                () -> client.conversations().create(params.build()));

        assertInvalidRequest(e, "items", "array_above_max_length",
                "Invalid 'items': array too long. Expected an array with maximum length 20, but got an array with"
                        + " length 21 instead.");
    }

    @Test
    void twenty_items_on_items_create_are_accepted() {
        Conversation fresh = client.conversations().create();
        ItemCreateParams.Builder params = ItemCreateParams.builder();
        IntStream.rangeClosed(1, 20).forEach(i -> params.addItem(userMessage("message " + i)));

        assertEquals(20, client.conversations().items().create(fresh.id(), params.build()).data().size());
    }

    @Test
    void unknown_conversation_is_not_found() {
        String id = newId("conv");

        NotFoundException e = assertThrows(NotFoundException.class, () -> client.conversations().retrieve(id));

        assertAll(
                () -> assertEquals(404, e.statusCode()),
                () -> assertEquals("Conversation with id '" + id + "' not found.", error(e).message()),
                () -> assertEquals("invalid_request_error", e.type().orElseThrow()));
    }

    @Test
    void unknown_conversation_is_not_found_on_items_list() {
        String id = newId("conv");

        NotFoundException e = assertThrows(NotFoundException.class, () -> client.conversations().items().list(id));

        assertEquals("Conversation with id '" + id + "' not found.", error(e).message());
    }

    @Test
    void unknown_item_is_not_found() {
        String itemId = newId("msg");

        NotFoundException e = assertThrows(NotFoundException.class, () -> client.conversations().items()
                .retrieve(itemId, ItemRetrieveParams.builder().conversationId(conversation.id()).build()));

        assertAll(
                () -> assertEquals(404, e.statusCode()),
                () -> assertEquals("Item with id '" + itemId + "' not found.", error(e).message()));
    }

    @Test
    void assistant_message_with_input_text_is_invalid_value() {
        EasyInputMessage assistant = EasyInputMessage.builder()
                .role(EasyInputMessage.Role.ASSISTANT)
                .contentOfResponseInputMessageContentList(List.of(ResponseInputContent.ofInputText(
                        ResponseInputText.builder().text("I replayed my answer as input.").build())))
                .build();

        BadRequestException e = assertThrows(BadRequestException.class, () -> client.conversations().items()
                .create(conversation.id(), ItemCreateParams.builder().addItem(assistant).build()));

        assertInvalidRequest(e, "items[0].content[0]", "invalid_value",
                "Invalid value: 'input_text'. Supported values are: 'output_text' and 'refusal'.");
    }

    @Test
    void client_id_already_in_the_conversation_is_a_duplicate() {
        String id = newId("msg");
        client.conversations().items().create(conversation.id(),
                ItemCreateParams.builder().addItem(assistantOutput(id, "First time.")).build());

        BadRequestException e = assertThrows(BadRequestException.class, () -> client.conversations().items()
                .create(conversation.id(), ItemCreateParams.builder().addItem(assistantOutput(id, "Again.")).build()));

        assertDuplicate(e, id);
    }

    @Test
    void client_id_twice_in_one_request_is_a_duplicate() {
        String id = newId("msg");

        BadRequestException e = assertThrows(BadRequestException.class, () -> client.conversations().items()
                .create(conversation.id(), ItemCreateParams.builder()
                        .addItem(assistantOutput(id, "Once."))
                        .addItem(assistantOutput(id, "Twice."))
                        .build()));

        assertDuplicate(e, id);
    }

    @Test
    void duplicate_in_one_request_writes_nothing() {
        Conversation fresh = client.conversations().create(ConversationCreateParams.builder()
                .addItem(userMessage("Only me.")).build());
        String id = newId("msg");

        assertThrows(BadRequestException.class, () -> client.conversations().items().create(fresh.id(),
                ItemCreateParams.builder()
                        .addItem(userMessage("Not stored."))
                        .addItem(assistantOutput(id, "Once."))
                        .addItem(assistantOutput(id, "Twice."))
                        .build()));

        assertEquals(1, client.conversations().items().list(fresh.id()).data().size());
    }

    @Test
    void client_id_with_the_wrong_prefix_is_invalid_id_prefix() {
        String id = newId("fc");

        BadRequestException e = assertThrows(BadRequestException.class, () -> client.conversations().items()
                .create(conversation.id(), ItemCreateParams.builder().addItem(assistantOutput(id, "Hi.")).build()));

        assertInvalidRequest(e, "items[0].id", "invalid_id_prefix",
                "Invalid 'items[0].id': '" + id + "'. Expected an ID that begins with 'msg'.");
    }

    @Test
    void unknown_after_cursor_is_invalid_value() {
        String after = newId("msg");

        BadRequestException e = assertThrows(BadRequestException.class, () -> client.conversations().items()
                .list(conversation.id(), ItemListParams.builder().after(after).build()));

        assertAll(
                () -> assertEquals("after", e.param().orElseThrow()),
                () -> assertEquals("invalid_value", e.code().orElseThrow()));
    }

    private static void assertInvalidRequest(OpenAIServiceException e, String param, String code, String message) {
        assertAll(
                () -> assertEquals(400, e.statusCode()),
                () -> assertEquals("invalid_request_error", e.type().orElseThrow()),
                () -> assertEquals(param, e.param().orElseThrow()),
                () -> assertEquals(code, e.code().orElseThrow()),
                () -> assertEquals(message, error(e).message()),
                () -> assertEquals("400: " + message, e.getMessage()));
    }

    private static void assertDuplicate(BadRequestException e, String id) {
        String message = error(e).message();
        assertAll(
                () -> assertEquals(400, e.statusCode()),
                () -> assertTrue(message.startsWith("Duplicate item found with id"), message),
                () -> assertTrue(message.contains(id), message),
                () -> assertTrue(e.code().isEmpty(), "code: " + e.code()));
    }
}
