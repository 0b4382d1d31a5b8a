package org.openconversations.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openconversations.domain.ConversationKey;
import org.openconversations.json.Json;
import org.openconversations.store.ItemRecord;

/** A turn over an upstream that speaks the Responses API (POST /responses), stateless. */
class ResponsesApiUpstreamTest extends ResponsesServiceFixture {
    private static final String REPLY = ("{'id':'resp_upstream','object':'response','status':'completed','output':["
            + "{'type':'reasoning','id':'rs_upstream','summary':[],'encrypted_content':'gAAAA'},"
            + "{'type':'message','id':'msg_upstream','status':'completed','role':'assistant','content':["
            + "{'type':'output_text','text':'Fine, thanks.','annotations':[],'logprobs':[]}]}],"
            + "'usage':{'input_tokens':9,'input_tokens_details':{'cached_tokens':0},'output_tokens':2,"
            + "'output_tokens_details':{'reasoning_tokens':0},'total_tokens':11}}").replace('\'', '"');

    private static final String LOGPROBS = ("[{'token':'Fine','logprob':-0.5,'bytes':[70,105,110,101],"
            + "'top_logprobs':[{'token':'Fine','logprob':-0.5,'bytes':[70,105,110,101]}]}]").replace('\'', '"');

    private Responses overResponses;
    private ConversationKey key;
    private List<ItemRecord> before;

    @BeforeEach
    void conversation() {
        overResponses = service(responsesModel(upstream.baseUrl()));
        key = newConversation("hello", "are you there");
        before = storedItems(key);
    }

    private ObjectNode turn() {
        upstream.reply(200, REPLY);
        return create(overResponses, "{'model':'gpt-5-mini','instructions':'Be brief.','conversation':'"
                + key.conversationId() + "','input':'how are you','reasoning':{'effort':'low'}}");
    }

    /** A turn that asks for logprobs, answered with some. */
    private ObjectNode turnWithLogprobs() {
        upstream.reply(200, REPLY.replace("\"logprobs\":[]", "\"logprobs\":" + LOGPROBS));
        return create(overResponses, "{'model':'gpt-5-mini','conversation':'" + key.conversationId()
                + "','input':'how are you','top_logprobs':1,'include':['message.output_text.logprobs']}");
    }

    private JsonNode sent() {
        turn();
        assertEquals("/v1/responses", upstream.lastRequest().path());
        return upstream.lastRequest().json();
    }

    @Test
    void the_upstream_gets_store_false() {
        assertFalse(sent().get("store").booleanValue());
    }

    @Test
    void the_upstream_gets_the_instructions_and_settings() {
        JsonNode body = sent();

        assertEquals("Be brief.", body.get("instructions").textValue());
        assertEquals("gpt-5-mini", body.get("model").textValue());
        assertEquals("low", body.at("/reasoning/effort").textValue());
        assertFalse(body.has("conversation"));
        assertFalse(body.has("previous_response_id"));
    }

    @Test
    void the_upstream_gets_the_whole_context_as_input_without_our_ids_or_statuses() {
        JsonNode input = sent().get("input");

        assertEquals(3, input.size());
        for (JsonNode item : input) {
            assertFalse(item.has("id"), "id sent: " + item);
            assertFalse(item.has("status"), "status sent: " + item);
        }
        assertEquals(json("{'type':'message','role':'user','content':[{'type':'input_text','text':'hello'}]}"),
                input.get(0));
        assertEquals(json("{'type':'message','role':'user','content':[{'type':'input_text','text':'are you there'}]}"),
                input.get(1));
        assertEquals(json("{'type':'message','role':'user','content':[{'type':'input_text','text':'how are you'}]}"),
                input.get(2));
    }

    @Test
    void the_sent_context_is_the_stored_items_less_id_and_status() {
        JsonNode input = sent().get("input");

        List<ItemRecord> stored = storedItems(key);
        for (int i = 0; i < 3; i++) {
            ObjectNode expected = (ObjectNode) Json.parse(stored.get(i).getBody());
            expected.remove("id");
            expected.remove("status");
            assertEquals(expected, input.get(i), "item " + i);
        }
    }

    @Test
    void output_items_get_our_ids_not_the_upstream_ones() {
        ObjectNode response = turn();

        ArrayNode output = (ArrayNode) response.get("output");
        assertEquals(2, output.size());
        assertTrue(output.get(0).get("id").textValue().matches("rs_[0-9a-f]{48}"), output.get(0).toString());
        assertTrue(output.get(1).get("id").textValue().matches("msg_[0-9a-f]{48}"), output.get(1).toString());
        assertNotEquals("msg_upstream", output.get(1).get("id").textValue());
        assertEquals("Fine, thanks.", output.at("/1/content/0/text").textValue());
    }

    @Test
    void output_items_are_stored_in_the_conversation_under_our_ids() {
        ObjectNode response = turn();

        List<ItemRecord> after = storedItems(key);
        assertEquals(before.size() + 3, after.size());
        assertEquals(ids(response.get("output")), ids(after.subList(before.size() + 1, after.size())));
        assertEquals(response.get("output").get(1), Json.parse(after.getLast().getBody()));
        assertEquals("gAAAA", Json.parse(after.get(before.size() + 1).getBody()).get("encrypted_content").textValue());
    }

    @Test
    void a_second_turn_replays_the_first_turns_output_to_the_upstream() {
        turn();
        turn();

        JsonNode input = upstream.lastRequest().json().get("input");
        assertEquals(6, input.size());
        assertEquals("reasoning", input.get(3).get("type").textValue());
        assertEquals("gAAAA", input.get(3).get("encrypted_content").textValue());
        assertEquals("Fine, thanks.", input.at("/4/content/0/text").textValue());
        assertFalse(input.get(4).has("id"));
    }

    @Test
    void include_of_output_text_logprobs_reaches_the_upstream_beside_encrypted_reasoning() {
        turnWithLogprobs();

        JsonNode body = upstream.lastRequest().json();
        assertEquals(json("['message.output_text.logprobs','reasoning.encrypted_content']"), body.get("include"));
        assertEquals(1, body.get("top_logprobs").intValue());
    }

    @Test
    void upstream_logprobs_are_kept_in_the_response() {
        ObjectNode response = turnWithLogprobs();

        assertEquals(Json.parse(LOGPROBS), response.at("/output/1/content/0/logprobs"));
    }

    @Test
    void upstream_logprobs_stay_with_the_stored_response_not_the_conversations_item() {
        ObjectNode response = turnWithLogprobs();

        assertEquals(Json.parse(LOGPROBS),
                storedResponse(response.get("id").textValue()).at("/output/1/content/0/logprobs"));
        assertEquals(Json.array(), Json.parse(storedItems(key).getLast().getBody()).at("/content/0/logprobs"));
    }

    @Test
    void a_later_turn_sends_the_earlier_answer_without_its_logprobs() {
        turnWithLogprobs();
        turn();

        JsonNode answer = upstream.lastRequest().json().get("input").get(4);
        assertEquals("Fine, thanks.", answer.at("/content/0/text").textValue());
        assertEquals(Json.array(), answer.at("/content/0/logprobs"));
    }
}
