package org.openconversations.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.upstream.TestJson.assertJson;
import static org.openconversations.upstream.TestJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatTranslationResultTest {
    private static final String HEX48 = "[0-9a-f]{48}";
    private static final String USAGE = "'usage':{'prompt_tokens':20,'completion_tokens':10,'total_tokens':30}";

    private static ModelResult result(String message, String finishReason, String usage) {
        return ChatTranslation.result(json("{'id':'chatcmpl-upstream','object':'chat.completion','choices':[{"
                + "'index':0,'message':" + message + ",'finish_reason':'" + finishReason + "'}]"
                + (usage == null ? "" : "," + usage) + "}"), false);
    }

    private static ModelResult result(String message) {
        return result(message, "stop", USAGE);
    }

    /** A completion of text with the choice's {@code logprobs} as given, translated for a request that asked. */
    private static ModelResult withLogprobs(String message, String logprobs, boolean asked) {
        return ChatTranslation.result(json("{'object':'chat.completion','choices':[{'index':0,'message':" + message
                + ",'logprobs':" + logprobs + ",'finish_reason':'stop'}]," + USAGE + "}"), asked);
    }

    private static JsonNode firstPart(ModelResult result) {
        return result.output().getFirst().get("content").get(0);
    }

    private static List<String> types(ModelResult result) {
        return result.output().stream().map(item -> item.get("type").textValue()).toList();
    }

    @Test
    void text_reply_becomes_one_completed_assistant_message_with_our_id() {
        ModelResult result = result("{'role':'assistant','content':'Hello!'}");

        assertEquals(1, result.output().size());
        ObjectNode message = result.output().getFirst();
        assertTrue(message.get("id").textValue().matches("msg_" + HEX48), message.get("id").textValue());
        message.remove("id");
        assertJson("{'type':'message','status':'completed','role':'assistant','content':["
                + "{'type':'output_text','text':'Hello!','annotations':[],'logprobs':[]}]}", message);
    }

    @Test
    void text_reply_is_completed_without_incomplete_reason() {
        ModelResult result = result("{'role':'assistant','content':'Hello!'}");

        assertEquals("completed", result.status());
        assertNull(result.incompleteReason());
    }

    @Test
    void refusal_becomes_a_message_with_one_refusal_part() {
        ModelResult result = result("{'role':'assistant','content':null,'refusal':'I cannot help with that.'}");

        assertJson("[{'type':'refusal','refusal':'I cannot help with that.'}]",
                result.output().getFirst().get("content"));
    }

    @Test
    void tool_calls_become_function_call_items_keeping_the_call_ids() {
        ModelResult result = result("{'role':'assistant','content':null,'tool_calls':["
                + "{'id':'call_a','type':'function','function':{'name':'f','arguments':'{\\'x\\':1}'}},"
                + "{'id':'call_b','type':'function','function':{'name':'g','arguments':'{}'}}]}",
                "tool_calls", USAGE);

        assertEquals(List.of("function_call", "function_call"), types(result));
        ObjectNode first = result.output().getFirst();
        assertTrue(first.get("id").textValue().matches("fc_" + HEX48), first.get("id").textValue());
        first.remove("id");
        assertJson("{'type':'function_call','status':'completed','call_id':'call_a','name':'f',"
                + "'arguments':'{\\'x\\':1}'}", first);
        assertEquals("call_b", result.output().get(1).get("call_id").textValue());
    }

    @Test
    void tool_calls_finish_reason_is_completed() {
        ModelResult result = result("{'role':'assistant','tool_calls':["
                + "{'id':'call_a','type':'function','function':{'name':'f','arguments':'{}'}}]}", "tool_calls", USAGE);

        assertEquals("completed", result.status());
    }

    @Test
    void text_with_tool_calls_gives_the_message_before_the_calls() {
        ModelResult result = result("{'role':'assistant','content':'Let me check.','tool_calls':["
                + "{'id':'call_a','type':'function','function':{'name':'f','arguments':'{}'}}]}");

        assertEquals(List.of("message", "function_call"), types(result));
    }

    @Test
    void empty_content_beside_tool_calls_gives_no_message() {
        ModelResult result = result("{'role':'assistant','content':'','tool_calls':["
                + "{'id':'call_a','type':'function','function':{'name':'f','arguments':'{}'}}]}");

        assertEquals(List.of("function_call"), types(result));
    }

    @Test
    void tool_call_without_an_id_gets_a_call_id_of_ours() {
        ModelResult result = result("{'role':'assistant','tool_calls':["
                + "{'type':'function','function':{'name':'f','arguments':'{}'}}]}");

        assertTrue(result.output().getFirst().get("call_id").textValue().matches("call_" + HEX48));
    }

    @Test
    void arguments_given_as_an_object_are_written_as_a_json_string() {
        ModelResult result = result("{'role':'assistant','tool_calls':["
                + "{'id':'call_a','type':'function','function':{'name':'f','arguments':{'city':'Paris'}}}]}");

        assertEquals("{\"city\":\"Paris\"}", result.output().getFirst().get("arguments").textValue());
    }

    @Test
    void reasoning_content_becomes_a_reasoning_item_before_the_message() {
        ModelResult result = result("{'role':'assistant','reasoning_content':'Think first.','content':'42'}");

        assertEquals(List.of("reasoning", "message"), types(result));
        ObjectNode reasoning = result.output().getFirst();
        assertTrue(reasoning.get("id").textValue().matches("rs_" + HEX48), reasoning.get("id").textValue());
        reasoning.remove("id");
        assertJson("{'type':'reasoning','summary':[],'content':[{'type':'reasoning_text','text':'Think first.'}]}",
                reasoning);
    }

    @Test
    void reasoning_field_of_newer_vllm_also_becomes_a_reasoning_item() {
        ModelResult result = result("{'role':'assistant','reasoning':'Think first.','content':'42'}");

        assertEquals(List.of("reasoning", "message"), types(result));
        assertEquals("Think first.", result.output().getFirst().at("/content/0/text").textValue());
    }

    @Test
    void no_reasoning_item_without_reasoning_text() {
        ModelResult result = result("{'role':'assistant','reasoning_content':null,'content':'42'}");

        assertEquals(List.of("message"), types(result));
    }

    @Test
    void length_finish_is_incomplete_for_max_output_tokens() {
        ModelResult result = result("{'role':'assistant','content':'Once upon a'}", "length", USAGE);

        assertEquals("incomplete", result.status());
        assertEquals("max_output_tokens", result.incompleteReason());
        assertEquals("incomplete", result.output().getFirst().get("status").textValue());
    }

    @Test
    void content_filter_finish_is_incomplete_for_content_filter() {
        ModelResult result = result("{'role':'assistant','content':'Partial'}", "content_filter", USAGE);

        assertEquals("incomplete", result.status());
        assertEquals("content_filter", result.incompleteReason());
    }

    @Test
    void usage_is_translated_with_its_details() {
        ModelResult result = result("{'role':'assistant','content':'Hi'}", "stop",
                "'usage':{'prompt_tokens':100,'completion_tokens':50,'total_tokens':150,"
                        + "'prompt_tokens_details':{'cached_tokens':64},"
                        + "'completion_tokens_details':{'reasoning_tokens':32}}");

        assertJson("{'input_tokens':100,'input_tokens_details':{'cached_tokens':64,'cache_write_tokens':0},"
                + "'output_tokens':50,'output_tokens_details':{'reasoning_tokens':32},'total_tokens':150}",
                result.usage());
    }

    @Test
    void usage_without_details_has_zero_details() {
        ModelResult result = result("{'role':'assistant','content':'Hi'}");

        assertJson("{'input_tokens':20,'input_tokens_details':{'cached_tokens':0,'cache_write_tokens':0},"
                + "'output_tokens':10,'output_tokens_details':{'reasoning_tokens':0},'total_tokens':30}",
                result.usage());
    }

    @Test
    void missing_usage_is_all_zeros() {
        ModelResult result = result("{'role':'assistant','content':'Hi'}", "stop", null);

        assertJson("{'input_tokens':0,'input_tokens_details':{'cached_tokens':0,'cache_write_tokens':0},"
                + "'output_tokens':0,'output_tokens_details':{'reasoning_tokens':0},'total_tokens':0}",
                result.usage());
    }

    @Test
    void missing_total_tokens_is_the_sum() {
        ModelResult result = result("{'role':'assistant','content':'Hi'}", "stop",
                "'usage':{'prompt_tokens':7,'completion_tokens':5}");

        assertEquals(12, result.usage().get("total_tokens").asLong());
    }

    @Test
    void two_results_never_share_an_item_id() {
        String id1 = result("{'role':'assistant','content':'Hi'}").output().getFirst().get("id").textValue();
        String id2 = result("{'role':'assistant','content':'Hi'}").output().getFirst().get("id").textValue();

        assertNotEquals(id1, id2);
    }

    @Test
    void reply_without_choices_is_unavailable() {
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> ChatTranslation.result(json("{'object':'chat.completion','choices':[]}"), false));

        assertEquals(UpstreamException.Kind.UNAVAILABLE, e.kind());
    }

    // --- logprobs ----------------------------------------------------------------------------------------

    private static final String HI = "{'role':'assistant','content':'Hi!'}";

    @Test
    void chat_logprobs_become_the_output_text_logprobs_when_asked() {
        ModelResult result = withLogprobs(HI, "{'content':["
                + "{'token':'Hi','logprob':-0.25,'bytes':[72,105],'top_logprobs':["
                + "{'token':'Hi','logprob':-0.25,'bytes':[72,105]},{'token':'Hey','logprob':-1.5,'bytes':[72,101,121]}]},"
                + "{'token':'!','logprob':-0.01,'bytes':[33],'top_logprobs':[{'token':'!','logprob':-0.01,'bytes':[33]}]}"
                + "],'refusal':null}", true);

        assertJson("[{'token':'Hi','logprob':-0.25,'bytes':[72,105],'top_logprobs':["
                + "{'token':'Hi','logprob':-0.25,'bytes':[72,105]},{'token':'Hey','logprob':-1.5,'bytes':[72,101,121]}]},"
                + "{'token':'!','logprob':-0.01,'bytes':[33],'top_logprobs':[{'token':'!','logprob':-0.01,'bytes':[33]}]}]",
                firstPart(result).get("logprobs"));
    }

    @Test
    void chat_logprobs_are_left_out_when_not_asked() {
        ModelResult result = withLogprobs(HI,
                "{'content':[{'token':'Hi!','logprob':-0.2,'bytes':[72,105,33],'top_logprobs':[]}]}", false);

        assertJson("[]", firstPart(result).get("logprobs"));
    }

    @Test
    void null_chat_logprobs_are_an_empty_array() {
        ModelResult result = withLogprobs(HI, "null", true);

        assertJson("[]", firstPart(result).get("logprobs"));
    }

    @Test
    void null_logprobs_content_is_an_empty_array() {
        ModelResult result = withLogprobs(HI, "{'content':null,'refusal':null}", true);

        assertJson("[]", firstPart(result).get("logprobs"));
    }

    @Test
    void missing_bytes_become_the_utf8_bytes_of_the_token() {
        ModelResult result = withLogprobs("{'role':'assistant','content':'é'}",
                "{'content':[{'token':'é','logprob':-0.5,'bytes':null,'top_logprobs':[{'token':'é','logprob':-0.5}]}]}",
                true);

        assertJson("[{'token':'é','logprob':-0.5,'bytes':[195,169],'top_logprobs':["
                + "{'token':'é','logprob':-0.5,'bytes':[195,169]}]}]", firstPart(result).get("logprobs"));
    }

    @Test
    void missing_top_logprobs_become_an_empty_array() {
        ModelResult result = withLogprobs(HI, "{'content':[{'token':'Hi!','logprob':-0.2,'bytes':[72,105,33]}]}", true);

        assertJson("[{'token':'Hi!','logprob':-0.2,'bytes':[72,105,33],'top_logprobs':[]}]",
                firstPart(result).get("logprobs"));
    }

    @Test
    void logprob_entry_without_a_token_or_a_number_is_left_out() {
        ModelResult result = withLogprobs(HI, "{'content':[{'logprob':-0.1,'bytes':[]},"
                + "{'token':'Hi','logprob':null,'bytes':[72,105]},"
                + "{'token':'Hi!','logprob':-0.2,'bytes':[72,105,33],'top_logprobs':[]}]}", true);

        assertJson("[{'token':'Hi!','logprob':-0.2,'bytes':[72,105,33],'top_logprobs':[]}]",
                firstPart(result).get("logprobs"));
    }

    @Test
    void refusal_logprobs_are_dropped_since_a_refusal_part_has_no_logprobs() {
        ModelResult result = withLogprobs("{'role':'assistant','content':null,'refusal':'No.'}",
                "{'content':null,'refusal':[{'token':'No.','logprob':-0.1,'bytes':[78,111,46],'top_logprobs':[]}]}",
                true);

        assertJson("[{'type':'refusal','refusal':'No.'}]", result.output().getFirst().get("content"));
    }
}
