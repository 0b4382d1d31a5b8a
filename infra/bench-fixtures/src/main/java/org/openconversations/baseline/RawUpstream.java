package org.openconversations.baseline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The model call ours makes: one JSON POST over java.net.http's client (the client ours uses, built the same
 * way) to Chat Completions or the Responses API as {@code UPSTREAM_*} says, the answer read back into output
 * items with ids of ours. Translated more briefly than ours: plain text, function calls and their outputs, and
 * the common settings; what has no such form is left out rather than refused. Every failure is a 502 here, and
 * the key comes only from the environment (R has no Secrets Manager client).
 */
final class RawUpstream {
    private static final String EXPLICIT_BASE = env("UPSTREAM_BASE_URL");
    private static final String BASE = (EXPLICIT_BASE != null ? EXPLICIT_BASE : "https://api.openai.com/v1")
            .replaceAll("/+$", "");
    private static final boolean CHAT = "chat".equalsIgnoreCase(
            env("UPSTREAM_API") != null ? env("UPSTREAM_API") : EXPLICIT_BASE != null ? "chat" : "responses");
    private static final String KEY = env("UPSTREAM_API_KEY") != null ? env("UPSTREAM_API_KEY")
            : EXPLICIT_BASE == null ? env("OPENAI_API_KEY") : null;
    private static final String PROJECT = env("UPSTREAM_PROJECT");
    private static final String MAX_TOKENS = env("UPSTREAM_MAX_TOKENS_FIELD") != null ? env("UPSTREAM_MAX_TOKENS_FIELD")
            : BASE.contains("://api.openai.com") ? "max_completion_tokens" : "max_tokens";
    // HTTP/1.1, as ours: what every compatible server speaks.
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /**
     * @param output the output items, stored form
     * @param text the output_text of its messages, run together (what a compaction keeps)
     */
    record Answer(List<RawContext.Item> output, String usage, String status, String incompleteReason, String text) {}

    private RawUpstream() {}

    /** @param settings the request's generation fields, by their Responses names, as sent */
    static Answer generate(String model, String instructions, List<JsonNode> context, Map<String, JsonNode> settings,
            Duration timeout) {
        String body = CHAT ? chatBody(model, instructions, context, settings)
                : responsesBody(model, instructions, context, settings);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + (CHAT ? "/chat/completions" : "/responses")))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (KEY != null) request.header("Authorization", "Bearer " + KEY);
        if (PROJECT != null) request.header("OpenAI-Project", PROJECT);
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RawReply.Failed(502, "The upstream model failed to answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RawReply.Failed(502, "Interrupted while calling the upstream model");
        }
        if (response.statusCode() / 100 != 2) {
            throw new RawReply.Failed(502, "The upstream model failed with HTTP " + response.statusCode());
        }
        JsonNode answer = RawJson.parse(response.body());
        return CHAT ? chatAnswer(answer) : responsesAnswer(answer);
    }

    // --- Chat Completions ---------------------------------------------------------------------------------

    private static String chatBody(String model, String instructions, List<JsonNode> context,
            Map<String, JsonNode> settings) {
        List<String> messages = new ArrayList<>();
        if (instructions != null) messages.add("{\"role\":\"system\",\"content\":" + RawReply.quote(instructions) + "}");
        // Calls in a row are one assistant turn in chat form: they share one message.
        List<String> calls = new ArrayList<>();
        for (JsonNode item : context) {
            switch (RawJson.type(item)) {
                case "function_call" -> calls.add("{\"id\":" + quoted(item, "call_id") + ",\"type\":\"function\","
                        + "\"function\":{\"name\":" + quoted(item, "name") + ",\"arguments\":" + quoted(item, "arguments") + "}}");
                case "message" -> {
                    flushCalls(calls, messages);
                    String role = RawJson.string(item, "role");
                    messages.add("{\"role\":" + RawReply.quote("developer".equals(role) ? "system" : String.valueOf(role))
                            + ",\"content\":" + RawReply.quote(text(RawJson.field(item, "content"))) + "}");
                }
                case "function_call_output" -> {
                    flushCalls(calls, messages);
                    messages.add("{\"role\":\"tool\",\"tool_call_id\":" + quoted(item, "call_id") + ",\"content\":"
                            + RawReply.quote(text(RawJson.field(item, "output"))) + "}");
                }
                default -> { }
            }
        }
        flushCalls(calls, messages);
        StringBuilder json = new StringBuilder("{\"model\":").append(RawReply.quote(model))
                .append(",\"messages\":[").append(String.join(",", messages)).append(']');
        List<JsonNode> tools = RawJson.array(settings.get("tools"));
        if (!tools.isEmpty()) {
            List<String> chatTools = new ArrayList<>();
            for (JsonNode tool : tools) {
                StringBuilder function = new StringBuilder("{\"name\":").append(quoted(tool, "name"));
                for (String field : List.of("description", "parameters", "strict")) {
                    JsonNode value = RawJson.field(tool, field);
                    if (value != null) function.append(",\"").append(field).append("\":").append(RawJson.write(value));
                }
                chatTools.add("{\"type\":\"function\",\"function\":" + function + "}}");
            }
            json.append(",\"tools\":[").append(String.join(",", chatTools)).append(']');
            JsonNode choice = settings.get("tool_choice");
            if (choice != null) {
                json.append(",\"tool_choice\":").append(choice.isString() ? RawJson.write(choice)
                        : "{\"type\":\"function\",\"function\":{\"name\":" + quoted(choice, "name") + "}}");
            }
            copy(settings.get("parallel_tool_calls"), "parallel_tool_calls", json);
        }
        copy(settings.get("temperature"), "temperature", json);
        copy(settings.get("top_p"), "top_p", json);
        copy(settings.get("max_output_tokens"), MAX_TOKENS, json);
        copy(RawJson.field(settings.get("reasoning"), "effort"), "reasoning_effort", json);
        for (String field : List.of("user", "safety_identifier", "prompt_cache_key", "service_tier")) {
            copy(settings.get(field), field, json);
        }
        return json.append('}').toString();
    }

    private static void flushCalls(List<String> calls, List<String> messages) {
        if (calls.isEmpty()) return;
        messages.add("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + String.join(",", calls) + "]}");
        calls.clear();
    }

    private static Answer chatAnswer(JsonNode completion) {
        JsonNode choice = RawJson.array(RawJson.field(completion, "choices")).stream().findFirst().orElse(null);
        JsonNode message = RawJson.field(choice, "message");
        if (message == null) throw new RawReply.Failed(502, "Upstream model replied without choices[0].message");
        String finish = String.valueOf(RawJson.string(choice, "finish_reason"));
        String incomplete = finish.equals("length") ? "max_output_tokens"
                : finish.equals("content_filter") ? "content_filter" : null;
        String status = incomplete == null ? "completed" : "incomplete";
        List<RawContext.Item> output = new ArrayList<>();
        String text = RawJson.string(message, "content");
        if (text != null && !text.isEmpty()) {
            String id = RawJson.newId("msg_");
            output.add(new RawContext.Item(id, "{\"type\":\"message\",\"id\":\"" + id + "\",\"status\":\"" + status
                    + "\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":" + RawReply.quote(text)
                    + ",\"annotations\":[],\"logprobs\":[]}]}", null));
        }
        for (JsonNode call : RawJson.array(RawJson.field(message, "tool_calls"))) {
            String id = RawJson.newId("fc_");
            JsonNode function = RawJson.field(call, "function");
            output.add(new RawContext.Item(id, "{\"type\":\"function_call\",\"id\":\"" + id + "\",\"status\":\""
                    + status + "\",\"call_id\":" + quoted(call, "id") + ",\"name\":" + quoted(function, "name")
                    + ",\"arguments\":" + quoted(function, "arguments") + "}", null));
        }
        JsonNode usage = RawJson.field(completion, "usage");
        long input = count(usage, "prompt_tokens");
        long out = count(usage, "completion_tokens");
        String usageJson = "{\"input_tokens\":" + input + ",\"input_tokens_details\":{\"cached_tokens\":"
                + count(RawJson.field(usage, "prompt_tokens_details"), "cached_tokens")
                + ",\"cache_write_tokens\":0},\"output_tokens\":" + out + ",\"output_tokens_details\":{\"reasoning_tokens\":"
                + count(RawJson.field(usage, "completion_tokens_details"), "reasoning_tokens") + "},\"total_tokens\":"
                + (RawJson.field(usage, "total_tokens") != null ? count(usage, "total_tokens") : input + out) + "}";
        return new Answer(output, usageJson, status, incomplete, text == null ? "" : text);
    }

    // --- Responses ----------------------------------------------------------------------------------------

    /** Stateless: our ids and statuses stay here, and the upstream stores nothing. */
    private static String responsesBody(String model, String instructions, List<JsonNode> context,
            Map<String, JsonNode> settings) {
        StringBuilder json = new StringBuilder("{\"model\":").append(RawReply.quote(model));
        if (instructions != null) json.append(",\"instructions\":").append(RawReply.quote(instructions));
        json.append(",\"input\":[");
        boolean first = true;
        for (JsonNode item : context) {
            if (RawJson.type(item).equals("reasoning") && RawJson.string(item, "encrypted_content") == null) continue;
            if (!first) json.append(',');
            first = false;
            json.append('{');
            boolean firstField = true;
            for (var field : item.asObject().entrySet()) {
                if (field.getKey().equals("id") || field.getKey().equals("status")) continue;
                if (!firstField) json.append(',');
                firstField = false;
                json.append(RawReply.quote(field.getKey())).append(':').append(RawJson.write(field.getValue()));
            }
            json.append('}');
        }
        json.append(']');
        settings.forEach((name, value) -> json.append(',').append(RawReply.quote(name)).append(':').append(RawJson.write(value)));
        return json.append(",\"store\":false,\"include\":[\"reasoning.encrypted_content\"]}").toString();
    }

    private static Answer responsesAnswer(JsonNode response) {
        String status = RawJson.string(response, "status") != null ? RawJson.string(response, "status") : "completed";
        if (!status.equals("completed") && !status.equals("incomplete")) {
            throw new RawReply.Failed(502, "Upstream model answered with status '" + status + "'");
        }
        List<RawContext.Item> output = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (JsonNode item : RawJson.array(RawJson.field(response, "output"))) {
            String type = RawJson.type(item);
            String id = RawJson.newId(RawContext.prefix(type));
            StringBuilder json = new StringBuilder("{\"type\":").append(RawReply.quote(type))
                    .append(",\"id\":").append(RawReply.quote(id));
            for (var field : item.asObject().entrySet()) {
                if (field.getKey().equals("type") || field.getKey().equals("id")) continue;
                json.append(',').append(RawReply.quote(field.getKey())).append(':').append(RawJson.write(field.getValue()));
            }
            output.add(new RawContext.Item(id, json.append('}').toString(), null));
            if (type.equals("message")) {
                for (JsonNode part : RawJson.array(RawJson.field(item, "content"))) {
                    if ("output_text".equals(RawJson.string(part, "type"))) text.append(RawJson.string(part, "text"));
                }
            }
        }
        JsonNode usage = RawJson.field(response, "usage");
        String usageJson = usage != null && usage.isObject() ? RawJson.write(usage)
                : "{\"input_tokens\":0,\"input_tokens_details\":{\"cached_tokens\":0,\"cache_write_tokens\":0},"
                        + "\"output_tokens\":0,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":0}";
        String incomplete = status.equals("incomplete")
                ? RawJson.string(RawJson.field(response, "incomplete_details"), "reason") : null;
        return new Answer(output, usageJson, status, incomplete, text.toString());
    }

    // --- small things -------------------------------------------------------------------------------------

    /** Text content as one string: a string as it is, text parts joined by newlines. */
    private static String text(JsonNode content) {
        if (content == null || content.isNull()) return "";
        if (content.isString()) return content.asString();
        List<String> texts = new ArrayList<>();
        for (JsonNode part : RawJson.array(content)) {
            String text = RawJson.string(part, "text");
            if (text != null) texts.add(text);
        }
        return String.join("\n", texts);
    }

    private static String quoted(JsonNode node, String field) {
        String value = RawJson.string(node, field);
        return RawReply.quote(value == null ? "" : value);
    }

    private static void copy(JsonNode value, String as, StringBuilder json) {
        if (value != null && !value.isNull()) json.append(",\"").append(as).append("\":").append(RawJson.write(value));
    }

    private static long count(JsonNode node, String field) {
        JsonNode value = RawJson.field(node, field);
        return value != null && value.isNumber() ? Long.parseLong(value.asNumber()) : 0;
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
