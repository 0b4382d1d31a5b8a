package org.openconversations.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.json.Json;

class ItemNormalizerTest {
    private static final String HEX48 = "0123456789abcdef0123456789abcdef0123456789abcdef";
    // The types with required fields of their own, tested one by one; every other catalog type is stored opaque.
    private static final List<String> CHECKED_TYPES = List.of(
            "message", "function_call", "function_call_output", "custom_tool_call_output", "reasoning", "compaction");
    private static final String ITEM_REFERENCE_REFUSAL = "Invalid value: 'item_reference'. Items of this type are"
            + " not supported by this server: send the referenced item itself.";

    private static JsonNode json(String text) {
        return Json.parse(text);
    }

    private static NewItem normalize(String text) {
        return ItemNormalizer.normalize(json(text), "items[0]");
    }

    private static InvalidRequestException rejected(String text) {
        return rejected(text, "items[0]");
    }

    private static InvalidRequestException rejected(String text, String param) {
        return assertThrows(InvalidRequestException.class, () -> ItemNormalizer.normalize(json(text), param));
    }

    private static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }

    // --- EasyInputMessage -------------------------------------------------------------------------------

    @Test
    void easy_input_message_without_type_becomes_a_completed_message_with_a_server_msg_id() {
        NewItem item = normalize("{\"role\":\"user\",\"content\":\"Hello!\"}");

        assertTrue(item.id().matches("msg_[0-9a-f]{48}"), item.id());
        assertEquals("message", item.json().get("type").textValue());
        assertEquals(item.id(), item.json().get("id").textValue());
        assertEquals("completed", item.json().get("status").textValue());
        assertFalse(item.clientSuppliedId());
    }

    @Test
    void two_normalized_messages_get_different_ids() {
        String input = "{\"role\":\"user\",\"content\":\"Hello!\"}";
        assertFalse(normalize(input).id().equals(normalize(input).id()));
    }

    @Test
    void stored_item_starts_with_type_id_status_then_the_sent_fields_in_order() {
        NewItem item = normalize("{\"role\":\"user\",\"content\":\"Hi\",\"x_extra\":1}");

        assertEquals(List.of("type", "id", "status", "role", "content", "x_extra"), keys(item.json()));
    }

    @Test
    void client_type_id_and_status_are_not_duplicated_and_keep_the_fixed_order() {
        NewItem item = normalize("{\"status\":\"incomplete\",\"role\":\"user\",\"id\":\"msg_" + HEX48
                + "\",\"content\":\"Hi\",\"type\":\"message\"}");

        assertEquals(List.of("type", "id", "status", "role", "content"), keys(item.json()));
        assertEquals("incomplete", item.json().get("status").textValue());
    }

    @Test
    void user_string_content_becomes_one_input_text_part() {
        NewItem item = normalize("{\"role\":\"user\",\"content\":\"Hello!\"}");

        assertEquals(json("[{\"type\":\"input_text\",\"text\":\"Hello!\"}]"), item.json().get("content"));
    }

    @Test
    void system_and_developer_string_content_becomes_input_text() {
        for (String role : List.of("system", "developer")) {
            NewItem item = normalize("{\"role\":\"" + role + "\",\"content\":\"Be brief\"}");
            assertEquals(json("[{\"type\":\"input_text\",\"text\":\"Be brief\"}]"), item.json().get("content"),
                    role);
        }
    }

    @Test
    void assistant_string_content_becomes_output_text_with_empty_annotations_and_logprobs() {
        NewItem item = normalize("{\"role\":\"assistant\",\"content\":\"Hi there\"}");

        assertEquals(
                json("[{\"type\":\"output_text\",\"text\":\"Hi there\",\"annotations\":[],\"logprobs\":[]}]"),
                item.json().get("content"));
    }

    @Test
    void assistant_output_text_part_without_annotations_gets_empty_annotations_and_logprobs() {
        NewItem item = normalize(
                "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"ok\"}]}");

        JsonNode part = item.json().get("content").get(0);
        assertEquals(json("[]"), part.get("annotations"));
        assertEquals(json("[]"), part.get("logprobs"));
    }

    // --- output_text annotations and logprobs ------------------------------------------------------------

    private static String assistantPart(String fields) {
        return "{\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"t\"," + fields + "}]}";
    }

    @Test
    void output_text_annotations_that_is_a_string_is_invalid_type() {
        InvalidRequestException e = rejected(assistantPart("\"annotations\":\"no\""));

        assertEquals("Invalid type for 'items[0].content[0].annotations': expected an array, but got a string"
                + " instead.", e.getMessage());
        assertEquals("items[0].content[0].annotations", e.param());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void output_text_annotations_that_is_an_object_is_invalid_type() {
        InvalidRequestException e = rejected(assistantPart("\"annotations\":{}"));

        assertEquals("Invalid type for 'items[0].content[0].annotations': expected an array, but got an object"
                + " instead.", e.getMessage());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void output_text_logprobs_that_is_a_string_is_invalid_type() {
        InvalidRequestException e = rejected(assistantPart("\"annotations\":[],\"logprobs\":\"zz\""));

        assertEquals("Invalid type for 'items[0].content[0].logprobs': expected an array, but got a string"
                + " instead.", e.getMessage());
        assertEquals("items[0].content[0].logprobs", e.param());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void output_text_annotation_that_is_not_an_object_is_invalid_type_on_that_element() {
        InvalidRequestException e = rejected(
                assistantPart("\"annotations\":[{\"type\":\"file_path\",\"file_id\":\"f\",\"index\":0},\"x\"]"));

        assertEquals("Invalid type for 'items[0].content[0].annotations[1]': expected an object, but got a"
                + " string instead.", e.getMessage());
        assertEquals("items[0].content[0].annotations[1]", e.param());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void output_text_logprob_that_is_not_an_object_is_invalid_type_on_that_element() {
        InvalidRequestException e = rejected(assistantPart("\"logprobs\":[[]]"));

        assertEquals("items[0].content[0].logprobs[0]", e.param());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void output_text_null_annotations_and_logprobs_are_stored_as_empty_arrays() {
        NewItem item = normalize(assistantPart("\"annotations\":null,\"logprobs\":null"));

        assertEquals(json("{\"type\":\"output_text\",\"text\":\"t\",\"annotations\":[],\"logprobs\":[]}"),
                item.json().get("content").get(0));
    }

    @Test
    void output_text_logprobs_of_objects_are_kept_as_sent() {
        String logprobs = "[{\"token\":\"t\",\"logprob\":-0.5,\"bytes\":[116],\"top_logprobs\":[]}]";
        NewItem item = normalize(assistantPart("\"logprobs\":" + logprobs));

        assertEquals(json(logprobs), item.json().get("content").get(0).get("logprobs"));
    }

    @Test
    void assistant_refusal_part_is_accepted() {
        NewItem item = normalize(
                "{\"role\":\"assistant\",\"content\":[{\"type\":\"refusal\",\"refusal\":\"I can't\"}]}");

        assertEquals("I can't", item.json().get("content").get(0).get("refusal").textValue());
    }

    @Test
    void assistant_array_content_with_input_text_is_rejected_with_the_contract_message() {
        InvalidRequestException e = rejected(
                "{\"role\":\"assistant\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}", "items[1]");

        assertEquals(400, e.status());
        assertEquals("invalid_request_error", e.type());
        assertEquals("Invalid value: 'input_text'. Supported values are: 'output_text' and 'refusal'.",
                e.getMessage());
        assertEquals("items[1].content[0]", e.param());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void user_array_content_with_output_text_is_invalid_value() {
        InvalidRequestException e = rejected(
                "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"a\"},"
                        + "{\"type\":\"output_text\",\"text\":\"b\"}]}");

        assertEquals("Invalid value: 'output_text'. Supported values are: 'input_text', 'input_image', and"
                + " 'input_file'.", e.getMessage());
        assertEquals("items[0].content[1]", e.param());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void unknown_role_is_invalid_value_on_role() {
        InvalidRequestException e = rejected("{\"role\":\"robot\",\"content\":\"hi\"}");

        assertEquals("Invalid value: 'robot'. Supported values are: 'user', 'assistant', 'system', and"
                + " 'developer'.", e.getMessage());
        assertEquals("items[0].role", e.param());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void message_with_type_but_without_role_is_missing_role() {
        InvalidRequestException e = rejected("{\"type\":\"message\",\"content\":\"hi\"}");

        assertEquals("Missing required parameter: 'items[0].role'.", e.getMessage());
        assertEquals("items[0].role", e.param());
        assertEquals("missing_required_parameter", e.code());
    }

    @Test
    void message_without_content_is_missing_content() {
        InvalidRequestException e = rejected("{\"role\":\"user\"}");

        assertEquals("Missing required parameter: 'items[0].content'.", e.getMessage());
        assertEquals("items[0].content", e.param());
        assertEquals("missing_required_parameter", e.code());
    }

    @Test
    void message_with_null_content_is_missing_content() {
        InvalidRequestException e = rejected("{\"role\":\"user\",\"content\":null}");

        assertEquals("items[0].content", e.param());
        assertEquals("missing_required_parameter", e.code());
    }

    @Test
    void message_content_that_is_a_number_is_invalid_type() {
        InvalidRequestException e = rejected("{\"role\":\"user\",\"content\":5}");

        assertEquals("Invalid type for 'items[0].content': expected one of a string or array of objects, but got"
                + " an integer instead.", e.getMessage());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void item_without_type_and_without_role_is_missing_type() {
        InvalidRequestException e = rejected("{\"content\":\"hi\"}");

        assertEquals("items[0].type", e.param());
        assertEquals("missing_required_parameter", e.code());
    }

    @Test
    void content_part_that_is_not_an_object_is_invalid_type() {
        InvalidRequestException e = rejected("{\"role\":\"user\",\"content\":[\"hi\"]}");

        assertEquals("items[0].content[0]", e.param());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void input_text_part_without_text_is_missing_text() {
        InvalidRequestException e = rejected("{\"role\":\"user\",\"content\":[{\"type\":\"input_text\"}]}");

        assertEquals("items[0].content[0].text", e.param());
        assertEquals("missing_required_parameter", e.code());
    }

    // --- phase -------------------------------------------------------------------------------------------

    @Test
    void assistant_message_keeps_a_valid_phase() {
        NewItem item = normalize("{\"role\":\"assistant\",\"content\":\"done\",\"phase\":\"final_answer\"}");

        assertEquals("final_answer", item.json().get("phase").textValue());
    }

    @Test
    void phase_on_a_user_message_is_rejected() {
        InvalidRequestException e = rejected("{\"role\":\"user\",\"content\":\"hi\",\"phase\":\"commentary\"}");

        assertEquals("items[0].phase", e.param());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void unknown_phase_on_an_assistant_message_is_invalid_value() {
        InvalidRequestException e = rejected("{\"role\":\"assistant\",\"content\":\"x\",\"phase\":\"draft\"}");

        assertEquals("Invalid value: 'draft'. Supported values are: 'commentary' and 'final_answer'.",
                e.getMessage());
        assertEquals("items[0].phase", e.param());
    }

    // --- input_image ---------------------------------------------------------------------------------------

    @Test
    void input_image_without_detail_defaults_to_auto() {
        NewItem item = normalize("{\"role\":\"user\",\"content\":[{\"type\":\"input_image\","
                + "\"image_url\":\"https://example.com/a.png\"}]}");

        JsonNode part = item.json().get("content").get(0);
        assertEquals("auto", part.get("detail").textValue());
        assertEquals("https://example.com/a.png", part.get("image_url").textValue());
    }

    @Test
    void input_image_keeps_an_explicit_valid_detail() {
        NewItem item = normalize("{\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"detail\":\"low\","
                + "\"file_id\":\"file-1\"}]}");

        assertEquals("low", item.json().get("content").get(0).get("detail").textValue());
    }

    @Test
    void input_image_with_unknown_detail_is_invalid_value() {
        InvalidRequestException e = rejected("{\"role\":\"user\",\"content\":[{\"type\":\"input_image\","
                + "\"detail\":\"ultra\",\"image_url\":\"https://example.com/a.png\"}]}");

        assertEquals("Invalid value: 'ultra'. Supported values are: 'low', 'high', 'auto', and 'original'.",
                e.getMessage());
        assertEquals("items[0].content[0].detail", e.param());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void input_image_without_image_url_or_file_id_is_missing_image_url() {
        InvalidRequestException e = rejected("{\"role\":\"user\",\"content\":[{\"type\":\"input_image\"}]}");

        assertEquals("items[0].content[0].image_url", e.param());
        assertEquals("missing_required_parameter", e.code());
    }

    // --- function_call -------------------------------------------------------------------------------------

    @Test
    void function_call_gets_an_fc_id_and_completed_status() {
        NewItem item = normalize("{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"get_weather\","
                + "\"arguments\":\"{}\"}");

        assertTrue(item.id().matches("fc_[0-9a-f]{48}"), item.id());
        assertEquals("completed", item.json().get("status").textValue());
        assertEquals("{}", item.json().get("arguments").textValue());
    }

    @Test
    void function_call_without_call_id_is_missing_call_id() {
        InvalidRequestException e = rejected("{\"type\":\"function_call\",\"name\":\"f\",\"arguments\":\"{}\"}");

        assertEquals("items[0].call_id", e.param());
        assertEquals("missing_required_parameter", e.code());
    }

    @Test
    void function_call_without_name_is_missing_name() {
        InvalidRequestException e = rejected("{\"type\":\"function_call\",\"call_id\":\"c\",\"arguments\":\"{}\"}");

        assertEquals("items[0].name", e.param());
        assertEquals("missing_required_parameter", e.code());
    }

    @Test
    void function_call_without_arguments_is_missing_arguments() {
        InvalidRequestException e = rejected("{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\"}");

        assertEquals("items[0].arguments", e.param());
        assertEquals("missing_required_parameter", e.code());
    }

    @Test
    void function_call_with_object_arguments_is_invalid_type() {
        InvalidRequestException e = rejected(
                "{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":{}}");

        assertEquals("Invalid type for 'items[0].arguments': expected a string, but got an object instead.",
                e.getMessage());
        assertEquals("invalid_type", e.code());
    }

    // --- function_call_output ------------------------------------------------------------------------------

    @Test
    void function_call_output_gets_an_fco_id() {
        NewItem item = normalize("{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"42\"}");

        assertTrue(item.id().matches("fco_[0-9a-f]{48}"), item.id());
        assertEquals("completed", item.json().get("status").textValue());
    }

    @Test
    void function_call_output_call_id_of_64_characters_is_accepted() {
        String callId = "c".repeat(64);
        NewItem item = normalize(
                "{\"type\":\"function_call_output\",\"call_id\":\"" + callId + "\",\"output\":\"ok\"}");

        assertEquals(callId, item.json().get("call_id").textValue());
    }

    @Test
    void function_call_output_call_id_over_64_characters_is_string_above_max_length() {
        InvalidRequestException e = rejected(
                "{\"type\":\"function_call_output\",\"call_id\":\"" + "c".repeat(116) + "\",\"output\":\"ok\"}",
                "items[95]");

        assertEquals("Invalid 'items[95].call_id': string too long. Expected a string with maximum length 64, but"
                + " got a string with length 116 instead.", e.getMessage());
        assertEquals("items[95].call_id", e.param());
        assertEquals("string_above_max_length", e.code());
    }

    @Test
    void function_call_output_empty_call_id_is_string_below_min_length() {
        InvalidRequestException e = rejected(
                "{\"type\":\"function_call_output\",\"call_id\":\"\",\"output\":\"ok\"}");

        assertEquals("items[0].call_id", e.param());
        assertEquals("string_below_min_length", e.code());
    }

    @Test
    void function_call_output_without_output_is_missing_output() {
        InvalidRequestException e = rejected("{\"type\":\"function_call_output\",\"call_id\":\"c\"}");

        assertEquals("items[0].output", e.param());
        assertEquals("missing_required_parameter", e.code());
    }

    @Test
    void function_call_output_parts_get_the_same_defaults_as_message_parts() {
        String output = "[{\"type\":\"input_text\",\"text\":\"sunny\"},"
                + "{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,AAAA\"}]";
        NewItem item = normalize("{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":" + output + "}");

        assertEquals(json("[{\"type\":\"input_text\",\"text\":\"sunny\"},"
                + "{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,AAAA\",\"detail\":\"auto\"}]"),
                item.json().get("output"));
    }

    @Test
    void function_call_output_array_with_output_text_is_invalid_value() {
        InvalidRequestException e = rejected("{\"type\":\"function_call_output\",\"call_id\":\"c\","
                + "\"output\":[{\"type\":\"output_text\",\"text\":\"x\"}]}");

        assertEquals("items[0].output[0]", e.param());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void function_call_output_that_is_a_number_is_invalid_type() {
        InvalidRequestException e = rejected(
                "{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":42}");

        assertEquals("items[0].output", e.param());
        assertEquals("invalid_type", e.code());
    }

    // --- custom_tool_call_output ---------------------------------------------------------------------------

    @Test
    void custom_tool_call_output_gets_a_ctco_id_and_completed_status() {
        NewItem item = normalize("{\"type\":\"custom_tool_call_output\",\"call_id\":\"call_1\",\"output\":\"42\"}");

        assertTrue(item.id().matches("ctco_[0-9a-f]{48}"), item.id());
        assertEquals("completed", item.json().get("status").textValue());
        assertEquals("42", item.json().get("output").textValue());
    }

    @Test
    void custom_tool_call_output_without_call_id_is_missing_call_id() {
        InvalidRequestException e = rejected("{\"type\":\"custom_tool_call_output\",\"output\":\"ok\"}");

        assertEquals("Missing required parameter: 'items[0].call_id'.", e.getMessage());
        assertEquals("missing_required_parameter", e.code());
    }

    @Test
    void custom_tool_call_output_call_id_over_64_characters_is_accepted() {
        String callId = "c".repeat(116);
        NewItem item = normalize(
                "{\"type\":\"custom_tool_call_output\",\"call_id\":\"" + callId + "\",\"output\":\"ok\"}");

        assertEquals(callId, item.json().get("call_id").textValue());
    }

    @Test
    void custom_tool_call_output_without_output_is_missing_output() {
        InvalidRequestException e = rejected("{\"type\":\"custom_tool_call_output\",\"call_id\":\"c\"}");

        assertEquals("items[0].output", e.param());
        assertEquals("missing_required_parameter", e.code());
    }

    @Test
    void custom_tool_call_output_that_is_a_number_is_invalid_type() {
        InvalidRequestException e = rejected(
                "{\"type\":\"custom_tool_call_output\",\"call_id\":\"c\",\"output\":5}");

        assertEquals("Invalid type for 'items[0].output': expected one of a string or array of objects, but got"
                + " an integer instead.", e.getMessage());
        assertEquals("items[0].output", e.param());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void custom_tool_call_output_parts_get_the_same_defaults_as_message_parts() {
        String output = "[{\"type\":\"input_text\",\"text\":\"sunny\"},"
                + "{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,AAAA\"}]";
        NewItem item = normalize("{\"type\":\"custom_tool_call_output\",\"call_id\":\"c\",\"output\":" + output + "}");

        assertEquals(json("[{\"type\":\"input_text\",\"text\":\"sunny\"},"
                + "{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,AAAA\",\"detail\":\"auto\"}]"),
                item.json().get("output"));
    }

    @Test
    void custom_tool_call_output_array_with_output_text_is_invalid_value() {
        InvalidRequestException e = rejected("{\"type\":\"custom_tool_call_output\",\"call_id\":\"c\","
                + "\"output\":[{\"type\":\"output_text\",\"text\":\"x\"}]}");

        assertEquals("items[0].output[0]", e.param());
        assertEquals("invalid_value", e.code());
    }

    // --- reasoning / compaction ----------------------------------------------------------------------------

    @Test
    void reasoning_without_id_and_without_encrypted_content_is_rejected() {
        InvalidRequestException e = rejected(
                "{\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"thought\"}]}");

        assertEquals(400, e.status());
        assertEquals("items[0]", e.param());
        assertEquals("missing_required_parameter", e.code());
    }

    @Test
    void reasoning_with_a_client_id_is_accepted_and_keeps_that_id() {
        String id = "rs_" + HEX48;
        NewItem item = normalize("{\"type\":\"reasoning\",\"id\":\"" + id + "\",\"summary\":[]}");

        assertEquals(id, item.id());
        assertEquals(id, item.json().get("id").textValue());
        assertTrue(item.clientSuppliedId());
    }

    @Test
    void reasoning_with_encrypted_content_but_no_id_gets_an_rs_id_and_no_invented_status() {
        NewItem item = normalize("{\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"gAAAA\"}");

        assertTrue(item.id().matches("rs_[0-9a-f]{48}"), item.id());
        assertFalse(item.json().has("status"));
    }

    @Test
    void reasoning_without_summary_is_missing_summary() {
        InvalidRequestException e = rejected("{\"type\":\"reasoning\",\"encrypted_content\":\"gAAAA\"}");

        assertEquals("items[0].summary", e.param());
        assertEquals("missing_required_parameter", e.code());
    }

    @Test
    void reasoning_summary_part_of_another_type_is_invalid_value() {
        InvalidRequestException e = rejected("{\"type\":\"reasoning\",\"encrypted_content\":\"e\","
                + "\"summary\":[{\"type\":\"reasoning_text\",\"text\":\"t\"}]}");

        assertEquals("items[0].summary[0].type", e.param());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void compaction_with_encrypted_content_gets_a_cmp_id_and_no_status() {
        NewItem item = normalize("{\"type\":\"compaction\",\"encrypted_content\":\"gAAAA\"}");

        assertTrue(item.id().matches("cmp_[0-9a-f]{48}"), item.id());
        assertFalse(item.json().has("status"));
    }

    @Test
    void compaction_without_encrypted_content_is_missing_encrypted_content() {
        InvalidRequestException e = rejected("{\"type\":\"compaction\"}");

        assertEquals("Missing required parameter: 'items[0].encrypted_content'.", e.getMessage());
        assertEquals("items[0].encrypted_content", e.param());
        assertEquals("missing_required_parameter", e.code());
    }

    // --- client ids ----------------------------------------------------------------------------------------

    @Test
    void client_id_with_the_right_prefix_is_kept_and_marked_client_supplied() {
        String id = "msg_" + HEX48;
        NewItem item = normalize("{\"id\":\"" + id + "\",\"role\":\"user\",\"content\":\"hi\"}");

        assertEquals(id, item.id());
        assertTrue(item.clientSuppliedId());
    }

    @Test
    void client_id_with_the_wrong_prefix_is_invalid_id_prefix() {
        InvalidRequestException e = rejected("{\"id\":\"xyz\",\"role\":\"user\",\"content\":\"hi\"}");

        assertEquals("Invalid 'items[0].id': 'xyz'. Expected an ID that begins with 'msg'.", e.getMessage());
        assertEquals("items[0].id", e.param());
        assertEquals("invalid_id_prefix", e.code());
    }

    @Test
    void client_id_of_another_item_type_is_invalid_id_prefix() {
        InvalidRequestException e = rejected("{\"type\":\"function_call_output\",\"id\":\"fc_" + HEX48
                + "\",\"call_id\":\"c\",\"output\":\"x\"}");

        assertEquals("Invalid 'items[0].id': 'fc_" + HEX48 + "'. Expected an ID that begins with 'fco'.",
                e.getMessage());
        assertEquals("invalid_id_prefix", e.code());
    }

    @Test
    void client_id_that_is_the_prefix_without_underscore_is_invalid_id_prefix() {
        InvalidRequestException e = rejected("{\"id\":\"msgabc\",\"role\":\"user\",\"content\":\"hi\"}");

        assertEquals("invalid_id_prefix", e.code());
    }

    @Test
    void client_id_with_odd_characters_is_rejected() {
        for (String id : List.of("msg_a#b", "msg_a b", "msg_a/b", "msg_\u00e9t\u00e9", "msg_a.b")) {
            InvalidRequestException e = rejected(
                    "{\"id\":" + Json.write(Json.nodes().textNode(id)) + ",\"role\":\"user\",\"content\":\"hi\"}");
            assertEquals("items[0].id", e.param(), id);
            assertEquals("invalid_value", e.code(), id);
        }
    }

    @Test
    void client_id_longer_than_128_characters_is_rejected() {
        InvalidRequestException e = rejected(
                "{\"id\":\"msg_" + "a".repeat(125) + "\",\"role\":\"user\",\"content\":\"hi\"}");

        assertEquals("items[0].id", e.param());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void client_id_of_exactly_128_characters_is_accepted() {
        String id = "msg_" + "a".repeat(124);
        assertEquals(id, normalize("{\"id\":\"" + id + "\",\"role\":\"user\",\"content\":\"hi\"}").id());
    }

    @Test
    void client_id_that_is_not_a_string_is_invalid_type() {
        InvalidRequestException e = rejected("{\"id\":7,\"role\":\"user\",\"content\":\"hi\"}");

        assertEquals("items[0].id", e.param());
        assertEquals("invalid_type", e.code());
    }

    // --- round trip --------------------------------------------------------------------------------------

    @Test
    void unknown_fields_round_trip_untouched_including_nested_objects() {
        String extra = "{\"a\":[1,2,{\"b\":null}],\"c\":{\"d\":\"e\",\"f\":true},\"g\":\"\\u00e9\"}";
        NewItem item = normalize("{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":\"{}\","
                + "\"namespace\":\"ns\",\"x_vendor\":" + extra + "}");

        assertEquals(json(extra), item.json().get("x_vendor"));
        assertEquals("{\"a\":[1,2,{\"b\":null}],\"c\":{\"d\":\"e\",\"f\":true},\"g\":\"\u00e9\"}",
                Json.write(item.json().get("x_vendor")));
        assertEquals("ns", item.json().get("namespace").textValue());
    }

    @Test
    void decimal_numbers_in_unknown_fields_are_stored_as_written() {
        // A float 1.0 must not come back as the integer 1, nor 100.0 as 1E+2, nor 1.50 as 1.5.
        NewItem item = normalize("{\"type\":\"web_search_call\",\"x\":{\"one\":1.0,\"hundred\":100.0,"
                + "\"price\":1.50}}");

        assertEquals("{\"one\":1.0,\"hundred\":100.0,\"price\":1.50}", Json.write(item.json().get("x")));
    }

    @Test
    void unknown_fields_inside_content_parts_round_trip() {
        NewItem item = normalize("{\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"t\","
                + "\"annotations\":[{\"type\":\"url_citation\",\"url\":\"https://x\"}],\"x_part\":{\"k\":[true]}}]}");

        JsonNode part = item.json().get("content").get(0);
        assertEquals(json("{\"k\":[true]}"), part.get("x_part"));
        assertEquals(json("[{\"type\":\"url_citation\",\"url\":\"https://x\"}]"), part.get("annotations"));
    }

    @Test
    void opaque_catalog_item_round_trips_every_field() {
        String action = "{\"type\":\"search\",\"query\":\"weather\",\"sources\":[{\"url\":\"https://a\"}]}";
        NewItem item = normalize("{\"type\":\"web_search_call\",\"status\":\"searching\",\"action\":" + action + "}");

        assertEquals(json(action), item.json().get("action"));
        assertEquals("searching", item.json().get("status").textValue());
    }

    // --- types ---------------------------------------------------------------------------------------------

    @Test
    void unknown_type_is_invalid_value_on_type() {
        InvalidRequestException e = rejected("{\"type\":\"hologram\"}");

        assertTrue(e.getMessage().startsWith("Invalid value: 'hologram'. Supported values are: 'message', "),
                e.getMessage());
        assertEquals("items[0].type", e.param());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void type_that_is_not_a_string_is_invalid_type() {
        InvalidRequestException e = rejected("{\"type\":3}");

        assertEquals("items[0].type", e.param());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void item_reference_is_refused() {
        InvalidRequestException e = rejected("{\"type\":\"item_reference\",\"id\":\"msg_" + HEX48 + "\"}");

        assertEquals(400, e.status());
        assertEquals("items[0].type", e.param());
        assertEquals("invalid_value", e.code());
        assertEquals(ITEM_REFERENCE_REFUSAL, e.getMessage());
    }

    @Test
    void item_with_only_an_id_is_an_item_reference_and_refused_on_the_item() {
        InvalidRequestException e = rejected("{\"id\":\"msg_x\"}", "items[2]");

        assertEquals(ITEM_REFERENCE_REFUSAL, e.getMessage());
        assertEquals("items[2]", e.param());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void item_with_a_null_type_and_an_id_is_an_item_reference_and_refused_on_the_item() {
        InvalidRequestException e = rejected("{\"type\":null,\"id\":\"msg_x\"}");

        assertEquals(ITEM_REFERENCE_REFUSAL, e.getMessage());
        assertEquals("items[0]", e.param());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void item_without_type_and_with_a_null_id_is_missing_type() {
        InvalidRequestException e = rejected("{\"type\":null,\"id\":null,\"content\":\"hi\"}");

        assertEquals("Missing required parameter: 'items[0].type'.", e.getMessage());
        assertEquals("items[0].type", e.param());
        assertEquals("missing_required_parameter", e.code());
    }

    @Test
    void compaction_trigger_is_refused() {
        InvalidRequestException e = rejected("{\"type\":\"compaction_trigger\"}");

        assertEquals("items[0].type", e.param());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void non_object_item_is_invalid_type() {
        InvalidRequestException e = rejected("\"hello\"", "items[2]");

        assertEquals("Invalid type for 'items[2]': expected an object, but got a string instead.", e.getMessage());
        assertEquals("items[2]", e.param());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void array_item_is_invalid_type() {
        InvalidRequestException e = rejected("[]");

        assertEquals("Invalid type for 'items[0]': expected an object, but got an array instead.", e.getMessage());
    }

    @Test
    void message_status_outside_its_enum_is_invalid_value() {
        InvalidRequestException e = rejected("{\"role\":\"user\",\"content\":\"hi\",\"status\":\"searching\"}");

        assertEquals("Invalid value: 'searching'. Supported values are: 'in_progress', 'completed', and"
                + " 'incomplete'.", e.getMessage());
        assertEquals("items[0].status", e.param());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void web_search_call_status_outside_its_enum_is_invalid_value() {
        InvalidRequestException e = rejected("{\"type\":\"web_search_call\",\"status\":\"incomplete\"}");

        assertEquals("items[0].status", e.param());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void status_that_is_valid_for_the_type_is_kept() {
        NewItem item = normalize("{\"type\":\"image_generation_call\",\"status\":\"generating\",\"result\":null}");

        assertEquals("generating", item.json().get("status").textValue());
    }

    @Test
    void each_catalog_type_gets_its_listed_prefix() {
        List<String[]> expected = List.of(
                new String[] {"web_search_call", "ws"},
                new String[] {"file_search_call", "fs"},
                new String[] {"image_generation_call", "ig"},
                new String[] {"code_interpreter_call", "ci"},
                new String[] {"computer_call", "cu"},
                new String[] {"custom_tool_call", "ctc"},
                new String[] {"mcp_list_tools", "mcpl"},
                new String[] {"mcp_approval_request", "mcpr"},
                new String[] {"mcp_call", "mcp"},
                // The prefixes the contract is unsure of; README's compatibility notes list the same.
                new String[] {"computer_call_output", "cuo"},
                new String[] {"mcp_approval_response", "mcpa"},
                new String[] {"local_shell_call", "lsh"},
                new String[] {"local_shell_call_output", "lsho"},
                new String[] {"shell_call", "sh"},
                new String[] {"shell_call_output", "sho"},
                new String[] {"apply_patch_call", "apc"},
                new String[] {"apply_patch_call_output", "apco"},
                new String[] {"tool_search_call", "tsc"},
                new String[] {"tool_search_output", "tso"},
                new String[] {"additional_tools", "adt"},
                new String[] {"program", "prg"},
                new String[] {"program_output", "prgo"});
        for (String[] pair : expected) {
            NewItem item = normalize("{\"type\":\"" + pair[0] + "\"}");
            assertTrue(item.id().matches(pair[1] + "_[0-9a-f]{48}"), pair[0] + " -> " + item.id());
        }
        // Every type stored opaque is listed here, so a new type needs its prefix chosen here (and in README).
        List<String> listed = new ArrayList<>(expected.stream().map(pair -> pair[0]).toList());
        listed.addAll(CHECKED_TYPES);
        assertEquals(new TreeSet<>(ItemCatalog.types()), new TreeSet<>(listed));
    }

    @Test
    void every_catalog_type_accepts_a_client_id_with_its_own_prefix_and_refuses_another() {
        for (String type : ItemCatalog.types()) {
            ItemKind kind = ItemCatalog.kind(type);
            if (CHECKED_TYPES.contains(type)) continue;
            String ok = kind.idPrefix() + "_" + HEX48;
            assertEquals(ok, normalize("{\"type\":\"" + type + "\",\"id\":\"" + ok + "\"}").id(), type);
            InvalidRequestException e = rejected("{\"type\":\"" + type + "\",\"id\":\"zz_" + HEX48 + "\"}");
            assertEquals("invalid_id_prefix", e.code(), type);
        }
    }

    @Test
    void every_catalog_prefix_is_distinct() {
        List<String> prefixes = ItemCatalog.types().stream().map(t -> ItemCatalog.kind(t).idPrefix()).toList();
        assertEquals(prefixes.size(), prefixes.stream().distinct().count(), prefixes.toString());
    }

    @Test
    void normalizing_leaves_the_input_content_untouched() {
        ObjectNode raw = (ObjectNode) json("{\"role\":\"user\",\"content\":[{\"type\":\"input_image\","
                + "\"file_id\":\"file-1\"}]}");
        ItemNormalizer.normalize(raw, "items[0]");

        assertNull(raw.get("content").get(0).get("detail"));
        assertFalse(raw.has("id"));
    }

    @Test
    void normalizing_leaves_the_input_tool_output_untouched() {
        ObjectNode raw = (ObjectNode) json("{\"type\":\"function_call_output\",\"call_id\":\"c\","
                + "\"output\":[{\"type\":\"input_image\",\"file_id\":\"file-1\"}]}");
        JsonNode sent = raw.deepCopy();
        ItemNormalizer.normalize(raw, "items[0]");

        assertEquals(sent, raw);
    }
}
