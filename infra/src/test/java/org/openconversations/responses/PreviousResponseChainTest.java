package org.openconversations.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.domain.ConversationKey;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.errors.NotFoundException;

/** previous_response_id: the context is every earlier turn of the chain, and a broken chain is refused. */
class PreviousResponseChainTest extends ResponsesServiceFixture {

    private String turn(String previousId, String question, String answer) {
        upstream.reply(200, chatText(answer));
        String previous = previousId == null ? "" : ",'previous_response_id':'" + previousId + "'";
        return create("{'model':'m','input':'" + question + "'" + previous + "}").get("id").textValue();
    }

    private InvalidRequestException chainFrom(String previousId) {
        return assertThrows(InvalidRequestException.class,
                () -> create("{'model':'m','input':'next','previous_response_id':'" + previousId + "'}"));
    }

    @Test
    void a_chain_of_three_sends_every_turn_in_order_then_the_new_input() {
        String first = turn(null, "q1", "a1");
        String second = turn(first, "q2", "a2");
        String third = turn(second, "q3", "a3");

        turn(third, "q4", "a4");

        assertEquals(List.of("user:q1", "assistant:a1", "user:q2", "assistant:a2", "user:q3", "assistant:a3",
                "user:q4"), chatMessages(upstream.lastRequest().json()));
    }

    private String turnIn(ConversationKey key, String question, String answer) {
        upstream.reply(200, chatText(answer));
        return create("{'model':'m','conversation':'" + key.conversationId() + "','input':'" + question + "'}")
                .get("id").textValue();
    }

    @Test
    void chaining_from_a_conversation_response_sends_the_conversation_before_it_too() {
        ConversationKey key = newConversation("q0");
        turnIn(key, "q1", "a1");
        String second = turnIn(key, "q2", "a2");
        turnIn(key, "later", "after the second turn");

        turn(second, "q3", "a3");

        assertEquals(List.of("user:q0", "user:q1", "assistant:a1", "user:q2", "assistant:a2", "user:q3"),
                chatMessages(upstream.lastRequest().json()));
    }

    @Test
    void chaining_from_a_function_call_output_turn_sends_the_call_before_its_output() {
        ConversationKey key = newConversation();
        upstream.reply(200, chatTextAndCall("Checking.", "call_1", "weather", "{}"));
        create("{'model':'m','conversation':'" + key.conversationId() + "','input':'weather?'}");
        upstream.reply(200, chatText("Sunny."));
        String answered = create("{'model':'m','conversation':'" + key.conversationId() + "','input':"
                + "[{'type':'function_call_output','call_id':'call_1','output':'sunny'}]}").get("id").textValue();

        turn(answered, "thanks", "welcome");

        JsonNode messages = upstream.lastRequest().json().get("messages");
        assertEquals(List.of("user", "assistant", "tool", "assistant", "user"),
                messages.findValuesAsText("role"));
        assertEquals("call_1", messages.get(1).get("tool_calls").get(0).get("id").textValue());
    }

    @Test
    void chaining_from_a_conversation_response_leaves_out_items_deleted_since() {
        ConversationKey key = newConversation("keep", "drop");
        String dropped = storedItems(key).get(1).getItemId();
        String first = turnIn(key, "q1", "a1");
        conversationItems.delete(key, dropped);

        turn(first, "q2", "a2");

        assertEquals(List.of("user:keep", "user:q1", "assistant:a1", "user:q2"),
                chatMessages(upstream.lastRequest().json()));
    }

    @Test
    void a_chained_response_names_its_previous_response() {
        String first = turn(null, "q1", "a1");

        String second = turn(first, "q2", "a2");

        ObjectNode read = storedResponse(second);
        assertEquals(first, read.get("previous_response_id").textValue());
        assertTrue(read.get("conversation").isNull());
    }

    @Test
    void instructions_of_earlier_turns_are_not_carried_over() {
        upstream.reply(200, chatText("a1"));
        String first = create("{'model':'m','instructions':'Old rules.','input':'q1'}").get("id").textValue();

        turn(first, "q2", "a2");

        assertEquals(List.of("user:q1", "assistant:a1", "user:q2"), chatMessages(upstream.lastRequest().json()));
    }

    @Test
    void a_chain_whose_middle_response_was_deleted_is_previous_response_not_found_naming_it() {
        String first = turn(null, "q1", "a1");
        String second = turn(first, "q2", "a2");
        String third = turn(second, "q3", "a3");
        stored.delete(tenant, second);
        int requestsBefore = upstream.requests().size();

        InvalidRequestException e = chainFrom(third);

        assertEquals("previous_response_not_found", e.code());
        assertEquals("previous_response_id", e.param());
        assertTrue(e.getMessage().contains(second), e.getMessage());
        assertEquals(requestsBefore, upstream.requests().size());
    }

    @Test
    void an_unknown_previous_response_is_previous_response_not_found() {
        String unknown = "resp_" + "ab".repeat(24);

        InvalidRequestException e = chainFrom(unknown);

        assertEquals("previous_response_not_found", e.code());
        assertEquals("Previous response with id '" + unknown + "' not found.", e.getMessage());
        assertEquals(0, upstream.requests().size());
    }

    @Test
    void a_response_past_retention_is_not_found() {
        String first = turn(null, "q1", "a1");

        clock.advance(RETENTION.plusSeconds(1));

        NotFoundException e = assertThrows(NotFoundException.class, () -> storedResponse(first));
        assertEquals(404, e.status());
    }

    @Test
    void a_response_is_still_readable_just_before_retention_ends() {
        String first = turn(null, "q1", "a1");

        clock.advance(RETENTION.minusSeconds(1));

        assertEquals(first, storedResponse(first).get("id").textValue());
    }

    @Test
    void chaining_from_an_expired_response_is_previous_response_not_found() {
        String first = turn(null, "q1", "a1");
        clock.advance(RETENTION.plus(Duration.ofMinutes(1)));

        InvalidRequestException e = chainFrom(first);

        assertEquals("previous_response_not_found", e.code());
        assertTrue(e.getMessage().contains(first), e.getMessage());
    }

    @Test
    void chaining_from_a_store_false_response_is_previous_response_not_found() {
        upstream.reply(200, chatText("a1"));
        String unstored = create("{'model':'m','store':false,'input':'q1'}").get("id").textValue();

        InvalidRequestException e = chainFrom(unstored);

        assertEquals("previous_response_not_found", e.code());
    }

    @Test
    void store_false_without_a_conversation_stores_nothing() {
        upstream.reply(200, chatText("a1"));

        ObjectNode response = create("{'model':'m','store':false,'input':'q1'}");

        assertEquals("completed", response.get("status").textValue());
        assertEquals(false, response.get("store").booleanValue());
        assertThrows(NotFoundException.class, () -> storedResponse(response.get("id").textValue()));
        assertTrue(storedResponses().isEmpty());
    }

    @Test
    void another_tenant_cannot_chain_from_a_response() {
        String first = turn(null, "q1", "a1");

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> responses.create(
                "other-" + tenant, json("{'model':'m','input':'q2','previous_response_id':'" + first + "'}"),
                REMAINING));

        assertEquals("previous_response_not_found", e.code());
    }

    @Test
    void a_first_response_has_no_previous_response() {
        String first = turn(null, "q1", "a1");

        assertNull(storedResponse(first).get("previous_response_id").textValue());
    }
}
