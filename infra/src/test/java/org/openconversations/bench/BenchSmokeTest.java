package org.openconversations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openconversations.local.TemplateLocator;

/**
 * Runs the whole harness once in smoke mode (one route, a few requests) over the packaged artifacts, so it
 * cannot rot. It checks that every measurement produced figures, never what they are.
 */
class BenchSmokeTest {

    @Test
    void every_measurement_produces_its_rows() {
        List<BenchRow> rows = Bench.run(TemplateLocator.projectRoot(), Bench.BenchPlan.SMOKE);

        Set<String> sections = rows.stream().map(row -> row.section().substring(0, 2)).collect(Collectors.toSet());
        assertEquals(Set.of("1.", "2.", "3.", "4.", "5.", "6."), sections);
        BenchRow cold = rows.get(0);
        assertEquals("GET /v1/conversations/{conversation_id}", cold.name());
        assertTrue(cold.value() > 0 && cold.baseline() != null && cold.baseline() > 0, cold.toString());
        BenchRow capacity = rows.stream().filter(row -> row.section().startsWith("3.")).findFirst().orElseThrow();
        assertTrue(capacity.note().startsWith("ours: GetItem"), capacity.note());
        assertTrue(capacity.value() > 0, capacity.toString());
        assertTrue(rows.stream().allMatch(row -> row.value() >= 0 || row.section().startsWith("5.")), rows.toString());
    }
}
