package org.openconversations.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.upstream.TestJson.assertJson;
import static org.openconversations.upstream.TestJson.items;
import static org.openconversations.upstream.TestJson.json;
import static org.openconversations.upstream.TestJson.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesTranslationTest {
    private static final String HEX48 = "[0-9a-f]{48}";
    private static final String USER_HI = "{'type':'message','id':'msg_1','status':'completed','role':'user',"
            + "'content':[{'type':'input_text','text':'Hi'}]}";

    private static ObjectNode body(String instructions, String settings, String... context) {
        return ResponsesTranslation.requestBody(
                new ModelRequest("gpt-5-mini", instructions, items(context), object(settings)));
    }

    private static ModelResult result(String response) {
        return ResponsesTranslation.result(json(response));
    }

    // --- request -----------------------------------------------------------------------------------------

    @Test
    void input_items_lose_our_id_and_status_and_keep_everything_else() {
        ObjectNode body = body(null, "{}", USER_HI,
                "{'type':'function_call','id':'fc_1','status':'completed','call_id':'call_a','name':'f',"
                        + "'arguments':'{}'}",
                "{'type':'function_call_output','id':'fco_1','status':'completed','call_id':'call_a','output':'1'}");

        assertJson("[{'type':'message','role':'user','content':[{'type':'input_text','text':'Hi'}]},"
                + "{'type':'function_call','call_id':'call_a','name':'f','arguments':'{}'},"
                + "{'type':'function_call_output','call_id':'call_a','output':'1'}]", body.get("input"));
    }

    @Test
    void stripping_ids_leaves_the_context_items_untouched() {
        List<ObjectNode> context = items(USER_HI);

        ResponsesTranslation.requestBody(new ModelRequest("m", null, context, object("{}")));

        assertEquals("msg_1", context.getFirst().get("id").textValue());
    }

    @Test
    void reasoning_with_encrypted_content_is_sent_without_its_id() {
        ObjectNode body = body(null, "{}",
                "{'type':'reasoning','id':'rs_1','summary':[],'encrypted_content':'gAAAA'}", USER_HI);

        assertJson("{'type':'reasoning','summary':[],'encrypted_content':'gAAAA'}", body.at("/input/0"));
    }

    @Test
    void reasoning_without_encrypted_content_is_left_out() {
        ObjectNode body = body(null, "{}",
                "{'type':'reasoning','id':'rs_1','summary':[],'content':[{'type':'reasoning_text','text':'t'}]}",
                USER_HI);

        assertEquals(1, body.get("input").size());
        assertEquals("message", body.at("/input/0/type").textValue());
    }

    @Test
    void request_is_stateless_and_asks_for_encrypted_reasoning() {
        ObjectNode body = body(null, "{}", USER_HI);

        assertFalse(body.get("store").booleanValue());
        assertJson("['reasoning.encrypted_content']", body.get("include"));
    }

    @Test
    void include_of_the_settings_is_kept_beside_encrypted_reasoning() {
        ObjectNode body = body(null, "{'include':['message.output_text.logprobs']}", USER_HI);

        assertJson("['message.output_text.logprobs','reasoning.encrypted_content']", body.get("include"));
    }

    @Test
    void context_output_text_logprobs_are_sent_empty() {
        ObjectNode body = body(null, "{}", USER_HI, "{'type':'message','id':'msg_2','status':'completed',"
                + "'role':'assistant','content':[{'type':'output_text','text':'Hi','annotations':[],"
                + "'logprobs':[{'token':'Hi','logprob':-0.1,'bytes':[72,105],'top_logprobs':[]}]}]}");

        assertJson("[{'type':'output_text','text':'Hi','annotations':[],'logprobs':[]}]",
                body.at("/input/1/content"));
    }

    @Test
    void top_logprobs_passes_through_beside_the_include() {
        ObjectNode body = body(null, "{'top_logprobs':2,'include':['message.output_text.logprobs']}", USER_HI);

        assertEquals(2, body.get("top_logprobs").intValue());
    }

    @Test
    void instructions_are_sent_as_instructions() {
        ObjectNode body = body("Be brief.", "{}", USER_HI);

        assertEquals("Be brief.", body.get("instructions").textValue());
        assertEquals(1, body.get("input").size());
    }

    @Test
    void no_instructions_field_without_instructions() {
        assertFalse(body(null, "{}", USER_HI).has("instructions"));
    }

    @Test
    void settings_pass_through_as_they_are() {
        String settings = "{'tools':[{'type':'web_search'},{'type':'function','name':'f','parameters':null,"
                + "'strict':true}],'tool_choice':{'type':'function','name':'f'},'temperature':0.5,"
                + "'max_output_tokens':512,'text':{'format':{'type':'json_object'}},'reasoning':{'effort':'low'},"
                + "'service_tier':'flex'}";

        ObjectNode body = body(null, settings, USER_HI);

        ObjectNode expected = object(settings);
        expected.properties().forEach(
                field -> assertEquals(field.getValue(), body.get(field.getKey()), field.getKey()));
    }

    @Test
    void model_string_passes_through_untouched() {
        ObjectNode body = ResponsesTranslation.requestBody(
                new ModelRequest("gpt://b1g2folder/yandexgpt/rc", null, items(USER_HI), object("{}")));

        assertEquals("gpt://b1g2folder/yandexgpt/rc", body.get("model").textValue());
    }

    @Test
    void state_fields_in_the_settings_do_not_override_ours() {
        ObjectNode body = body(null, "{'store':true,'stream':true,'background':true,'conversation':'conv_1',"
                + "'previous_response_id':'resp_1'}", USER_HI);

        assertFalse(body.get("store").booleanValue());
        assertFalse(body.has("stream"));
        assertFalse(body.has("background"));
        assertFalse(body.has("conversation"));
        assertFalse(body.has("previous_response_id"));
    }

    // --- result ------------------------------------------------------------------------------------------

    @Test
    void output_items_get_our_ids_with_the_prefix_of_their_type() {
        ModelResult result = result("{'status':'completed','output':["
                + "{'type':'reasoning','id':'rs_upstream','summary':[],'encrypted_content':'gAAAA'},"
                + "{'type':'web_search_call','id':'ws_upstream','status':'completed','action':{'type':'search'}},"
                + "{'type':'message','id':'msg_upstream','status':'completed','role':'assistant','content':[]},"
                + "{'type':'function_call','id':'fc_upstream','status':'completed','call_id':'call_a','name':'f',"
                + "'arguments':'{}'}]}");

        List<String> ids = result.output().stream().map(item -> item.get("id").textValue()).toList();
        assertTrue(ids.get(0).matches("rs_" + HEX48), ids.get(0));
        assertTrue(ids.get(1).matches("ws_" + HEX48), ids.get(1));
        assertTrue(ids.get(2).matches("msg_" + HEX48), ids.get(2));
        assertTrue(ids.get(3).matches("fc_" + HEX48), ids.get(3));
    }

    @Test
    void output_item_of_an_unknown_type_gets_an_item_id() {
        ModelResult result = result("{'status':'completed','output':[{'type':'brand_new_call','id':'bn_1'}]}");

        assertTrue(result.output().getFirst().get("id").textValue().matches("item_" + HEX48));
    }

    @Test
    void output_items_keep_every_other_field() {
        ModelResult result = result("{'status':'completed','output':[{'type':'function_call','id':'fc_upstream',"
                + "'status':'completed','call_id':'call_a','name':'f','arguments':'{}','namespace':'n'}]}");

        ObjectNode call = result.output().getFirst();
        call.remove("id");
        assertJson("{'type':'function_call','status':'completed','call_id':'call_a','name':'f','arguments':'{}',"
                + "'namespace':'n'}", call);
    }

    @Test
    void output_text_gets_empty_annotations_and_logprobs_when_missing() {
        ModelResult result = result("{'status':'completed','output':[{'type':'message','id':'msg_u',"
                + "'status':'completed','role':'assistant','content':[{'type':'output_text','text':'Hi'}]}]}");

        assertJson("[{'type':'output_text','text':'Hi','annotations':[],'logprobs':[]}]",
                result.output().getFirst().get("content"));
    }

    @Test
    void output_text_logprobs_of_the_upstream_are_kept() {
        String logprobs = "[{'token':'Hi','logprob':-0.1,'bytes':[72,105],"
                + "'top_logprobs':[{'token':'Hi','logprob':-0.1,'bytes':[72,105]}]}]";
        ModelResult result = result("{'status':'completed','output':[{'type':'message','id':'msg_u',"
                + "'status':'completed','role':'assistant','content':[{'type':'output_text','text':'Hi',"
                + "'annotations':[],'logprobs':" + logprobs + "}]}]}");

        assertJson(logprobs, result.output().getFirst().at("/content/0/logprobs"));
    }

    @Test
    void completed_response_is_completed() {
        ModelResult result = result("{'status':'completed','output':[]}");

        assertEquals("completed", result.status());
        assertNull(result.incompleteReason());
    }

    @Test
    void incomplete_response_carries_its_reason() {
        ModelResult result = result("{'status':'incomplete','incomplete_details':{'reason':'max_output_tokens'},"
                + "'output':[]}");

        assertEquals("incomplete", result.status());
        assertEquals("max_output_tokens", result.incompleteReason());
    }

    @Test
    void failed_response_is_unavailable_with_its_error_message() {
        UpstreamException e = assertThrows(UpstreamException.class, () -> result(
                "{'status':'failed','error':{'code':'server_error','message':'The model crashed.'},'output':[]}"));

        assertEquals(UpstreamException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("The model crashed."), e.getMessage());
    }

    @Test
    void in_progress_response_is_unavailable() {
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> result("{'status':'in_progress','output':[]}"));

        assertEquals(UpstreamException.Kind.UNAVAILABLE, e.kind());
    }

    @Test
    void usage_is_kept_as_given() {
        ModelResult result = result("{'status':'completed','output':[],'usage':{'input_tokens':68,"
                + "'input_tokens_details':{'cached_tokens':4,'cache_write_tokens':2},'output_tokens':156,"
                + "'output_tokens_details':{'reasoning_tokens':128},'total_tokens':224}}");

        assertJson("{'input_tokens':68,'input_tokens_details':{'cached_tokens':4,'cache_write_tokens':2},"
                + "'output_tokens':156,'output_tokens_details':{'reasoning_tokens':128},'total_tokens':224}",
                result.usage());
    }

    @Test
    void usage_without_details_gets_zero_details() {
        ModelResult result = result("{'status':'completed','output':[],'usage':{'input_tokens':5,"
                + "'output_tokens':3,'total_tokens':8,'input_tokens_details':null}}");

        assertJson("{'input_tokens':5,'input_tokens_details':{'cached_tokens':0,'cache_write_tokens':0},"
                + "'output_tokens':3,'output_tokens_details':{'reasoning_tokens':0},'total_tokens':8}",
                result.usage());
    }

    @Test
    void missing_usage_is_all_zeros() {
        ModelResult result = result("{'status':'completed','output':[]}");

        assertJson("{'input_tokens':0,'input_tokens_details':{'cached_tokens':0,'cache_write_tokens':0},"
                + "'output_tokens':0,'output_tokens_details':{'reasoning_tokens':0},'total_tokens':0}",
                result.usage());
    }
}
