package org.openconversations.responses.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.openconversations.json.Json;

/** Finished response objects shaped like contract 7.1, one per streaming scenario. */
final class FinishedResponses {
    static final String TEXT = "The quick brown fox jumps over the lazy dog,\nthen naps in the warm afternoon sun.";
    static final String ARGUMENTS = "{\"location\":\"Freiburg im Breisgau, Germany\",\"unit\":\"celsius\"}";

    private FinishedResponses() {}

    static ObjectNode response(String status, String... outputItems) {
        ObjectNode response = (ObjectNode) Json.parse("""
                {"id":"resp_1","object":"response","created_at":1758962515,"status":"completed","completed_at":1758962517,
                 "background":false,"conversation":{"id":"conv_1"},"error":null,"incomplete_details":null,"instructions":null,
                 "max_output_tokens":null,"max_tool_calls":null,"model":"gpt-5-2025-08-07","output":[],"parallel_tool_calls":true,
                 "previous_response_id":null,"prompt_cache_key":null,"reasoning":{"effort":"medium","summary":null},
                 "safety_identifier":null,"service_tier":"default","store":true,"temperature":1.0,
                 "text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_logprobs":0,
                 "top_p":1.0,"truncation":"disabled",
                 "usage":{"input_tokens":68,"input_tokens_details":{"cached_tokens":0,"cache_write_tokens":0},"output_tokens":156,
                          "output_tokens_details":{"reasoning_tokens":128},"total_tokens":224},
                 "user":null,"metadata":{}}
                """);
        response.put("status", status);
        for (String item : outputItems) response.withArray("output").add(Json.parse(item));
        return response;
    }

    static String message(String... parts) {
        return "{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":["
                + String.join(",", parts) + "]}";
    }

    static String outputText(String text) {
        ObjectNode part = Json.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return Json.write(part);
    }

    static String refusalPart(String refusal) {
        return Json.write(Json.object().put("type", "refusal").put("refusal", refusal));
    }

    static String functionCall() {
        return Json.write(Json.object()
                .put("id", "fc_1").put("type", "function_call").put("status", "completed").put("arguments", ARGUMENTS)
                .put("call_id", "call_D5cRqvTm9V47jb0OLVJJ4Lqm").put("name", "get_weather"));
    }

    static String reasoning(String... summaries) {
        List<String> parts = new ArrayList<>();
        for (String summary : summaries) {
            parts.add(Json.write(Json.object().put("type", "summary_text").put("text", summary)));
        }
        return "{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[" + String.join(",", parts) + "]}";
    }

    static String annotatedText() {
        ObjectNode part = (ObjectNode) Json.parse(outputText("See the docs."));
        part.withArray("annotations").add(Json.parse(
                "{\"type\":\"url_citation\",\"url\":\"https://example.com\",\"start_index\":0,\"end_index\":3,\"title\":\"Docs\"}"));
        return Json.write(part);
    }

    static String reasoningWithContent() {
        return "{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"S\"}],"
                + "\"content\":[{\"type\":\"reasoning_text\",\"text\":\"Let me think\"}]}";
    }

    static ObjectNode text() {
        return response("completed", message(outputText(TEXT)));
    }

    static ObjectNode call() {
        return response("completed", reasoning(), functionCall());
    }

    static ObjectNode failed() {
        ObjectNode response = response("failed");
        response.putNull("usage");
        response.set("error", Json.parse("{\"code\":\"server_error\",\"message\":\"The model failed to generate a response.\"}"));
        return response;
    }

    static ObjectNode incomplete() {
        ObjectNode response = response("incomplete", message(outputText("Cut off mid")));
        ((ObjectNode) response.get("output").get(0)).put("status", "incomplete");
        response.set("incomplete_details", Json.parse("{\"reason\":\"max_output_tokens\"}"));
        return response;
    }

    static Map<String, ObjectNode> scenarios() {
        return Map.of(
                "text", text(),
                "function call", call(),
                "reasoning then message", response("completed", reasoning("Thinking it over", "and deciding."),
                        message(outputText("Done."))),
                "refusal", response("completed", message(refusalPart("I can't help with that."))),
                "two parts", response("completed", message(outputText("First part."), outputText("Second part."))),
                "annotated", response("completed", message(annotatedText())),
                "reasoning text", response("completed", reasoningWithContent()),
                "unknown item", response("completed",
                        "{\"id\":\"cmp_1\",\"type\":\"compaction\",\"encrypted_content\":\"gAAAA\"}"),
                "incomplete", incomplete(),
                "failed", failed());
    }

    static List<String> types(List<ObjectNode> events) {
        return events.stream().map(event -> event.get("type").textValue()).toList();
    }

    static List<ObjectNode> ofType(List<ObjectNode> events, String type) {
        return events.stream().filter(event -> type.equals(event.get("type").textValue())).toList();
    }

    static ObjectNode single(List<ObjectNode> events, String type) {
        List<ObjectNode> matching = ofType(events, type);
        if (matching.size() != 1) throw new AssertionError(matching.size() + " events of type " + type);
        return matching.getFirst();
    }

    static String concatenated(List<ObjectNode> events, String type) {
        StringBuilder text = new StringBuilder();
        for (ObjectNode event : ofType(events, type)) text.append(event.get("delta").textValue());
        return text.toString();
    }

    /** Types with runs of one repeated type folded into one entry, so orders can be compared without counting deltas. */
    static List<String> foldedTypes(List<ObjectNode> events) {
        List<String> folded = new ArrayList<>();
        for (String type : types(events)) {
            if (folded.isEmpty() || !folded.getLast().equals(type)) folded.add(type);
        }
        return folded;
    }

    static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }
}
