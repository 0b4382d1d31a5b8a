package org.openconversations.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.openconversations.domain.Ids;
import org.openconversations.json.Json;

/**
 * Responses context and settings to a Chat Completions request body, and a chat completion back to Responses
 * output items. Pure: no I/O, so both directions are tested without a server.
 *
 * <p>Request:
 * <ul>
 *   <li>{@code instructions} become the first message, role {@code system}.
 *   <li>Roles: {@code developer} becomes {@code system}, which every compatible endpoint accepts.
 *   <li>Content that is only text becomes a plain string, several parts joined with {@code "\n"} (what vLLM
 *       does with text-only part arrays), since some endpoints accept nothing but strings. Otherwise content is
 *       an array of chat parts; an image given only by {@code file_id} and a file given only by
 *       {@code file_url} have no chat form and are refused.
 *   <li>Assistant text goes to {@code content} ({@code null} when there is none), refusals to {@code refusal}.
 *   <li>Each {@code function_call} joins the tool calls of the last message sent when that is an assistant
 *       message: so parallel calls share one message, and text followed by calls is one turn, as chat
 *       represents them. Items with no chat form (reasoning, compaction, hosted tool calls) are left out and
 *       do not separate calls.
 *   <li>{@code function_call_output} becomes a {@code tool} message; array output must be text only.
 *   <li>{@code tools}, {@code tool_choice} and {@code parallel_tool_calls} are sent only when there is at least
 *       one tool, because OpenAI refuses an empty tool list and tool settings without tools.
 *   <li>{@code max_output_tokens} goes to the configured field, {@code text.format} to {@code response_format},
 *       {@code text.verbosity} to {@code verbosity}, {@code reasoning.effort} to {@code reasoning_effort}.
 * </ul>
 * <p>Result: reasoning text ({@code reasoning_content} as DeepSeek and older vLLM name it, {@code reasoning}
 * as newer vLLM and Ollama do) becomes a reasoning item, text and refusal one message, each tool call one
 * function_call, in that order, all with our ids. When the completion stopped early, its message and calls
 * are {@code incomplete}, as OpenAI marks output items of an incomplete response. A tool call without an
 * id gets a {@code call_} id of ours; arguments given as an object are written as a JSON string.
 * {@code logprobs} and {@code top_logprobs} are sent, and {@code choices[0].logprobs.content} becomes the
 * output_text's {@code logprobs}, only when include asks for them (see {@link Logprobs}); the refusal's logprobs
 * are dropped, as a Responses refusal part has no field for them.
 */
final class ChatTranslation {
    static final String ONLY_FUNCTION_TOOLS = "only function tools are supported with UPSTREAM_API=chat";

    private ChatTranslation() {}

    static ObjectNode requestBody(ModelRequest request, String maxTokensField) {
        ObjectNode body = Json.object();
        body.put("model", request.model());
        body.set("messages", messages(request.instructions(), request.context()));
        addSettings(request.settings() == null ? Json.object() : request.settings(), maxTokensField, body);
        return body;
    }

    // --- items to messages ------------------------------------------------------------------------------

    static ArrayNode messages(String instructions, List<ObjectNode> context) {
        ArrayNode messages = Json.array();
        if (instructions != null) messages.addObject().put("role", "system").put("content", instructions);
        ObjectNode last = null;
        for (ObjectNode item : context == null ? List.<ObjectNode>of() : context) {
            switch (typeOf(item)) {
                case "message" -> last = append(messages, message(item));
                case "function_call" -> {
                    if (last == null || !"assistant".equals(last.path("role").asText())) {
                        last = messages.addObject().put("role", "assistant").putNull("content");
                    }
                    ArrayNode calls = last.has("tool_calls") ? (ArrayNode) last.get("tool_calls")
                            : last.putArray("tool_calls");
                    calls.add(toolCall(item));
                }
                case "function_call_output" -> last = append(messages, toolMessage(item));
                default -> { }
            }
        }
        return messages;
    }

    private static ObjectNode append(ArrayNode messages, ObjectNode message) {
        messages.add(message);
        return message;
    }

    private static String typeOf(ObjectNode item) {
        JsonNode type = item.get("type");
        if (type != null && type.isTextual()) return type.textValue();
        return item.has("role") ? "message" : "";
    }

    private static ObjectNode message(ObjectNode item) {
        String role = item.path("role").asText();
        return switch (role) {
            case "assistant" -> assistantMessage(item.get("content"));
            case "user", "system" -> inputMessage(role, item.get("content"));
            case "developer" -> inputMessage("system", item.get("content"));
            default -> throw rejected("a message with role '" + role + "' cannot be sent with UPSTREAM_API=chat");
        };
    }

    private static ObjectNode inputMessage(String role, JsonNode content) {
        ObjectNode message = Json.object().put("role", role);
        if (content == null || content.isNull()) return message.putNull("content");
        if (content.isTextual()) return message.put("content", content.textValue());
        String text = textOnly(content);
        if (text != null) {
            message.put("content", text);
            return message;
        }
        ArrayNode parts = message.putArray("content");
        for (JsonNode part : content) parts.add(chatPart(part));
        return message;
    }

    private static ObjectNode assistantMessage(JsonNode content) {
        ObjectNode message = Json.object().put("role", "assistant");
        if (content == null || content.isNull()) return message.putNull("content");
        if (content.isTextual()) return message.put("content", content.textValue());
        List<String> texts = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (JsonNode part : content) {
            String type = part.path("type").asText();
            if (isText(type)) {
                texts.add(part.path("text").asText());
            } else if (type.equals("refusal")) {
                refusals.add(part.path("refusal").asText());
            } else {
                throw rejected("an assistant content part of type '" + type
                        + "' cannot be sent with UPSTREAM_API=chat");
            }
        }
        if (texts.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", String.join("\n", texts));
        }
        if (!refusals.isEmpty()) message.put("refusal", String.join("\n", refusals));
        return message;
    }

    /** The parts' text joined with newlines when every part is text, else null. */
    private static String textOnly(JsonNode parts) {
        List<String> texts = new ArrayList<>();
        for (JsonNode part : parts) {
            if (!isText(part.path("type").asText())) return null;
            texts.add(part.path("text").asText());
        }
        return String.join("\n", texts);
    }

    private static boolean isText(String type) {
        return type.equals("input_text") || type.equals("output_text") || type.equals("text");
    }

    private static ObjectNode chatPart(JsonNode part) {
        String type = part.path("type").asText();
        switch (type) {
            case "input_text", "output_text", "text" -> {
                return Json.object().put("type", "text").put("text", part.path("text").asText());
            }
            case "input_image" -> {
                if (!part.path("image_url").isTextual()) {
                    throw rejected("an input_image given only by file_id cannot be sent with UPSTREAM_API=chat;"
                            + " give it as image_url (a URL or a data URL)");
                }
                ObjectNode chat = Json.object().put("type", "image_url");
                ObjectNode image = chat.putObject("image_url").put("url", part.get("image_url").textValue());
                if (part.path("detail").isTextual()) image.put("detail", part.get("detail").textValue());
                return chat;
            }
            case "input_file" -> {
                ObjectNode chat = Json.object().put("type", "file");
                ObjectNode file = chat.putObject("file");
                for (String field : List.of("file_id", "file_data", "filename")) {
                    if (part.path(field).isTextual()) file.put(field, part.get(field).textValue());
                }
                if (!file.has("file_id") && !file.has("file_data")) {
                    throw rejected("an input_file given only by file_url cannot be sent with UPSTREAM_API=chat;"
                            + " give it as file_data or file_id");
                }
                return chat;
            }
            default -> throw rejected("a content part of type '" + type + "' cannot be sent with UPSTREAM_API=chat");
        }
    }

    private static ObjectNode toolCall(ObjectNode item) {
        ObjectNode call = Json.object();
        call.put("id", item.path("call_id").asText());
        call.put("type", "function");
        call.putObject("function")
                .put("name", item.path("name").asText())
                .put("arguments", item.path("arguments").asText());
        return call;
    }

    private static ObjectNode toolMessage(ObjectNode item) {
        ObjectNode message = Json.object().put("role", "tool").put("tool_call_id", item.path("call_id").asText());
        JsonNode output = item.get("output");
        if (output != null && output.isArray()) {
            String text = textOnly(output);
            if (text == null) {
                throw rejected("a function_call_output with images or files cannot be sent with UPSTREAM_API=chat;"
                        + " only text output can");
            }
            message.put("content", text);
        } else {
            message.put("content", output == null || output.isNull() ? "" : output.asText());
        }
        return message;
    }

    // --- settings ----------------------------------------------------------------------------------------

    private static void addSettings(ObjectNode settings, String maxTokensField, ObjectNode body) {
        JsonNode tools = present(settings, "tools");
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            ArrayNode chatTools = body.putArray("tools");
            for (JsonNode tool : tools) chatTools.add(chatTool(tool));
            JsonNode toolChoice = present(settings, "tool_choice");
            if (toolChoice != null) body.set("tool_choice", chatToolChoice(toolChoice));
            copy(settings, "parallel_tool_calls", body, "parallel_tool_calls");
        }
        copy(settings, "temperature", body, "temperature");
        copy(settings, "top_p", body, "top_p");
        copy(settings, "max_output_tokens", body, maxTokensField);
        JsonNode text = present(settings, "text");
        if (text != null) {
            JsonNode format = present(text, "format");
            if (format != null) {
                ObjectNode responseFormat = responseFormat(format);
                if (responseFormat != null) body.set("response_format", responseFormat);
            }
            copy(text, "verbosity", body, "verbosity");
        }
        JsonNode reasoning = present(settings, "reasoning");
        if (reasoning != null) copy(reasoning, "effort", body, "reasoning_effort");
        for (String field : List.of("user", "safety_identifier", "prompt_cache_key", "service_tier")) {
            copy(settings, field, body, field);
        }
        // Only with include message.output_text.logprobs, as OpenAI returns them only then (see Logprobs).
        if (Logprobs.asked(settings)) {
            body.put("logprobs", true);
            JsonNode topLogprobs = present(settings, "top_logprobs");
            if (topLogprobs != null && topLogprobs.asInt() > 0) body.set("top_logprobs", topLogprobs);
        }
    }

    private static ObjectNode chatTool(JsonNode tool) {
        if (!"function".equals(tool.path("type").asText())) throw rejected(ONLY_FUNCTION_TOOLS);
        ObjectNode chat = Json.object().put("type", "function");
        ObjectNode function = chat.putObject("function");
        for (String field : List.of("name", "description", "parameters", "strict")) {
            copy(tool, field, function, field);
        }
        return chat;
    }

    private static JsonNode chatToolChoice(JsonNode choice) {
        if (choice.isTextual()) return choice;
        String type = choice.path("type").asText();
        if (type.equals("function")) return functionReference(choice);
        if (type.equals("allowed_tools")) {
            ObjectNode chat = Json.object().put("type", "allowed_tools");
            ObjectNode allowed = chat.putObject("allowed_tools");
            copy(choice, "mode", allowed, "mode");
            ArrayNode tools = allowed.putArray("tools");
            for (JsonNode tool : choice.path("tools")) {
                if (!"function".equals(tool.path("type").asText())) throw rejected(ONLY_FUNCTION_TOOLS);
                tools.add(functionReference(tool));
            }
            return chat;
        }
        throw rejected("tool_choice of type '" + type + "' cannot be sent with UPSTREAM_API=chat; "
                + ONLY_FUNCTION_TOOLS);
    }

    private static ObjectNode functionReference(JsonNode tool) {
        ObjectNode chat = Json.object().put("type", "function");
        chat.putObject("function").put("name", tool.path("name").asText());
        return chat;
    }

    private static ObjectNode responseFormat(JsonNode format) {
        return switch (format.path("type").asText()) {
            case "json_schema" -> {
                ObjectNode chat = Json.object().put("type", "json_schema");
                ObjectNode schema = chat.putObject("json_schema");
                for (String field : List.of("name", "schema", "strict", "description")) {
                    copy(format, field, schema, field);
                }
                yield chat;
            }
            case "json_object" -> Json.object().put("type", "json_object");
            default -> null;
        };
    }

    private static JsonNode present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode value = present(from, field);
        if (value != null) to.set(as, value.deepCopy());
    }

    static UpstreamException rejected(String message) {
        return new UpstreamException(UpstreamException.Kind.REJECTED, 400, message, null, null);
    }

    // --- completion to items -----------------------------------------------------------------------------

    /** @param logprobsAsked the request asked for logprobs ({@link Logprobs#asked}): only then are they kept */
    static ModelResult result(JsonNode completion, boolean logprobsAsked) {
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (!message.isObject()) {
            throw UpstreamException.unavailable("Upstream model replied without choices[0].message");
        }
        String incompleteReason = switch (choice.path("finish_reason").asText()) {
            case "length" -> "max_output_tokens";
            case "content_filter" -> "content_filter";
            default -> null;
        };
        String itemStatus = incompleteReason == null ? "completed" : "incomplete";

        List<ObjectNode> output = new ArrayList<>();
        String reasoning = nonEmptyText(message, "reasoning_content");
        if (reasoning == null) reasoning = nonEmptyText(message, "reasoning");
        if (reasoning != null) output.add(reasoningItem(reasoning));

        String text = nonEmptyText(message, "content");
        String refusal = nonEmptyText(message, "refusal");
        ArrayNode logprobs = logprobsAsked ? Logprobs.fromChat(choice.path("logprobs").get("content")) : Json.array();
        if (text != null || refusal != null) output.add(outputMessage(text, logprobs, refusal, itemStatus));

        for (JsonNode call : message.path("tool_calls")) output.add(functionCall(call, itemStatus));

        return new ModelResult(output, usage(completion.get("usage")),
                incompleteReason == null ? "completed" : "incomplete", incompleteReason);
    }

    private static String nonEmptyText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
    }

    private static ObjectNode reasoningItem(String text) {
        ObjectNode item = Json.object().put("type", "reasoning").put("id", Ids.newId("rs"));
        item.putArray("summary");
        item.putArray("content").addObject().put("type", "reasoning_text").put("text", text);
        return item;
    }

    private static ObjectNode outputMessage(String text, ArrayNode logprobs, String refusal, String status) {
        ObjectNode item = Json.object()
                .put("type", "message")
                .put("id", Ids.newId("msg"))
                .put("status", status)
                .put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            ObjectNode part = content.addObject().put("type", "output_text").put("text", text);
            part.putArray("annotations");
            part.set("logprobs", logprobs);
        }
        if (refusal != null) content.addObject().put("type", "refusal").put("refusal", refusal);
        return item;
    }

    private static ObjectNode functionCall(JsonNode call, String status) {
        JsonNode function = call.path("function");
        JsonNode arguments = function.get("arguments");
        String callId = call.path("id").isTextual() && !call.get("id").textValue().isEmpty()
                ? call.get("id").textValue() : Ids.newId("call");
        return Json.object()
                .put("type", "function_call")
                .put("id", Ids.newId("fc"))
                .put("status", status)
                .put("call_id", callId)
                .put("name", function.path("name").asText())
                .put("arguments", arguments == null || arguments.isNull() ? "{}"
                        : arguments.isTextual() ? arguments.textValue() : Json.write(arguments));
    }

    private static ObjectNode usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) return Usage.of(0, 0, 0, 0, 0);
        long input = Usage.count(usage, "prompt_tokens");
        long output = Usage.count(usage, "completion_tokens");
        long total = usage.path("total_tokens").isNumber() ? usage.get("total_tokens").asLong() : input + output;
        return Usage.of(input, Usage.count(usage.get("prompt_tokens_details"), "cached_tokens"), output,
                Usage.count(usage.get("completion_tokens_details"), "reasoning_tokens"), total);
    }
}
