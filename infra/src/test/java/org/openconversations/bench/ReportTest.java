package org.openconversations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    private final BenchRow fast = BenchRow.ratio("Cold", "GET /x", 110, 100.0, "ms", 1.2, "a|b");
    private final BenchRow slow = BenchRow.ratio("Cold", "GET /y", 130, 100.0, "ms", 1.2, "");
    private final BenchRow unmatched = BenchRow.ratio("Warm", "p50 GET /z", 5, null, "ms", 1.15, "R does not serve it");
    private final BenchRow absolute = BenchRow.absolute("Responses", "added", 12.5, 50.0, "ms", 15, "");

    @Test
    void a_ratio_row_passes_only_within_its_target_and_with_a_baseline() {
        assertTrue(fast.pass());
        assertFalse(slow.pass());
        assertFalse(unmatched.pass());
        assertEquals(1.1, fast.ratio(), 1e-9);
    }

    @Test
    void an_absolute_row_compares_the_value_itself() {
        assertTrue(absolute.pass());
        assertFalse(BenchRow.absolute("R", "added", 15.5, 50.0, "ms", 15, "").pass());
    }

    @Test
    void markdown_has_one_table_per_section_in_order_and_escapes_pipes() {
        String markdown = Report.markdown(List.of(fast, slow, unmatched));
        assertTrue(markdown.indexOf("### Cold") < markdown.indexOf("### Warm"));
        assertTrue(markdown.contains("| GET /x | 110 ms | 100 ms | 1.10 | ≤ 1.20 × baseline | yes | a\\|b |"));
        assertTrue(markdown.contains("| GET /y | 130 ms | 100 ms | 1.30 | ≤ 1.20 × baseline | **no** |  |"));
        assertTrue(markdown.contains("| p50 GET /z | 5 ms | – | – |"));
    }

    @Test
    void json_has_one_object_per_row_with_the_issue_fields() throws Exception {
        JsonNode json = new ObjectMapper().readTree(Report.json(List.of(fast, unmatched), Map.of("mode", "test")));
        assertEquals("test", json.get("mode").asText());
        JsonNode first = json.get("rows").get(0);
        assertEquals("GET /x", first.get("name").asText());
        assertEquals(110, first.get("value").asDouble());
        assertEquals(100, first.get("baseline").asDouble());
        assertEquals(1.1, first.get("ratio").asDouble(), 1e-9);
        assertEquals("≤ 1.20 × baseline", first.get("target").asText());
        assertTrue(first.get("pass").asBoolean());
        assertTrue(json.get("rows").get(1).get("baseline").isNull());
        assertFalse(json.get("rows").get(1).get("pass").asBoolean());
    }

    @Test
    void capacity_readings_add_up_and_count_operations() {
        String readings = "GetItem=1.00@2.5 Query=0.50@1.25 UpdateItem=failed@3 Scan=2.00@0.25";
        assertEquals(3.5, CapacityReadings.total(readings), 1e-9);
        assertEquals(1, CapacityReadings.count(readings, "Scan"));
        assertEquals("GetItem 1, Query 0.50, UpdateItem failed, Scan 2", CapacityReadings.describe(readings));
        assertEquals("no DynamoDB calls", CapacityReadings.describe(""));
    }

    @Test
    void capacity_readings_add_up_the_time_spent_in_dynamodb_failed_calls_included() {
        assertEquals(7.0, CapacityReadings.millis("GetItem=1.00@2.5 Query=0.50@1.25 UpdateItem=failed@3 Scan=2.00@0.25"),
                1e-9);
        assertEquals(0.0, CapacityReadings.millis(""), 1e-9);
    }
}
