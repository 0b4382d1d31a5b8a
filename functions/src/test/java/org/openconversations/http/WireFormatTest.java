package org.openconversations.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openconversations.domain.Conversation;
import org.openconversations.domain.StoredItem;
import org.openconversations.json.Json;

class WireFormatTest {
    private static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }

    @Test
    void conversation_has_exactly_id_object_created_at_and_metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("topic", "demo");
        metadata.put("a", "b");
        JsonNode json = Json.parse(WireFormat.conversation(new Conversation("conv_1", 1741900000L, metadata)));

        assertEquals(List.of("id", "object", "created_at", "metadata"), keys(json));
        assertEquals("conv_1", json.get("id").textValue());
        assertEquals("conversation", json.get("object").textValue());
        assertTrue(json.get("created_at").isIntegralNumber());
        assertEquals(1741900000L, json.get("created_at").longValue());
        assertEquals(Json.parse("{\"topic\":\"demo\",\"a\":\"b\"}"), json.get("metadata"));
        assertEquals(List.of("topic", "a"), keys(json.get("metadata")));
    }

    @Test
    void conversation_is_the_compact_json_a_generator_writes() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("k \"1\"", "line\nbreak \u2028 \uD83D\uDE00");
        metadata.put("topic", "demo");
        ObjectNode tree = Json.object();
        tree.put("id", "conv_1");
        tree.put("object", "conversation");
        tree.put("created_at", 1741900000L);
        ObjectNode treeMetadata = tree.putObject("metadata");
        metadata.forEach(treeMetadata::put);

        assertEquals(Json.write(tree), WireFormat.conversation(new Conversation("conv_1", 1741900000L, metadata)));
    }

    @Test
    void conversation_without_metadata_has_an_empty_metadata_object() {
        JsonNode json = Json.parse(WireFormat.conversation(new Conversation("conv_1", 1L, Map.of())));

        assertTrue(json.get("metadata").isObject());
        assertEquals(0, json.get("metadata").size());
    }

    @Test
    void conversation_metadata_values_are_escaped() {
        String value = "quote \" backslash \\ newline \n emoji \uD83D\uDE00";
        JsonNode json = Json.parse(WireFormat.conversation(new Conversation("conv_1", 1L, Map.of("k", value))));

        assertEquals(value, json.get("metadata").get("k").textValue());
    }

    @Test
    void deleted_conversation_has_id_object_conversation_deleted_and_deleted_true() {
        JsonNode json = Json.parse(WireFormat.deletedConversation("conv_1"));

        assertEquals(List.of("id", "object", "deleted"), keys(json));
        assertEquals("conv_1", json.get("id").textValue());
        assertEquals("conversation.deleted", json.get("object").textValue());
        assertTrue(json.get("deleted").isBoolean());
        assertTrue(json.get("deleted").booleanValue());
    }

    @Test
    void deleted_response_has_id_object_response_and_deleted_true() {
        JsonNode json = Json.parse(WireFormat.deletedResponse("resp_1"));

        assertEquals(List.of("id", "object", "deleted"), keys(json));
        assertEquals("resp_1", json.get("id").textValue());
        assertEquals("response", json.get("object").textValue());
        assertTrue(json.get("deleted").booleanValue());
    }

    @Test
    void a_deleted_id_is_quoted_as_a_json_string() {
        // Ids are checked before anything is deleted; the body stays valid JSON whatever the id holds.
        JsonNode json = Json.parse(WireFormat.deletedConversation("conv_\"\\\n"));

        assertEquals("conv_\"\\\n", json.get("id").textValue());
    }

    @Test
    void item_list_splices_the_stored_items_and_names_the_first_and_last() {
        String first = "{\"type\":\"message\",\"id\":\"msg_a\",\"status\":\"completed\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"Hello!\"}]}";
        String middle = "{\"type\":\"reasoning\",\"id\":\"rs_b\",\"summary\":[]}";
        String last = "{\"type\":\"function_call\",\"id\":\"fc_c\",\"x\":{\"nested\":[1,2.50]}}";
        List<StoredItem> items = List.of(
                new StoredItem("msg_a", 1, first), new StoredItem("rs_b", 2, middle), new StoredItem("fc_c", 3, last));

        JsonNode json = Json.parse(WireFormat.itemList(items, true));

        assertEquals(List.of("object", "data", "first_id", "last_id", "has_more"), keys(json));
        assertEquals("list", json.get("object").textValue());
        assertEquals(3, json.get("data").size());
        assertEquals(Json.parse(first), json.get("data").get(0));
        assertEquals(Json.parse(middle), json.get("data").get(1));
        assertEquals(Json.parse(last), json.get("data").get(2));
        assertEquals("msg_a", json.get("first_id").textValue());
        assertEquals("fc_c", json.get("last_id").textValue());
        assertTrue(json.get("has_more").booleanValue());
    }

    @Test
    void item_list_copies_stored_json_byte_for_byte() {
        String item = "{\"type\":\"reasoning\",\"id\":\"rs_b\",\"n\":1.50,\"summary\":[]}";

        String body = WireFormat.itemList(List.of(new StoredItem("rs_b", 7, item)), false);

        assertTrue(body.contains(item), body);
    }

    @Test
    void item_list_is_the_compact_json_a_generator_writes() {
        String first = "{\"type\":\"message\",\"id\":\"msg_a\"}";
        String last = "{\"type\":\"reasoning\",\"id\":\"rs_b\",\"summary\":[]}";

        assertEquals("{\"object\":\"list\",\"data\":[" + first + "," + last
                        + "],\"first_id\":\"msg_a\",\"last_id\":\"rs_b\",\"has_more\":false}",
                WireFormat.itemList(List.of(new StoredItem("msg_a", 1, first), new StoredItem("rs_b", 2, last)), false));
    }

    @Test
    void single_item_list_has_the_same_first_and_last_id() {
        JsonNode json = Json.parse(WireFormat.itemList(
                List.of(new StoredItem("msg_a", 1, "{\"id\":\"msg_a\"}")), false));

        assertEquals("msg_a", json.get("first_id").textValue());
        assertEquals("msg_a", json.get("last_id").textValue());
        assertFalse(json.get("has_more").booleanValue());
    }

    @Test
    void empty_item_list_has_empty_data_empty_string_ids_and_no_more() {
        JsonNode json = Json.parse(WireFormat.itemList(List.of(), false));

        assertEquals(List.of("object", "data", "first_id", "last_id", "has_more"), keys(json));
        assertEquals("list", json.get("object").textValue());
        assertTrue(json.get("data").isArray());
        assertEquals(0, json.get("data").size());
        assertEquals("", json.get("first_id").textValue());
        assertEquals("", json.get("last_id").textValue());
        assertTrue(json.get("has_more").isBoolean());
        assertFalse(json.get("has_more").booleanValue());
    }

    @Test
    void single_item_is_served_verbatim() {
        String item = "{\"type\":\"message\",\"id\":\"msg_a\"}";
        assertEquals(item, WireFormat.item(new StoredItem("msg_a", 1, item)));
    }
}
