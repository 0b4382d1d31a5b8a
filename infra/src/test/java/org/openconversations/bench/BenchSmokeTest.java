package org.openconversations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openconversations.local.TemplateLocator;

/**
 * Runs the harness's main in smoke mode (one route, a few requests) over the packaged artifacts, so it cannot
 * rot. It checks that every measurement produced its rows, never what the figures are. It runs in its own JVM:
 * the handlers' object graph is built once per JVM, and other tests here point it at other stores and upstreams.
 */
class BenchSmokeTest {

    @Test
    void every_measurement_produces_its_rows() throws Exception {
        Path root = TemplateLocator.projectRoot().toAbsolutePath().normalize();
        Path output = root.resolve("target/bench-smoke.json");
        Files.deleteIfExists(output);
        Path log = Files.createTempFile("bench-smoke", ".log");
        Process bench = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dproject.root=" + root,
                Bench.class.getName(), "--smoke")
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = bench.waitFor(5, TimeUnit.MINUTES);
        if (!finished) bench.destroyForcibly();
        assertTrue(finished && bench.exitValue() == 0, () -> "bench --smoke failed:\n" + tail(log));

        JsonNode json = new ObjectMapper().readTree(output.toFile());
        assertEquals("smoke", json.get("mode").asText());
        Set<String> sections = new HashSet<>();
        for (JsonNode row : json.get("rows")) {
            sections.add(row.get("section").asText().substring(0, 2));
            for (String field : List.of("name", "value", "baseline", "ratio", "target", "pass")) {
                assertTrue(row.has(field), () -> "row without " + field + ": " + row);
            }
        }
        assertEquals(Set.of("1.", "2.", "3.", "4.", "5.", "6."), sections);
        JsonNode cold = json.get("rows").get(0);
        assertEquals("GET /v1/conversations/{conversation_id}", cold.get("name").asText());
        assertTrue(cold.get("value").asDouble() > 0 && cold.get("baseline").asDouble() > 0, cold::toString);
        JsonNode capacity = json.get("rows").get(2);
        assertTrue(capacity.get("note").asText().startsWith("ours: GetItem"), capacity::toString);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
