package org.openconversations.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openconversations.json.Json;
import org.openconversations.store.TestStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Bad input through the local gateway over HTTP: each answer is a 4xx in OpenAI's envelope with the
 * contract's message, param and code, and nothing is stored.
 */
class BadInputTest {
    private static final String PARSE_ERROR = "We could not parse the JSON body of your request. (HINT: This likely"
            + " means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but"
            + " what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact"
            + " us.)";

    private String conversationId;
    private String itemsPath;

    @BeforeEach
    void aConversationWithOneItem() {
        Http.Reply created = Http.post("/conversations",
                "{\"items\":[{\"id\":\"msg_existing\",\"role\":\"user\",\"content\":\"first\"}]}");
        assertEquals(200, created.status(), created.body().toString());
        conversationId = created.body().get("id").textValue();
        itemsPath = "/conversations/" + conversationId + "/items";
    }

    @Test
    void malformed_json_is_the_parse_error() {
        assertError(Http.post(itemsPath, "{\"items\": ["), 400, PARSE_ERROR, null, null);
        assertNothingAdded();
    }

    @Test
    void a_body_that_is_not_utf8_is_the_parse_error() {
        byte[] body = {'{', '"', 'i', '"', ':', (byte) 0xC3, (byte) 0x28, '}'};
        assertError(Http.postBytes(itemsPath, body), 400, PARSE_ERROR, null, null);
    }

    @Test
    void duplicate_json_keys_are_the_parse_error() {
        assertError(Http.post(itemsPath, "{\"items\":[],\"items\":[]}"), 400, PARSE_ERROR, null, null);
    }

    @Test
    void a_body_that_is_not_an_object_is_invalid_type() {
        assertError(Http.post(itemsPath, "[1,2]"), 400,
                "Invalid type for 'body': expected an object, but got an array instead.", "body", "invalid_type");
    }

    @Test
    void items_that_are_not_an_array_are_invalid_type() {
        assertError(Http.post(itemsPath, "{\"items\":\"hello\"}"), 400,
                "Invalid type for 'items': expected an array, but got a string instead.", "items", "invalid_type");
        assertNothingAdded();
    }

    @Test
    void missing_items_is_a_missing_required_parameter() {
        assertError(Http.post(itemsPath, "{}"), 400,
                "Missing required parameter: 'items'.", "items", "missing_required_parameter");
    }

    @Test
    void an_unknown_parameter_is_refused() {
        assertError(Http.post(itemsPath, "{\"items\":[],\"itemz\":[]}"), 400,
                "Unknown parameter: 'itemz'.", "itemz", "unknown_parameter");
    }

    @Test
    void twenty_one_items_are_too_many() {
        assertError(Http.post(itemsPath, itemsBody(21)), 400,
                "Invalid 'items': array too long. Expected an array with maximum length 20, but got an array with"
                        + " length 21 instead.",
                "items", "array_above_max_length");
        assertNothingAdded();
    }

    @Test
    void twenty_one_initial_items_create_no_conversation() {
        int before = conversationRows();

        assertError(Http.post("/conversations", itemsBody(21)), 400,
                "Invalid 'items': array too long. Expected an array with maximum length 20, but got an array with"
                        + " length 21 instead.",
                "items", "array_above_max_length");
        assertEquals(before, conversationRows());
    }

    @Test
    void one_invalid_item_among_twenty_stores_none() {
        ObjectNode body = (ObjectNode) Json.parse(itemsBody(20));
        ((ObjectNode) body.get("items").get(19)).put("role", "narrator");

        assertError(Http.post(itemsPath, Json.write(body)), 400,
                "Invalid value: 'narrator'. Supported values are: 'user', 'assistant', 'system', and 'developer'.",
                "items[19].role", "invalid_value");
        assertNothingAdded();
    }

    @Test
    void assistant_input_text_is_the_contracts_invalid_value() {
        assertError(Http.post(itemsPath, "{\"items\":[{\"role\":\"user\",\"content\":\"ok\"},{\"type\":\"message\","
                        + "\"role\":\"assistant\",\"content\":[{\"type\":\"input_text\",\"text\":\"no\"}]}]}"), 400,
                "Invalid value: 'input_text'. Supported values are: 'output_text' and 'refusal'.",
                "items[1].content[0]", "invalid_value");
        assertNothingAdded();
    }

    @Test
    void output_text_annotations_that_are_not_an_array_are_invalid_type() {
        assertError(Http.post(itemsPath, "{\"items\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\","
                        + "\"text\":\"t\",\"annotations\":\"no\"}]}]}"), 400,
                "Invalid type for 'items[0].content[0].annotations': expected an array, but got a string instead.",
                "items[0].content[0].annotations", "invalid_type");
        assertNothingAdded();
    }

    @Test
    void an_item_of_only_an_id_is_refused_as_an_item_reference() {
        // openai-python's ItemReference makes type optional, so {"id": ...} is a reference a client can send.
        assertError(Http.post(itemsPath, "{\"items\":[{\"id\":\"msg_existing\"}]}"), 400,
                "Invalid value: 'item_reference'. Items of this type are not supported by this server: send the"
                        + " referenced item itself.",
                "items[0]", "invalid_value");
        assertNothingAdded();
    }

    @Test
    void a_wrong_id_prefix_is_invalid_id_prefix() {
        assertError(Http.post(itemsPath, "{\"items\":[{\"type\":\"function_call\",\"id\":\"msg_1\","
                        + "\"call_id\":\"call_1\",\"name\":\"f\",\"arguments\":\"{}\"}]}"), 400,
                "Invalid 'items[0].id': 'msg_1'. Expected an ID that begins with 'fc'.", "items[0].id",
                "invalid_id_prefix");
        assertNothingAdded();
    }

    @Test
    void an_id_already_in_the_conversation_is_a_duplicate() {
        assertError(Http.post(itemsPath, "{\"items\":[{\"role\":\"user\",\"content\":\"new\"},"
                        + "{\"id\":\"msg_existing\",\"role\":\"user\",\"content\":\"again\"}]}"), 400,
                "Duplicate item found with id msg_existing. Remove duplicate items from your input and try again.",
                "items", null);
        assertNothingAdded();
    }

    @Test
    void limit_zero_is_below_the_minimum() {
        assertError(Http.get(itemsPath + "?limit=0"), 400,
                "Invalid 'limit': integer below minimum value. Expected a value >= 1, but got 0 instead.", "limit",
                "integer_below_min_value");
    }

    @Test
    void limit_101_is_above_the_maximum() {
        assertError(Http.get(itemsPath + "?limit=101"), 400,
                "Invalid 'limit': integer above maximum value. Expected a value <= 100, but got 101 instead.",
                "limit", "integer_above_max_value");
    }

    @Test
    void a_limit_that_is_not_a_number_is_invalid_type() {
        assertError(Http.get(itemsPath + "?limit=ten"), 400,
                "Invalid type for 'limit': expected an integer, but got a string instead.", "limit", "invalid_type");
    }

    @Test
    void an_unknown_order_is_invalid_value() {
        assertError(Http.get(itemsPath + "?order=newest"), 400,
                "Invalid value: 'newest'. Supported values are: 'asc' and 'desc'.", "order", "invalid_value");
    }

    @Test
    void an_unknown_after_is_invalid_value() {
        assertError(Http.get(itemsPath + "?after=msg_nope"), 400,
                "Invalid 'after': no item with id 'msg_nope' in this conversation.", "after", "invalid_value");
    }

    @Test
    void an_unknown_include_is_invalid_value() {
        Http.Reply reply = Http.get(itemsPath + "?include%5B%5D=message.everything");

        assertEquals(400, reply.status());
        assertEquals("include", reply.body().at("/error/param").textValue());
        assertEquals("invalid_value", reply.body().at("/error/code").textValue());
    }

    @Test
    void an_unknown_conversation_is_not_found_on_every_route() {
        String path = "/conversations/conv_doesnotexist";
        String message = "Conversation with id 'conv_doesnotexist' not found.";

        assertError(Http.get(path), 404, message, null, null);
        assertError(Http.post(path, "{\"metadata\":{}}"), 404, message, null, null);
        assertError(Http.delete(path), 404, message, null, null);
        assertError(Http.get(path + "/items"), 404, message, null, null);
        assertError(Http.post(path + "/items", "{\"items\":[]}"), 404, message, null, null);
        assertError(Http.get(path + "/items/msg_1"), 404, message, null, null);
        assertError(Http.delete(path + "/items/msg_1"), 404, message, null, null);
    }

    @Test
    void odd_ids_in_the_path_are_not_found_not_errors() {
        for (String id : List.of("..%2F..%2Fetc", "conv_%00", "conv_" + "a".repeat(10_000), "conv_%23x")) {
            Http.Reply reply = Http.get("/conversations/" + id);
            assertEquals(404, reply.status(), id);
            assertTrue(reply.body().at("/error/message").textValue().length() < 300, "message is clipped");
        }
    }

    @Test
    void an_unknown_item_is_not_found() {
        assertError(Http.get(itemsPath + "/msg_nope"), 404, "Item with id 'msg_nope' not found.", null, null);
        assertError(Http.delete(itemsPath + "/msg_nope"), 404, "Item with id 'msg_nope' not found.", null, null);
    }

    @Test
    void an_update_without_metadata_is_a_missing_required_parameter() {
        assertError(Http.post("/conversations/" + conversationId, "{}"), 400,
                "Missing required parameter: 'metadata'.", "metadata", "missing_required_parameter");
        assertMetadataUnchanged();
    }

    @Test
    void metadata_with_seventeen_keys_is_too_many() {
        ObjectNode metadata = Json.object();
        for (int i = 0; i < 17; i++) metadata.put("k" + i, "v");

        assertError(Http.post("/conversations/" + conversationId, "{\"metadata\":" + metadata + "}"), 400,
                "Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but got an"
                        + " object with 17 properties instead.",
                "metadata", "object_above_max_properties");
        assertMetadataUnchanged();
    }

    @Test
    void a_metadata_key_of_65_characters_is_too_long() {
        assertError(Http.post("/conversations/" + conversationId, "{\"metadata\":{\"" + "k".repeat(65) + "\":\"v\"}}"),
                400, "Invalid 'metadata': key too long. Expected a key with maximum length 64, but got a key with"
                        + " length 65 instead.",
                "metadata", "string_above_max_length");
        assertMetadataUnchanged();
    }

    @Test
    void a_metadata_value_of_513_characters_is_too_long() {
        assertError(Http.post("/conversations/" + conversationId, "{\"metadata\":{\"k\":\"" + "v".repeat(513) + "\"}}"),
                400, "Invalid 'metadata.k': string too long. Expected a string with maximum length 512, but got a"
                        + " string with length 513 instead.",
                "metadata.k", "string_above_max_length");
        assertMetadataUnchanged();
    }

    @Test
    void a_metadata_value_that_is_not_a_string_is_invalid_type() {
        assertError(Http.post("/conversations/" + conversationId, "{\"metadata\":{\"version\":2}}"), 400,
                "Invalid type for 'metadata.version': expected a string, but got an integer instead.",
                "metadata.version", "invalid_type");
        assertMetadataUnchanged();
    }

    @Test
    void bad_metadata_at_creation_creates_no_conversation() {
        int before = conversationRows();

        assertError(Http.post("/conversations", "{\"metadata\":{\"version\":2}}"), 400,
                "Invalid type for 'metadata.version': expected a string, but got an integer instead.",
                "metadata.version", "invalid_type");
        assertEquals(before, conversationRows());
    }

    @Test
    void an_unknown_route_is_the_invalid_url_envelope() {
        assertError(Http.get("/conversation"), 404, "Invalid URL (GET /v1/conversation)", null, null);
        assertError(Http.post("/conversations/" + conversationId + "/items/x/y", "{}"), 404,
                "Invalid URL (POST /v1/conversations/" + conversationId + "/items/x/y)", null, null);
    }

    @Test
    void errors_carry_a_request_id() {
        Http.Reply reply = Http.get(itemsPath + "?limit=0");

        assertTrue(reply.raw().headers().firstValue("x-request-id").filter(id -> !id.isBlank()).isPresent());
    }

    // ---- helpers ----

    private static void assertError(Http.Reply reply, int status, String message, String param, String code) {
        assertEquals(status, reply.status(), reply.body().toString());
        JsonNode error = reply.body().get("error");
        assertEquals(4, error.size(), "envelope has exactly message, type, param, code: " + error);
        assertEquals(message, error.get("message").textValue());
        assertEquals("invalid_request_error", error.get("type").textValue());
        assertEquals(param, error.get("param").isNull() ? null : error.get("param").textValue());
        assertEquals(code, error.get("code").isNull() ? null : error.get("code").textValue());
        assertEquals("application/json", reply.raw().headers().firstValue("content-type").orElse(""));
    }

    private void assertNothingAdded() {
        Http.Reply list = Http.get(itemsPath + "?order=asc&limit=100");
        assertEquals(200, list.status());
        assertEquals(1, list.body().get("data").size(), list.body().toString());
        assertEquals("msg_existing", list.body().at("/data/0/id").textValue());
    }

    private void assertMetadataUnchanged() {
        assertEquals(Json.object(), Http.get("/conversations/" + conversationId).body().get("metadata"));
    }

    private static String itemsBody(int count) {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        for (int i = 0; i < count; i++) items.addObject().put("role", "user").put("content", "m" + i);
        return Json.write(body);
    }

    /** Tests only: counts conversation rows to prove a refused create wrote nothing. */
    private static int conversationRows() {
        try (DynamoDbClient client = org.openconversations.local.DynamoDbClients.dynamoDb(TestStore.endpoint())) {
            return client.scan(ScanRequest.builder()
                    .tableName(TestStore.CONVERSATIONS_TABLE).select(Select.COUNT).consistentRead(true).build())
                    .count();
        }
    }
}
