package org.openconversations.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.upstream.TestJson.items;
import static org.openconversations.upstream.TestJson.object;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponsesApiModelTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String REPLY = ("{'id':'resp_upstream','object':'response','status':'completed','output':["
            + "{'type':'reasoning','id':'rs_upstream','summary':[],'encrypted_content':'gAAAA'},"
            + "{'type':'message','id':'msg_upstream','status':'completed','role':'assistant','content':["
            + "{'type':'output_text','text':'Hello!','annotations':[],'logprobs':[]}]}],"
            + "'usage':{'input_tokens':9,'input_tokens_details':{'cached_tokens':0},'output_tokens':2,"
            + "'output_tokens_details':{'reasoning_tokens':0},'total_tokens':11}}").replace('\'', '"');

    private final UpstreamStandIn upstream = UpstreamStandIn.start();

    @AfterEach
    void stop() {
        upstream.close();
    }

    private ResponsesApiModel model() {
        return new ResponsesApiModel(
                new UpstreamHttp(upstream.baseUrl(), new EnvApiKeySource("OPENAI_API_KEY", "sk-test-456")));
    }

    private static ModelRequest request() {
        return new ModelRequest("gpt-5-mini", "Be brief.", items(
                "{'type':'message','id':'msg_1','status':'completed','role':'user',"
                        + "'content':[{'type':'input_text','text':'Hi'}]}"),
                object("{'reasoning':{'effort':'low'}}"));
    }

    private JsonNode sentBody() {
        model().generate(request(), TIMEOUT);
        return upstream.onlyRequest().json();
    }

    @Test
    void posts_to_responses_under_the_base_path_with_the_bearer_key() {
        upstream.reply(200, REPLY);

        model().generate(request(), TIMEOUT);

        assertEquals("/v1/responses", upstream.onlyRequest().path());
        assertEquals("Bearer sk-test-456", upstream.onlyRequest().header("authorization"));
    }

    @Test
    void sends_store_false() {
        upstream.reply(200, REPLY);

        assertFalse(sentBody().get("store").booleanValue());
    }

    @Test
    void sends_input_items_without_our_ids_and_statuses() {
        upstream.reply(200, REPLY);

        JsonNode input = sentBody().get("input");

        assertEquals(TestJson.json("[{'type':'message','role':'user','content':[{'type':'input_text','text':'Hi'}]}]"),
                input);
    }

    @Test
    void sends_instructions_settings_and_the_include() {
        upstream.reply(200, REPLY);

        JsonNode body = sentBody();

        assertEquals("Be brief.", body.get("instructions").textValue());
        assertEquals("low", body.at("/reasoning/effort").textValue());
        assertEquals(TestJson.json("['reasoning.encrypted_content']"), body.get("include"));
    }

    @Test
    void output_comes_back_with_our_ids() {
        upstream.reply(200, REPLY);

        ModelResult result = model().generate(request(), TIMEOUT);

        assertTrue(result.output().get(0).get("id").textValue().startsWith("rs_"));
        assertNotEquals("rs_upstream", result.output().get(0).get("id").textValue());
        assertTrue(result.output().get(1).get("id").textValue().startsWith("msg_"));
        assertNotEquals("msg_upstream", result.output().get(1).get("id").textValue());
        assertEquals("gAAAA", result.output().get(0).get("encrypted_content").textValue());
    }

    @Test
    void usage_comes_back_complete() {
        upstream.reply(200, REPLY);

        ModelResult result = model().generate(request(), TIMEOUT);

        assertEquals(11, result.usage().get("total_tokens").asLong());
        assertEquals(0, result.usage().at("/input_tokens_details/cache_write_tokens").asLong());
    }

    @Test
    void failed_response_is_unavailable_with_its_message() {
        upstream.reply(200, "{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"Boom.\"},"
                + "\"output\":[]}");

        UpstreamException e = assertThrows(UpstreamException.class, () -> model().generate(request(), TIMEOUT));

        assertEquals(UpstreamException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("Boom."), e.getMessage());
    }
}
