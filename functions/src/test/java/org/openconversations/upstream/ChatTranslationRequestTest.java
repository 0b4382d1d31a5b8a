package org.openconversations.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.upstream.TestJson.assertJson;
import static org.openconversations.upstream.TestJson.items;
import static org.openconversations.upstream.TestJson.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatTranslationRequestTest {
    private static final String USER_HI = "{'type':'message','id':'msg_1','status':'completed','role':'user',"
            + "'content':[{'type':'input_text','text':'Hi'}]}";

    private static ObjectNode body(String instructions, List<ObjectNode> context, String settings) {
        return ChatTranslation.requestBody(
                new ModelRequest("gpt-4o-mini", instructions, context, object(settings)),
                ChatCompletionsModel.MAX_TOKENS);
    }

    private static ObjectNode messagesOf(String... items) {
        return body(null, items(items), "{}");
    }

    private static ObjectNode withSettings(String settings) {
        return body(null, items(USER_HI), settings);
    }

    private static UpstreamException rejected(String settings, String... items) {
        return assertThrows(UpstreamException.class, () -> body(null, items(items), settings));
    }

    // --- messages ----------------------------------------------------------------------------------------

    @Test
    void model_string_passes_through_untouched() {
        ObjectNode body = ChatTranslation.requestBody(
                new ModelRequest("gpt://b1g2folder/yandexgpt/rc", null, items(USER_HI), object("{}")),
                ChatCompletionsModel.MAX_TOKENS);

        assertEquals("gpt://b1g2folder/yandexgpt/rc", body.get("model").textValue());
    }

    @Test
    void instructions_become_the_first_message_with_role_system() {
        ObjectNode body = body("Be brief.", items(USER_HI), "{}");

        assertJson("[{'role':'system','content':'Be brief.'},{'role':'user','content':'Hi'}]", body.get("messages"));
    }

    @Test
    void without_instructions_no_system_message_is_added() {
        assertJson("[{'role':'user','content':'Hi'}]", messagesOf(USER_HI).get("messages"));
    }

    @Test
    void one_text_part_is_sent_as_a_plain_string() {
        ObjectNode body = messagesOf(USER_HI);

        assertTrue(body.at("/messages/0/content").isTextual());
        assertEquals("Hi", body.at("/messages/0/content").textValue());
    }

    @Test
    void several_text_parts_are_joined_with_a_newline() {
        ObjectNode body = messagesOf("{'type':'message','role':'user','content':["
                + "{'type':'input_text','text':'first'},{'type':'input_text','text':'second'}]}");

        assertEquals("first\nsecond", body.at("/messages/0/content").textValue());
    }

    @Test
    void developer_message_is_sent_with_role_system() {
        ObjectNode body = messagesOf(
                "{'type':'message','role':'developer','content':[{'type':'input_text','text':'Rules'}]}");

        assertJson("[{'role':'system','content':'Rules'}]", body.get("messages"));
    }

    @Test
    void system_message_keeps_role_system() {
        ObjectNode body = messagesOf(
                "{'type':'message','role':'system','content':[{'type':'input_text','text':'Rules'}]}");

        assertJson("[{'role':'system','content':'Rules'}]", body.get("messages"));
    }

    @Test
    void assistant_output_text_is_sent_as_plain_assistant_content() {
        ObjectNode body = messagesOf("{'type':'message','id':'msg_2','status':'completed','role':'assistant',"
                + "'content':[{'type':'output_text','text':'Hello','annotations':[],'logprobs':[]}]}");

        assertJson("[{'role':'assistant','content':'Hello'}]", body.get("messages"));
    }

    @Test
    void assistant_refusal_goes_to_the_refusal_field_with_null_content() {
        ObjectNode body = messagesOf("{'type':'message','role':'assistant',"
                + "'content':[{'type':'refusal','refusal':'I cannot help with that.'}]}");

        assertJson("[{'role':'assistant','content':null,'refusal':'I cannot help with that.'}]",
                body.get("messages"));
    }

    @Test
    void text_and_image_become_an_array_of_chat_parts_keeping_the_detail() {
        ObjectNode body = messagesOf("{'type':'message','role':'user','content':["
                + "{'type':'input_text','text':'What is this?'},"
                + "{'type':'input_image','image_url':'https://example.com/cat.png','detail':'low'}]}");

        assertJson("[{'role':'user','content':[{'type':'text','text':'What is this?'},"
                + "{'type':'image_url','image_url':{'url':'https://example.com/cat.png','detail':'low'}}]}]",
                body.get("messages"));
    }

    @Test
    void image_given_only_by_file_id_is_rejected_with_status_400() {
        UpstreamException e = rejected("{}", "{'type':'message','role':'user','content':["
                + "{'type':'input_image','file_id':'file-abc','detail':'auto'}]}");

        assertEquals(UpstreamException.Kind.REJECTED, e.kind());
        assertEquals(400, e.upstreamStatus());
        assertTrue(e.getMessage().contains("file_id"), e.getMessage());
    }

    @Test
    void file_part_becomes_a_chat_file_part() {
        ObjectNode body = messagesOf("{'type':'message','role':'user','content':["
                + "{'type':'input_file','filename':'a.pdf','file_data':'data:application/pdf;base64,QUJD'}]}");

        assertJson("[{'role':'user','content':[{'type':'file',"
                + "'file':{'file_data':'data:application/pdf;base64,QUJD','filename':'a.pdf'}}]}]",
                body.get("messages"));
    }

    @Test
    void file_given_by_file_id_keeps_the_file_id() {
        ObjectNode body = messagesOf(
                "{'type':'message','role':'user','content':[{'type':'input_file','file_id':'file-123'}]}");

        assertJson("[{'role':'user','content':[{'type':'file','file':{'file_id':'file-123'}}]}]",
                body.get("messages"));
    }

    @Test
    void file_given_only_by_file_url_is_rejected_with_status_400() {
        UpstreamException e = rejected("{}", "{'type':'message','role':'user','content':["
                + "{'type':'input_file','file_url':'https://example.com/a.pdf'}]}");

        assertEquals(UpstreamException.Kind.REJECTED, e.kind());
        assertEquals(400, e.upstreamStatus());
    }

    // --- function calls ----------------------------------------------------------------------------------

    @Test
    void function_call_becomes_an_assistant_message_with_one_tool_call() {
        ObjectNode body = messagesOf(USER_HI, "{'type':'function_call','id':'fc_1','status':'completed',"
                + "'call_id':'call_a','name':'get_weather','arguments':'{\\'city\\':\\'Paris\\'}'}");

        assertJson("[{'role':'user','content':'Hi'},{'role':'assistant','content':null,'tool_calls':["
                + "{'id':'call_a','type':'function','function':{'name':'get_weather',"
                + "'arguments':'{\\'city\\':\\'Paris\\'}'}}]}]", body.get("messages"));
    }

    @Test
    void consecutive_function_calls_merge_into_one_assistant_message() {
        ObjectNode body = messagesOf(USER_HI,
                "{'type':'function_call','call_id':'call_a','name':'f','arguments':'{}'}",
                "{'type':'function_call','call_id':'call_b','name':'g','arguments':'{}'}");

        assertEquals(2, body.get("messages").size());
        assertJson("[{'id':'call_a','type':'function','function':{'name':'f','arguments':'{}'}},"
                + "{'id':'call_b','type':'function','function':{'name':'g','arguments':'{}'}}]",
                body.at("/messages/1/tool_calls"));
    }

    @Test
    void function_calls_right_after_assistant_text_join_that_message() {
        ObjectNode body = messagesOf(USER_HI,
                "{'type':'message','role':'assistant','content':[{'type':'output_text','text':'Let me check.',"
                        + "'annotations':[],'logprobs':[]}]}",
                "{'type':'function_call','call_id':'call_a','name':'f','arguments':'{}'}");

        assertJson("[{'role':'user','content':'Hi'},{'role':'assistant','content':'Let me check.','tool_calls':["
                + "{'id':'call_a','type':'function','function':{'name':'f','arguments':'{}'}}]}]",
                body.get("messages"));
    }

    @Test
    void reasoning_between_function_calls_does_not_split_them() {
        ObjectNode body = messagesOf(USER_HI,
                "{'type':'reasoning','id':'rs_1','summary':[],'encrypted_content':'xyz'}",
                "{'type':'function_call','call_id':'call_a','name':'f','arguments':'{}'}",
                "{'type':'reasoning','id':'rs_2','summary':[],'encrypted_content':'xyz'}",
                "{'type':'function_call','call_id':'call_b','name':'g','arguments':'{}'}");

        assertEquals(2, body.get("messages").size());
        assertEquals(2, body.at("/messages/1/tool_calls").size());
    }

    @Test
    void function_calls_separated_by_their_outputs_stay_separate_turns() {
        ObjectNode body = messagesOf(USER_HI,
                "{'type':'function_call','call_id':'call_a','name':'f','arguments':'{}'}",
                "{'type':'function_call_output','call_id':'call_a','output':'1'}",
                "{'type':'function_call','call_id':'call_b','name':'g','arguments':'{}'}",
                "{'type':'function_call_output','call_id':'call_b','output':'2'}");

        assertJson("[{'role':'user','content':'Hi'},"
                + "{'role':'assistant','content':null,'tool_calls':["
                + "{'id':'call_a','type':'function','function':{'name':'f','arguments':'{}'}}]},"
                + "{'role':'tool','tool_call_id':'call_a','content':'1'},"
                + "{'role':'assistant','content':null,'tool_calls':["
                + "{'id':'call_b','type':'function','function':{'name':'g','arguments':'{}'}}]},"
                + "{'role':'tool','tool_call_id':'call_b','content':'2'}]", body.get("messages"));
    }

    @Test
    void function_call_output_becomes_a_tool_message() {
        ObjectNode body = messagesOf("{'type':'function_call_output','id':'fco_1','status':'completed',"
                + "'call_id':'call_a','output':'22 degrees'}");

        assertJson("[{'role':'tool','tool_call_id':'call_a','content':'22 degrees'}]", body.get("messages"));
    }

    @Test
    void function_call_output_array_of_text_is_joined_with_a_newline() {
        ObjectNode body = messagesOf("{'type':'function_call_output','call_id':'call_a','output':["
                + "{'type':'input_text','text':'line 1'},{'type':'input_text','text':'line 2'}]}");

        assertEquals("line 1\nline 2", body.at("/messages/0/content").textValue());
    }

    @Test
    void function_call_output_with_an_image_is_rejected_with_status_400() {
        UpstreamException e = rejected("{}", "{'type':'function_call_output','call_id':'call_a','output':["
                + "{'type':'input_image','image_url':'https://example.com/chart.png','detail':'auto'}]}");

        assertEquals(UpstreamException.Kind.REJECTED, e.kind());
        assertEquals(400, e.upstreamStatus());
    }

    @Test
    void reasoning_and_compaction_items_are_not_sent() {
        ObjectNode body = messagesOf(
                "{'type':'compaction','id':'cmp_1','encrypted_content':'abc'}",
                "{'type':'reasoning','id':'rs_1','summary':[{'type':'summary_text','text':'thinking'}]}",
                USER_HI);

        assertJson("[{'role':'user','content':'Hi'}]", body.get("messages"));
    }

    @Test
    void hosted_tool_items_are_not_sent() {
        ObjectNode body = messagesOf(USER_HI, "{'type':'web_search_call','id':'ws_1','status':'completed',"
                + "'action':{'type':'search','query':'weather'}}");

        assertJson("[{'role':'user','content':'Hi'}]", body.get("messages"));
    }

    // --- settings ----------------------------------------------------------------------------------------

    @Test
    void function_tools_are_nested_under_function() {
        ObjectNode body = withSettings("{'tools':[{'type':'function','name':'get_weather','description':'Weather',"
                + "'parameters':{'type':'object','properties':{}},'strict':true}]}");

        assertJson("[{'type':'function','function':{'name':'get_weather','description':'Weather',"
                + "'parameters':{'type':'object','properties':{}},'strict':true}}]", body.get("tools"));
    }

    @Test
    void non_function_tool_is_rejected_with_status_400() {
        UpstreamException e = rejected("{'tools':[{'type':'web_search'}]}", USER_HI);

        assertEquals(UpstreamException.Kind.REJECTED, e.kind());
        assertEquals(400, e.upstreamStatus());
        assertEquals("only function tools are supported with UPSTREAM_API=chat", e.getMessage());
    }

    @Test
    void tool_choice_string_is_sent_as_is() {
        ObjectNode body = withSettings("{'tools':[{'type':'function','name':'f'}],'tool_choice':'required'}");

        assertEquals("required", body.get("tool_choice").textValue());
    }

    @Test
    void tool_choice_naming_a_function_is_nested_under_function() {
        ObjectNode body = withSettings(
                "{'tools':[{'type':'function','name':'f'}],'tool_choice':{'type':'function','name':'f'}}");

        assertJson("{'type':'function','function':{'name':'f'}}", body.get("tool_choice"));
    }

    @Test
    void tool_choice_allowed_tools_names_functions_the_chat_way() {
        ObjectNode body = withSettings("{'tools':[{'type':'function','name':'f'}],'tool_choice':"
                + "{'type':'allowed_tools','mode':'auto','tools':[{'type':'function','name':'f'}]}}");

        assertJson("{'type':'allowed_tools','allowed_tools':{'mode':'auto','tools':["
                + "{'type':'function','function':{'name':'f'}}]}}", body.get("tool_choice"));
    }

    @Test
    void parallel_tool_calls_is_sent_with_tools() {
        ObjectNode body = withSettings("{'tools':[{'type':'function','name':'f'}],'parallel_tool_calls':false}");

        assertFalse(body.get("parallel_tool_calls").booleanValue());
    }

    @Test
    void tool_settings_are_left_out_when_there_are_no_tools() {
        ObjectNode body = withSettings("{'tools':[],'tool_choice':'auto','parallel_tool_calls':true}");

        assertFalse(body.has("tools"));
        assertFalse(body.has("tool_choice"));
        assertFalse(body.has("parallel_tool_calls"));
    }

    @Test
    void temperature_and_top_p_pass_through() {
        ObjectNode body = withSettings("{'temperature':0.2,'top_p':0.9}");

        assertEquals("0.2", body.get("temperature").asText());
        assertEquals("0.9", body.get("top_p").asText());
    }

    @Test
    void max_output_tokens_is_sent_as_max_tokens_by_default() {
        ObjectNode body = withSettings("{'max_output_tokens':256}");

        assertEquals(256, body.get("max_tokens").intValue());
        assertFalse(body.has("max_output_tokens"));
    }

    @Test
    void max_output_tokens_is_sent_as_max_completion_tokens_when_configured() {
        ObjectNode body = ChatTranslation.requestBody(
                new ModelRequest("o4-mini", null, items(USER_HI), object("{'max_output_tokens':256}")),
                ChatCompletionsModel.MAX_COMPLETION_TOKENS);

        assertEquals(256, body.get("max_completion_tokens").intValue());
        assertFalse(body.has("max_tokens"));
    }

    @Test
    void json_schema_format_becomes_a_json_schema_response_format() {
        ObjectNode body = withSettings("{'text':{'format':{'type':'json_schema','name':'answer',"
                + "'description':'An answer','schema':{'type':'object'},'strict':true}}}");

        assertJson("{'type':'json_schema','json_schema':{'name':'answer','schema':{'type':'object'},"
                + "'strict':true,'description':'An answer'}}", body.get("response_format"));
    }

    @Test
    void json_object_format_becomes_a_json_object_response_format() {
        ObjectNode body = withSettings("{'text':{'format':{'type':'json_object'}}}");

        assertJson("{'type':'json_object'}", body.get("response_format"));
    }

    @Test
    void text_format_sends_no_response_format() {
        ObjectNode body = withSettings("{'text':{'format':{'type':'text'}}}");

        assertFalse(body.has("response_format"));
    }

    @Test
    void text_verbosity_becomes_verbosity() {
        ObjectNode body = withSettings("{'text':{'verbosity':'low'}}");

        assertEquals("low", body.get("verbosity").textValue());
    }

    @Test
    void reasoning_effort_becomes_reasoning_effort() {
        ObjectNode body = withSettings("{'reasoning':{'effort':'high','summary':'auto'}}");

        assertEquals("high", body.get("reasoning_effort").textValue());
        assertFalse(body.has("reasoning"));
    }

    @Test
    void user_safety_identifier_prompt_cache_key_and_service_tier_pass_through() {
        ObjectNode body = withSettings("{'user':'u1','safety_identifier':'s1','prompt_cache_key':'k1',"
                + "'service_tier':'flex'}");

        assertEquals("u1", body.get("user").textValue());
        assertEquals("s1", body.get("safety_identifier").textValue());
        assertEquals("k1", body.get("prompt_cache_key").textValue());
        assertEquals("flex", body.get("service_tier").textValue());
    }

    @Test
    void include_of_output_text_logprobs_with_top_logprobs_asks_for_both() {
        ObjectNode body = withSettings("{'top_logprobs':3,'include':['message.output_text.logprobs']}");

        assertTrue(body.get("logprobs").booleanValue());
        assertEquals(3, body.get("top_logprobs").intValue());
    }

    @Test
    void include_of_output_text_logprobs_alone_asks_for_logprobs_without_alternatives() {
        ObjectNode body = withSettings("{'include':['message.output_text.logprobs']}");

        assertTrue(body.get("logprobs").booleanValue());
        assertFalse(body.has("top_logprobs"));
    }

    @Test
    void include_of_output_text_logprobs_with_zero_top_logprobs_sends_no_top_logprobs() {
        ObjectNode body = withSettings("{'top_logprobs':0,'include':['message.output_text.logprobs']}");

        assertTrue(body.get("logprobs").booleanValue());
        assertFalse(body.has("top_logprobs"));
    }

    @Test
    void top_logprobs_without_the_include_sends_no_logprobs() {
        ObjectNode body = withSettings("{'top_logprobs':3}");

        assertFalse(body.has("logprobs"));
        assertFalse(body.has("top_logprobs"));
    }

    @Test
    void include_without_output_text_logprobs_sends_no_logprobs() {
        ObjectNode body = withSettings("{'top_logprobs':3,'include':['reasoning.encrypted_content']}");

        assertFalse(body.has("logprobs"));
        assertFalse(body.has("top_logprobs"));
    }

    @Test
    void include_itself_is_not_sent() {
        ObjectNode body = withSettings("{'include':['message.output_text.logprobs']}");

        assertFalse(body.has("include"));
    }

    @Test
    void null_settings_are_not_sent() {
        ObjectNode body = withSettings("{'temperature':null,'max_output_tokens':null,'user':null}");

        assertEquals(List.of("model", "messages"), body.properties().stream().map(Map.Entry::getKey).toList());
    }
}
