package org.openconversations.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openconversations.json.Json;

/** JSON written with single quotes for readability in tests; none of the texts here contain an apostrophe. */
final class TestJson {
    private TestJson() {}

    static JsonNode json(String singleQuoted) {
        return Json.parse(singleQuoted.replace('\'', '"'));
    }

    static ObjectNode object(String singleQuoted) {
        return (ObjectNode) json(singleQuoted);
    }

    static List<ObjectNode> items(String... singleQuoted) {
        return new ArrayList<>(Arrays.stream(singleQuoted).map(TestJson::object).toList());
    }

    /** Equal as JSON values, whatever node classes were used to build the actual value (int vs long). */
    static void assertJson(String expectedSingleQuoted, JsonNode actual) {
        assertEquals(json(expectedSingleQuoted), Json.parse(Json.write(actual)));
    }
}
