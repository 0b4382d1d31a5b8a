package org.openconversations.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.openconversations.domain.ConversationKey;
import org.openconversations.domain.StoredItem;
import org.openconversations.json.Json;
import org.openconversations.store.ItemRecord;

/** A response in a conversation: its turn is appended whole, in order, and the conversation is freed. */
class ConversationTurnTest extends ResponsesServiceFixture {

    private ObjectNode turn(ConversationKey key) {
        upstream.reply(200, chatTextAndCall("Checking.", "call_1", "weather", "{}"));
        return create("{'model':'m','conversation':'" + key.conversationId() + "',"
                + "'input':[{'role':'user','content':'three'},{'role':'user','content':'four'}]}");
    }

    @Test
    void a_turn_appends_input_then_output_items_contiguously_at_the_next_positions() {
        ConversationKey key = newConversation("one", "two");
        List<ItemRecord> before = storedItems(key);

        ObjectNode response = turn(key);

        List<ItemRecord> after = storedItems(key);
        List<String> inputIds = stored.inputItems(tenant, response.get("id").textValue()).stream()
                .map(StoredItem::id).toList();
        List<String> expected = new ArrayList<>(ids(before));
        expected.addAll(inputIds);
        expected.addAll(ids(response.get("output")));
        assertEquals(expected, ids(after));
        assertEquals(LongStream.rangeClosed(1, 6).boxed().toList(), seqs(after));
        assertEquals(2, response.get("output").size());
        assertEquals("message", Json.parse(after.get(4).getBody()).get("type").textValue());
        assertEquals("function_call", Json.parse(after.get(5).getBody()).get("type").textValue());
    }

    @Test
    void a_turn_moves_the_conversation_next_position_past_the_turn() {
        ConversationKey key = newConversation("one", "two");

        turn(key);

        assertEquals(7L, row(key).getNextSeq());
    }

    @Test
    void the_response_of_a_turn_is_stored_with_its_input_items() {
        ConversationKey key = newConversation("one");

        ObjectNode response = turn(key);

        String id = response.get("id").textValue();
        assertSameJson(response, storedResponse(id));
        List<JsonNode> input = stored.inputItems(tenant, id).stream().map(item -> Json.parse(item.json())).toList();
        assertEquals(List.of("three", "four"),
                input.stream().map(item -> item.at("/content/0/text").textValue()).toList());
        List<ItemRecord> rows = storedItems(key);
        assertEquals(Json.parse(rows.get(1).getBody()), input.get(0));
        assertEquals(Json.parse(rows.get(2).getBody()), input.get(1));
        assertEquals(key.conversationId(), response.at("/conversation/id").textValue());
    }

    @Test
    void the_conversation_lock_is_released_after_a_turn() {
        ConversationKey key = newConversation("one");

        turn(key);

        assertFalse(row(key).isLocked(clock.seconds()));
    }

    @Test
    void a_second_turn_right_after_the_first_is_not_locked_out() {
        ConversationKey key = newConversation("one");
        turn(key);

        ObjectNode second = turn(key);

        assertEquals("completed", second.get("status").textValue());
        assertEquals(9, storedItems(key).size());
    }

    @Test
    void the_upstream_sees_the_conversation_items_then_the_new_input_with_instructions_first() {
        ConversationKey key = newConversation("one", "two");
        upstream.reply(200, chatText("ok"));

        create("{'model':'m','instructions':'Be brief.','conversation':{'id':'" + key.conversationId() + "'},"
                + "'input':'three'}");

        assertEquals(List.of("system:Be brief.", "user:one", "user:two", "user:three"),
                chatMessages(upstream.lastRequest().json()));
    }

    @Test
    void a_turn_larger_than_one_transaction_is_stored_completely_and_contiguously() {
        ConversationKey key = newConversation("first");
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            if (i > 0) input.append(',');
            input.append("{'role':'user','content':'n").append(i).append("'}");
        }
        upstream.reply(200, chatText("done"));

        ObjectNode response = create("{'model':'m','conversation':'" + key.conversationId() + "','input':["
                + input + "]}");

        List<ItemRecord> rows = storedItems(key);
        assertEquals(122, rows.size());
        assertEquals(LongStream.rangeClosed(1, 122).boxed().toList(), seqs(rows));
        List<String> texts = rows.stream().map(row -> Json.parse(row.getBody()).at("/content/0/text").asText())
                .toList();
        for (int i = 0; i < 120; i++) assertEquals("n" + i, texts.get(i + 1), "position " + (i + 2));
        assertEquals("done", texts.get(121));
        assertEquals(ids(response.get("output")).getFirst(), rows.get(121).getItemId());
        assertEquals(123L, row(key).getNextSeq());
        assertFalse(row(key).isLocked(clock.seconds()));
        assertEquals(120, stored.inputItems(tenant, response.get("id").textValue()).size());
    }

    @Test
    void store_false_with_a_conversation_appends_nothing_and_unlocks() {
        ConversationKey key = newConversation("one");
        List<ItemRecord> before = storedItems(key);
        upstream.reply(200, chatText("ok"));

        ObjectNode response = create("{'model':'m','store':false,'conversation':'" + key.conversationId() + "',"
                + "'input':'two'}");

        assertEquals("completed", response.get("status").textValue());
        assertUnchangedAndUnlocked(key, before, 2L);
        assertTrue(storedResponses().isEmpty());
    }
}
