package org.openconversations.compat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.compat.SdkSupport.error;
import static org.openconversations.compat.SdkSupport.idOf;
import static org.openconversations.compat.SdkSupport.metadata;
import static org.openconversations.compat.SdkSupport.newId;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonMissing;
import com.openai.core.JsonValue;
import com.openai.errors.NotFoundException;
import com.openai.models.conversations.Conversation;
import com.openai.models.conversations.ConversationCreateParams;
import com.openai.models.conversations.ConversationDeletedResource;
import com.openai.models.conversations.ConversationUpdateParams;
import com.openai.models.conversations.Message;
import com.openai.models.conversations.items.ConversationItem;
import com.openai.models.conversations.items.ConversationItemList;
import com.openai.models.conversations.items.ItemCreateParams;
import com.openai.models.conversations.items.ItemDeleteParams;
import com.openai.models.conversations.items.ItemListParams;
import com.openai.models.conversations.items.ItemRetrieveParams;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.ResponseCompactionItem;
import com.openai.models.responses.ResponseCompactionItemParam;
import com.openai.models.responses.ResponseCustomToolCallOutput;
import com.openai.models.responses.ResponseCustomToolCallOutput.Output.FunctionAndCustomToolCallOutput;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseFunctionToolCallItem;
import com.openai.models.responses.ResponseFunctionToolCallOutputItem;
import com.openai.models.responses.ResponseInputImage;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseReasoningItem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openconversations.api.TestGateway;

/**
 * The conversation and item routes through the official openai-java SDK (4.101.0) with response validation
 * on: every body must parse into the SDK's typed models and pass its const and required-field checks.
 */
class OpenAiJavaSdkCompatibilityTest {
    private static final String WEATHER_ARGUMENTS = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
    private static final String WEATHER_OUTPUT = "{\"temperature\":18,\"sky\":\"overcast\"}";
    static final String ENCRYPTED_REASONING = "gAAAAABoZ3Jhc29uaW5nLWJsb2ItZm9yLXRlc3Rz";
    /** Compaction items are checked when added, so the one these tests add is sealed as the server seals them. */
    private static final String ENCRYPTED_COMPACTION = TestGateway.sealedSummary("default", "The user greeted us.");

    private static OpenAIClient client;

    @BeforeAll
    static void connect() {
        client = SdkSupport.strictClient();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    // ---- conversations -------------------------------------------------------------------------------

    @Test
    void create_parses_the_conversation_with_a_conv_id_and_the_metadata_sent() {
        long before = System.currentTimeMillis() / 1000;

        Conversation conversation = client.conversations().create(ConversationCreateParams.builder()
                .metadata(ConversationCreateParams.Metadata.builder()
                        .putProperty("topic", "billing")
                        .putProperty("customer", "acme-42")
                        .build())
                .build());

        assertAll(
                () -> assertTrue(conversation.id().startsWith("conv_"), conversation.id()),
                () -> assertEquals(JsonValue.from("conversation"), conversation._object_()),
                () -> assertTrue(conversation.createdAt() >= before - 1
                        && conversation.createdAt() <= System.currentTimeMillis() / 1000 + 1,
                        "created_at is not now in Unix seconds: " + conversation.createdAt()),
                () -> assertEquals(Map.of("topic", "billing", "customer", "acme-42"), metadata(conversation)));
    }

    @Test
    void create_stores_the_initial_items_in_the_order_sent() {
        String callId = "call_" + newId("x").substring(2, 26);
        Conversation conversation = client.conversations().create(ConversationCreateParams.builder()
                .addItem(EasyInputMessage.builder()
                        .role(EasyInputMessage.Role.USER)
                        .content("What is the weather in Paris?")
                        .build())
                .addItem(ResponseFunctionToolCall.builder()
                        .callId(callId)
                        .name("get_weather")
                        .arguments(WEATHER_ARGUMENTS)
                        .build())
                .addItem(ResponseInputItem.FunctionCallOutput.builder()
                        .callId(callId)
                        .output(WEATHER_OUTPUT)
                        .build())
                .addItem(EasyInputMessage.builder()
                        .role(EasyInputMessage.Role.ASSISTANT)
                        .content("It is 18 degrees and overcast in Paris.")
                        .build())
                .build());

        List<ConversationItem> items = client.conversations().items()
                .list(conversation.id(), ItemListParams.builder().order(ItemListParams.Order.ASC).build())
                .data();

        assertEquals(4, items.size(), items::toString);
        Message user = items.get(0).message().orElseThrow();
        ResponseFunctionToolCallItem call = items.get(1).functionCall().orElseThrow();
        ResponseFunctionToolCallOutputItem output = items.get(2).functionCallOutput().orElseThrow();
        Message assistant = items.get(3).message().orElseThrow();
        assertAll(
                () -> assertEquals(Message.Role.USER, user.role()),
                () -> assertEquals("What is the weather in Paris?",
                        user.content().getFirst().inputText().orElseThrow().text()),
                () -> assertEquals(callId, call.callId()),
                () -> assertEquals("get_weather", call.name()),
                () -> assertEquals(WEATHER_ARGUMENTS, call.arguments()),
                () -> assertEquals(callId, output.callId().orElseThrow()),
                () -> assertEquals(WEATHER_OUTPUT, output.output().asString()),
                () -> assertEquals(Message.Role.ASSISTANT, assistant.role()),
                () -> assertEquals("It is 18 degrees and overcast in Paris.",
                        assistant.content().getFirst().outputText().orElseThrow().text()),
                () -> assertEquals(List.of(), assistant.content().getFirst().outputText().orElseThrow().annotations()));
    }

    @Test
    void retrieve_returns_the_conversation_as_created() {
        Conversation created = client.conversations().create(ConversationCreateParams.builder()
                .metadata(ConversationCreateParams.Metadata.builder().putProperty("topic", "retrieval").build())
                .build());

        Conversation retrieved = client.conversations().retrieve(created.id());

        assertEquals(created, retrieved);
    }

    @Test
    void update_replaces_the_whole_metadata_map() {
        Conversation created = client.conversations().create(ConversationCreateParams.builder()
                .metadata(ConversationCreateParams.Metadata.builder()
                        .putProperty("topic", "billing")
                        .putProperty("priority", "high")
                        .build())
                .build());

        Conversation updated = client.conversations().update(created.id(), ConversationUpdateParams.builder()
                .metadata(ConversationUpdateParams.Metadata.builder()
                        .putProperty("topic", "refunds")
                        .putProperty("channel", "email")
                        .build())
                .build());

        Map<String, String> expected = Map.of("topic", "refunds", "channel", "email");
        assertAll(
                () -> assertEquals(created.id(), updated.id()),
                () -> assertEquals(created.createdAt(), updated.createdAt()),
                () -> assertEquals(expected, metadata(updated)),
                () -> assertFalse(metadata(updated).containsKey("priority"), "removed key survived the update"),
                () -> assertEquals(expected, metadata(client.conversations().retrieve(created.id()))));
    }

    @Test
    void create_accepts_an_empty_items_array() {
        Conversation conversation = client.conversations().create(ConversationCreateParams.builder()
                .items(List.of())
                .build());

        assertAll(
                () -> assertTrue(conversation.id().startsWith("conv_"), conversation.id()),
                () -> assertEquals(Map.of(), metadata(conversation)));
    }

    @Test
    void update_with_null_metadata_clears_it() {
        Conversation created = client.conversations().create(ConversationCreateParams.builder()
                .metadata(ConversationCreateParams.Metadata.builder().putProperty("topic", "temporary").build())
                .build());

        Conversation updated = client.conversations().update(created.id(), ConversationUpdateParams.builder()
                .metadata(Optional.empty())
                .build());

        assertAll(
                () -> assertEquals(Map.of(), metadata(updated)),
                () -> assertEquals(Map.of(), metadata(client.conversations().retrieve(created.id()))));
    }

    @Test
    void delete_returns_a_conversation_deleted_resource() {
        Conversation conversation = client.conversations().create();

        ConversationDeletedResource deleted = client.conversations().delete(conversation.id());

        assertAll(
                () -> assertEquals(conversation.id(), deleted.id()),
                () -> assertTrue(deleted.deleted()),
                () -> assertEquals(JsonValue.from("conversation.deleted"), deleted._object_()));
    }

    @Test
    void deleted_conversation_is_not_found_on_retrieve() {
        String id = deletedConversationWithOneItem().conversationId();

        NotFoundException e = assertThrows(NotFoundException.class, () -> client.conversations().retrieve(id));

        assertNotFound(e, "Conversation with id '" + id + "' not found.");
    }

    @Test
    void deleted_conversation_is_not_found_on_items_list() {
        String id = deletedConversationWithOneItem().conversationId();

        NotFoundException e = assertThrows(NotFoundException.class, () -> client.conversations().items().list(id));

        assertNotFound(e, "Conversation with id '" + id + "' not found.");
    }

    @Test
    void deleted_conversation_is_not_found_on_items_create() {
        String id = deletedConversationWithOneItem().conversationId();

        NotFoundException e = assertThrows(NotFoundException.class, () -> client.conversations().items().create(id,
                ItemCreateParams.builder().addItem(userMessage("Are you still there?")).build()));

        assertNotFound(e, "Conversation with id '" + id + "' not found.");
    }

    @Test
    void deleted_conversation_is_not_found_on_item_retrieve() {
        DeletedConversation deleted = deletedConversationWithOneItem();

        NotFoundException e = assertThrows(NotFoundException.class, () -> client.conversations().items().retrieve(
                deleted.itemId(), ItemRetrieveParams.builder().conversationId(deleted.conversationId()).build()));

        assertNotFound(e, "Conversation with id '" + deleted.conversationId() + "' not found.");
    }

    // ---- items ---------------------------------------------------------------------------------------

    @Test
    void items_create_returns_a_list_of_the_added_items_in_order() {
        Conversation conversation = client.conversations().create();

        ConversationItemList added = client.conversations().items().create(conversation.id(), everyKind());

        assertAll(
                () -> assertEquals(JsonValue.from("list"), added._object_()),
                () -> assertEquals(6, added.data().size(), added::toString),
                () -> assertEquals(List.of(true, true, true, true, true, true), List.of(
                        added.data().get(0).isMessage(), added.data().get(1).isMessage(),
                        added.data().get(2).isFunctionCall(), added.data().get(3).isFunctionCallOutput(),
                        added.data().get(4).isReasoning(), added.data().get(5).isCompaction())),
                () -> assertFalse(added.hasMore()));
    }

    @Test
    void items_create_first_and_last_ids_name_the_first_and_last_added_items() {
        Conversation conversation = client.conversations().create();

        ConversationItemList added = client.conversations().items().create(conversation.id(), everyKind());

        assertAll(
                () -> assertEquals(idOf(added.data().getFirst()), added.firstId()),
                () -> assertEquals(idOf(added.data().getLast()), added.lastId()));
    }

    @Test
    void items_create_assigns_each_kind_its_id_prefix() {
        Conversation conversation = client.conversations().create();

        List<String> ids = client.conversations().items().create(conversation.id(), everyKind())
                .data().stream().map(SdkSupport::idOf).toList();

        List<String> prefixes = List.of("msg_", "msg_", "fc_", "fco_", "rs_", "cmp_");
        for (int i = 0; i < prefixes.size(); i++) {
            assertTrue(ids.get(i).startsWith(prefixes.get(i)), "item " + i + " has id " + ids.get(i));
        }
        assertEquals(ids.size(), ids.stream().distinct().count(), "ids are not unique: " + ids);
    }

    @Test
    void items_create_keeps_client_supplied_ids() {
        Conversation conversation = client.conversations().create();
        String messageId = newId("msg");
        String reasoningId = newId("rs");

        ConversationItemList added = client.conversations().items().create(conversation.id(), ItemCreateParams.builder()
                .addItem(assistantOutput(messageId, "Supplied id."))
                .addItem(reasoning(reasoningId, "Kept as sent."))
                .build());

        assertEquals(List.of(messageId, reasoningId), added.data().stream().map(SdkSupport::idOf).toList());
    }

    @Test
    void items_create_user_message_reads_as_input_text_parts() {
        Conversation conversation = client.conversations().create();

        Message message = client.conversations().items().create(conversation.id(), everyKind())
                .data().get(0).message().orElseThrow();

        assertAll(
                () -> assertEquals(Message.Role.USER, message.role()),
                () -> assertEquals(Message.Status.COMPLETED, message.status()),
                () -> assertEquals(List.of("Compare these two plans.", "Plan A costs 10 EUR, plan B 12 EUR."),
                        message.content().stream().map(part -> part.inputText().orElseThrow().text()).toList()));
    }

    @Test
    void items_create_assistant_message_reads_as_output_text() {
        Conversation conversation = client.conversations().create();

        Message message = client.conversations().items().create(conversation.id(), everyKind())
                .data().get(1).message().orElseThrow();

        ResponseOutputText text = message.content().getFirst().outputText().orElseThrow();
        assertAll(
                () -> assertEquals(Message.Role.ASSISTANT, message.role()),
                () -> assertEquals(1, message.content().size()),
                () -> assertEquals("Plan A is cheaper by 2 EUR.", text.text()),
                () -> assertEquals(List.of(), text.annotations()),
                () -> assertEquals(List.of(), text.logprobs().orElseThrow()));
    }

    @Test
    void items_create_function_call_reads_through_its_accessor() {
        Conversation conversation = client.conversations().create();

        ResponseFunctionToolCallItem call = client.conversations().items().create(conversation.id(), everyKind())
                .data().get(2).functionCall().orElseThrow();

        assertAll(
                () -> assertEquals("call_plan_lookup_0001", call.callId()),
                () -> assertEquals("lookup_plan", call.name()),
                () -> assertEquals("{\"plan\":\"A\"}", call.arguments()),
                () -> assertEquals(ResponseFunctionToolCall.Status.COMPLETED, call.status().orElseThrow()));
    }

    @Test
    void items_create_function_call_output_reads_through_its_accessor() {
        Conversation conversation = client.conversations().create();

        ResponseFunctionToolCallOutputItem output = client.conversations().items()
                .create(conversation.id(), everyKind()).data().get(3).functionCallOutput().orElseThrow();

        assertAll(
                () -> assertEquals("call_plan_lookup_0001", output.callId().orElseThrow()),
                () -> assertEquals("{\"price\":10,\"currency\":\"EUR\"}", output.output().asString()),
                () -> assertEquals(ResponseFunctionToolCallOutputItem.Status.COMPLETED, output.status()));
    }

    @Test
    void items_create_custom_tool_call_output_image_without_detail_reads_with_detail_auto() {
        Conversation conversation = client.conversations().create();
        // detail is required in the SDK's model, so leaving it out takes an explicit JsonMissing.
        ResponseInputImage image = ResponseInputImage.builder()
                .imageUrl("data:image/png;base64,iVBORw0KGgo=")
                .detail(JsonMissing.of())
                .build();
        ResponseCustomToolCallOutput sent = ResponseCustomToolCallOutput.builder()
                .callId("call_chart_0001")
                .outputOfContentList(List.of(FunctionAndCustomToolCallOutput.ofInputImage(image)))
                .build();

        ResponseCustomToolCallOutput output = client.conversations().items()
                .create(conversation.id(), ItemCreateParams.builder().addItem(sent).build())
                .data().getFirst().customToolCallOutput().orElseThrow();

        assertAll(
                () -> assertEquals("call_chart_0001", output.callId()),
                () -> assertEquals(ResponseInputImage.Detail.AUTO,
                        output.output().asContentList().getFirst().inputImage().orElseThrow().detail()));
    }

    @Test
    void items_create_reasoning_reads_through_its_accessor() {
        Conversation conversation = client.conversations().create();

        ResponseReasoningItem reasoning = client.conversations().items().create(conversation.id(), everyKind())
                .data().get(4).reasoning().orElseThrow();

        assertAll(
                () -> assertEquals(List.of("Compared the two prices."),
                        reasoning.summary().stream().map(ResponseReasoningItem.Summary::text).toList()),
                () -> assertEquals(JsonValue.from("summary_text"), reasoning.summary().getFirst()._type()),
                () -> assertEquals(ENCRYPTED_REASONING, reasoning.encryptedContent().orElseThrow()));
    }

    @Test
    void items_create_compaction_reads_through_its_accessor() {
        Conversation conversation = client.conversations().create();

        ResponseCompactionItem compaction = client.conversations().items().create(conversation.id(), everyKind())
                .data().get(5).compaction().orElseThrow();

        assertEquals(ENCRYPTED_COMPACTION, compaction.encryptedContent());
    }

    @Test
    void items_retrieve_returns_the_same_item_as_listed() {
        Conversation conversation = client.conversations().create();
        client.conversations().items().create(conversation.id(), everyKind());
        List<ConversationItem> listed = client.conversations().items()
                .list(conversation.id(), ItemListParams.builder().order(ItemListParams.Order.ASC).build()).data();

        for (ConversationItem item : listed) {
            ConversationItem retrieved = client.conversations().items().retrieve(idOf(item),
                    ItemRetrieveParams.builder().conversationId(conversation.id()).build());
            assertEquals(item, retrieved, "retrieve differs from list for " + idOf(item));
        }
        assertEquals(6, listed.size());
    }

    @Test
    void items_delete_returns_the_parent_conversation() {
        Conversation conversation = client.conversations().create(ConversationCreateParams.builder()
                .metadata(ConversationCreateParams.Metadata.builder().putProperty("topic", "undo").build())
                .addItem(userMessage("Delete me."))
                .build());
        String itemId = onlyItemId(conversation.id());

        Conversation returned = client.conversations().items().delete(itemId,
                ItemDeleteParams.builder().conversationId(conversation.id()).build());

        assertEquals(conversation, returned);
    }

    @Test
    void deleted_item_is_not_found_on_retrieve() {
        Conversation conversation = client.conversations().create(ConversationCreateParams.builder()
                .addItem(userMessage("Delete me."))
                .addItem(userMessage("Keep me."))
                .build());
        String itemId = client.conversations().items()
                .list(conversation.id(), ItemListParams.builder().order(ItemListParams.Order.ASC).build())
                .data().getFirst().message().orElseThrow().id();
        client.conversations().items().delete(itemId, ItemDeleteParams.builder().conversationId(conversation.id()).build());

        NotFoundException e = assertThrows(NotFoundException.class, () -> client.conversations().items()
                .retrieve(itemId, ItemRetrieveParams.builder().conversationId(conversation.id()).build()));

        assertNotFound(e, "Item with id '" + itemId + "' not found.");
    }

    @Test
    void deleted_item_is_gone_from_the_list() {
        Conversation conversation = client.conversations().create(ConversationCreateParams.builder()
                .addItem(userMessage("first"))
                .addItem(userMessage("second"))
                .addItem(userMessage("third"))
                .build());
        List<String> before = client.conversations().items()
                .list(conversation.id(), ItemListParams.builder().order(ItemListParams.Order.ASC).build())
                .data().stream().map(SdkSupport::idOf).toList();

        client.conversations().items().delete(before.get(1),
                ItemDeleteParams.builder().conversationId(conversation.id()).build());

        List<String> after = client.conversations().items()
                .list(conversation.id(), ItemListParams.builder().order(ItemListParams.Order.ASC).build())
                .data().stream().map(SdkSupport::idOf).toList();
        assertEquals(List.of(before.get(0), before.get(2)), after);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /** Six items: user message with two input_text parts, assistant output_text, call, output, reasoning, compaction. */
    static ItemCreateParams everyKind() {
        return ItemCreateParams.builder()
                .addItem(ResponseInputItem.Message.builder()
                        .role(ResponseInputItem.Message.Role.USER)
                        .addInputTextContent("Compare these two plans.")
                        .addInputTextContent("Plan A costs 10 EUR, plan B 12 EUR.")
                        .build())
                .addItem(assistantOutput(newId("msg"), "Plan A is cheaper by 2 EUR."))
                .addItem(ResponseFunctionToolCall.builder()
                        .callId("call_plan_lookup_0001")
                        .name("lookup_plan")
                        .arguments("{\"plan\":\"A\"}")
                        .build())
                .addItem(ResponseInputItem.FunctionCallOutput.builder()
                        .callId("call_plan_lookup_0001")
                        .output("{\"price\":10,\"currency\":\"EUR\"}")
                        .build())
                .addItem(ResponseReasoningItem.builder()
                        .id(newId("rs"))
                        .addSummary(ResponseReasoningItem.Summary.builder().text("Compared the two prices.").build())
                        .encryptedContent(ENCRYPTED_REASONING)
                        .build())
                .addItem(ResponseCompactionItemParam.builder().encryptedContent(ENCRYPTED_COMPACTION).build())
                .build();
    }

    /** An assistant message as the Responses API outputs it: client id, output_text without logprobs. */
    static ResponseOutputMessage assistantOutput(String id, String text) {
        return ResponseOutputMessage.builder()
                .id(id)
                .status(ResponseOutputMessage.Status.COMPLETED)
                .addContent(ResponseOutputText.builder().text(text).annotations(List.of()).build())
                .build();
    }

    static ResponseReasoningItem reasoning(String id, String summary) {
        return ResponseReasoningItem.builder()
                .id(id)
                .addSummary(ResponseReasoningItem.Summary.builder().text(summary).build())
                .build();
    }

    static EasyInputMessage userMessage(String text) {
        return EasyInputMessage.builder().role(EasyInputMessage.Role.USER).content(text).build();
    }

    private static String onlyItemId(String conversationId) {
        List<ConversationItem> items = client.conversations().items().list(conversationId).data();
        assertEquals(1, items.size(), items::toString);
        return idOf(items.getFirst());
    }

    private record DeletedConversation(String conversationId, String itemId) {}

    private static DeletedConversation deletedConversationWithOneItem() {
        Conversation conversation = client.conversations().create(ConversationCreateParams.builder()
                .addItem(userMessage("This conversation is about to go."))
                .build());
        String itemId = onlyItemId(conversation.id());
        assertTrue(client.conversations().delete(conversation.id()).deleted());
        return new DeletedConversation(conversation.id(), itemId);
    }

    private static void assertNotFound(NotFoundException e, String message) {
        assertAll(
                () -> assertEquals(404, e.statusCode()),
                () -> assertEquals(message, error(e).message()),
                () -> assertEquals("invalid_request_error", e.type().orElseThrow()),
                () -> assertTrue(e.code().isEmpty(), "code: " + e.code()),
                () -> assertTrue(e.param().isEmpty(), "param: " + e.param()),
                () -> assertTrue(e.getMessage().contains(message), e.getMessage()));
    }
}
