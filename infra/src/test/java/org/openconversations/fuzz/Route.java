package org.openconversations.fuzz;

import java.util.List;

/**
 * Every route of template.yaml, with valid bodies to mutate. {@code {c}}, {@code {i}} and {@code {r}} are the
 * conversation, item and response slots of the path; {@code @@CONV@@}, {@code @@ITEMn@@} and {@code @@RESP@@}
 * stand for the fixture's ids wherever they appear, resolved when the request is sent.
 */
enum Route {
    CREATE_CONVERSATION("POST", "/v1/conversations", List.of(
            "{}",
            """
            {"metadata":{"topic":"fuzz","n":"1"},"items":[{"type":"message","role":"user","content":"hello"},
             {"type":"message","role":"assistant","content":[{"type":"output_text","text":"hi","annotations":[]}]}]}""",
            """
            {"items":[{"type":"function_call","call_id":"call_f","name":"f","arguments":"{\\"a\\":1}"},
             {"type":"function_call_output","call_id":"call_f","output":"ok"},
             {"type":"reasoning","summary":[],"encrypted_content":"abc"}]}""")),
    GET_CONVERSATION("GET", "/v1/conversations/{c}", List.of()),
    UPDATE_CONVERSATION("POST", "/v1/conversations/{c}", List.of(
            "{\"metadata\":{\"topic\":\"fuzzed\",\"k2\":\"v2\"}}",
            "{\"metadata\":null}",
            "{\"metadata\":{}}")),
    DELETE_CONVERSATION("DELETE", "/v1/conversations/{c}", List.of()),
    CREATE_ITEMS("POST", "/v1/conversations/{c}/items", List.of(
            """
            {"items":[{"type":"message","role":"user","content":[{"type":"input_text","text":"more"},
             {"type":"input_image","image_url":"https://example.com/a.png"}]}]}""",
            """
            {"items":[{"id":"msg_fuzz1","type":"message","role":"developer","content":"be terse"},
             {"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},
             {"type":"function_call_output","call_id":"c1","output":"done"}]}""",
            "{\"items\":[{\"role\":\"user\",\"content\":\"plain\"}]}")),
    LIST_ITEMS("GET", "/v1/conversations/{c}/items", List.of()),
    GET_ITEM("GET", "/v1/conversations/{c}/items/{i}", List.of()),
    DELETE_ITEM("DELETE", "/v1/conversations/{c}/items/{i}", List.of()),
    CREATE_RESPONSE("POST", "/v1/responses", List.of(
            "{\"model\":\"gpt-4.1-mini\",\"conversation\":\"@@CONV@@\",\"input\":\"hi\"}",
            """
            {"model":"gpt-4.1-mini","conversation":{"id":"@@CONV@@"},
             "input":[{"role":"user","content":[{"type":"input_text","text":"hi"}]}],
             "instructions":"be brief","temperature":0.5,"max_output_tokens":64,"metadata":{"k":"v"}}""",
            """
            {"model":"gpt-4.1-mini","previous_response_id":"@@RESP@@",
             "input":[{"type":"message","role":"user","content":"next"}],"store":true,
             "tools":[{"type":"function","name":"f","parameters":{"type":"object","properties":{}}}],
             "tool_choice":"auto"}""",
            "{\"model\":\"gpt-4.1-mini\",\"input\":\"stream me\",\"stream\":true,\"store\":false}",
            """
            {"model":"gpt-4.1-mini","conversation":"@@CONV@@","truncation":"auto",
             "context_management":[{"type":"compaction","compact_threshold":1000}],
             "input":[{"role":"user","content":"compact me"},{"type":"compaction_trigger"}]}""",
            """
            {"model":"gpt-4.1-mini","conversation":"@@CONV@@","input":"stream","stream":true,
             "text":{"format":{"type":"text"}},"top_p":1,"parallel_tool_calls":false,"include":[]}""")),
    GET_RESPONSE("GET", "/v1/responses/{r}", List.of()),
    DELETE_RESPONSE("DELETE", "/v1/responses/{r}", List.of()),
    LIST_INPUT_ITEMS("GET", "/v1/responses/{r}/input_items", List.of()),
    CANCEL_RESPONSE("POST", "/v1/responses/{r}/cancel", List.of("{}")),
    COUNT_INPUT_TOKENS("POST", "/v1/responses/input_tokens", List.of(
            "{\"model\":\"gpt-4.1-mini\",\"conversation\":\"@@CONV@@\",\"input\":\"hi\"}",
            """
            {"model":"gpt-4o","previous_response_id":"@@RESP@@","instructions":"be brief","truncation":"auto",
             "input":[{"role":"user","content":[{"type":"input_text","text":"count me"}]}],
             "tools":[{"type":"function","name":"f","parameters":{"type":"object","properties":{}}}]}""",
            "{\"input\":\"no model at all\"}")),
    COMPACT_RESPONSE("POST", "/v1/responses/compact", List.of(
            """
            {"model":"gpt-4.1-mini","input":[{"role":"user","content":"I am Anastasia"},
             {"role":"assistant","content":"Hello Anastasia!"}]}""",
            "{\"model\":\"gpt-4.1-mini\",\"previous_response_id\":\"@@RESP@@\",\"instructions\":\"keep names\"}"));

    /** For routes without a body: what a confused client might still send. */
    private static final List<String> STRAY_BODIES = List.of("{}", "{\"metadata\":{\"k\":\"v\"}}", "[]");

    final String method;
    final String path;
    private final List<String> bodies;

    Route(String method, String path, List<String> bodies) {
        this.method = method;
        this.path = path;
        this.bodies = bodies;
    }

    boolean hasBody() {
        return !bodies.isEmpty();
    }

    /** A valid body (any index works: it wraps), or for body-less routes a stray one. */
    String body(int index) {
        List<String> choices = hasBody() ? bodies : STRAY_BODIES;
        return choices.get(Math.floorMod(index, choices.size()));
    }

    /** The path with the fixture's own ids in its slots. */
    String fixturePath() {
        return path.replace("{c}", "@@CONV@@").replace("{i}", "@@ITEM0@@").replace("{r}", "@@RESP@@");
    }
}
