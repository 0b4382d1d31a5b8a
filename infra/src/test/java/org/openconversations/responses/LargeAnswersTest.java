package org.openconversations.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.domain.ConversationKey;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.json.Json;
import org.openconversations.store.ItemRecord;

/**
 * A model answer bigger than one DynamoDB row (400 KB): nothing in the request can prevent it, so storing the
 * turn must cope with it, or at least fail as an API error with the conversation left unlocked.
 */
class LargeAnswersTest extends ResponsesServiceFixture {
    private static final int ANSWER_CHARS = 420_000;

    private void largeAnswer() {
        answer(ANSWER_CHARS);
    }

    private void answer(int chars) {
        ObjectNode completion = object("{'id':'chatcmpl-big','object':'chat.completion','model':'m','choices':[{"
                + "'index':0,'message':{'role':'assistant','content':''},'finish_reason':'stop'}]}");
        ((ObjectNode) completion.at("/choices/0/message")).put("content", "x".repeat(chars));
        upstream.reply(200, Json.write(completion));
    }

    @Test
    void a_stored_response_with_an_answer_over_400_kb_is_readable() {
        largeAnswer();

        ObjectNode response = create("{'model':'m','input':'write a lot'}");

        ObjectNode read = storedResponse(response.get("id").textValue());
        assertEquals(ANSWER_CHARS, read.at("/output/0/content/0/text").textValue().length());
    }

    // Input and body share one row; stored gzipped, a 250 KB input and a 160 KB answer fit together.
    @Test
    void an_accepted_input_with_a_160_kb_answer_is_stored_and_readable() {
        answer(160_000);
        ObjectNode body = object("{'model':'m'}");
        body.put("input", "y".repeat(250_000));

        ObjectNode response = responses.create(tenant, body, REMAINING).response();

        ObjectNode read = storedResponse(response.get("id").textValue());
        assertEquals(160_000, read.at("/output/0/content/0/text").textValue().length());
    }

    @Test
    void a_conversation_turn_whose_answer_cannot_be_one_item_is_refused_and_changes_nothing() {
        ConversationKey key = newConversation("one");
        largeAnswer();

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> create("{'model':'m','conversation':'" + key.conversationId() + "','input':'write a lot'}"));

        assertEquals("response_too_large", e.code());
        assertEquals(1, storedItems(key).size());
        assertFalse(row(key).isLocked(clock.seconds()));
    }

    @Test
    void an_answer_that_does_not_compress_into_a_row_is_refused_before_any_write() {
        upstream.reply(200, Json.write(completionWith(incompressible(600_000))));

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> create("{'model':'m','input':'write noise'}"));

        assertEquals("response_too_large", e.code());
    }

    @Test
    void an_answer_too_large_to_store_is_still_answered_with_store_false() {
        upstream.reply(200, Json.write(completionWith(incompressible(600_000))));

        ObjectNode response = create("{'model':'m','input':'write noise','store':false}");

        assertEquals(600_000, response.at("/output/0/content/0/text").textValue().length());
    }

    // 1.5 MB of text compresses into a row, but an event stream repeats it in four events and the final response.
    @Test
    void an_answer_whose_event_stream_lambda_could_not_return_is_refused_before_it_is_stored() {
        answer(1_500_000);

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> create("{'model':'m','input':'write a lot','stream':true}"));

        assertEquals("response_too_large", e.code());
        assertTrue(e.getMessage().contains("stream:false"), e.getMessage());
        assertTrue(storedResponses().isEmpty());
    }

    @Test
    void the_same_answer_without_a_stream_is_returned_and_stored() {
        answer(1_500_000);

        Responses.Created created = responses.create(tenant, object("{'model':'m','input':'write a lot'}"), REMAINING);

        assertEquals(Json.write(created.response()), created.body());
        assertEquals(1, storedResponses().size());
    }

    @Test
    void a_conversation_turn_lambda_could_not_return_changes_nothing() {
        ConversationKey key = newConversation("one");
        List<ItemRecord> before = storedItems(key);
        answer(1_500_000);

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> create(
                "{'model':'m','conversation':'" + key.conversationId() + "','input':'write a lot','stream':true}"));

        assertTrue(e.getMessage().startsWith("The model's answer is too large to return"), e.getMessage());
        assertUnchangedAndUnlocked(key, before, 2L);
        assertTrue(storedResponses().isEmpty());
    }

    private static ObjectNode completionWith(String content) {
        ObjectNode completion = object("{'id':'chatcmpl-big','object':'chat.completion','model':'m','choices':[{"
                + "'index':0,'message':{'role':'assistant','content':''},'finish_reason':'stop'}]}");
        ((ObjectNode) completion.at("/choices/0/message")).put("content", content);
        return completion;
    }

    private static String incompressible(int chars) {
        java.util.Random random = new java.util.Random(42);
        StringBuilder text = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) text.append((char) ('!' + random.nextInt(90)));
        return text.toString();
    }
}
