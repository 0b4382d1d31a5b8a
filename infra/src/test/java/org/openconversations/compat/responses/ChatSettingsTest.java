package org.openconversations.compat.responses;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.compat.responses.ResponsesSupport.MODEL;
import static org.openconversations.compat.responses.ResponsesSupport.error;
import static org.openconversations.compat.responses.ResponsesSupport.itemsJson;
import static org.openconversations.compat.responses.ResponsesSupport.json;
import static org.openconversations.compat.responses.ResponsesSupport.outputText;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.models.conversations.Conversation;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseTextConfig;
import com.openai.models.responses.ToolChoiceFunction;
import com.openai.models.responses.WebSearchTool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openconversations.json.Json;

/** Generation settings as the Chat Completions upstream receives them, and what it cannot receive. */
class ChatSettingsTest extends GatewayResponsesTest {
    @Test
    void sampling_settings_reach_the_upstream_and_are_echoed() {
        upstream.answer("Fine.");

        Response response = client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .input("How are you?")
                .temperature(0.25)
                .topP(0.5)
                .maxOutputTokens(64L)
                .build());

        JsonNode request = upstream.onlyRequest().json();
        assertAll(
                () -> assertEquals(0.25, request.get("temperature").asDouble()),
                () -> assertEquals(0.5, request.get("top_p").asDouble()),
                () -> assertEquals(64, request.get("max_tokens").asInt(), request::toString),
                () -> assertFalse(request.has("max_completion_tokens"), request::toString),
                () -> assertEquals(0.25, response.temperature().orElseThrow()),
                () -> assertEquals(0.5, response.topP().orElseThrow()),
                () -> assertEquals(64L, response.maxOutputTokens().orElseThrow()));
    }

    @Test
    void text_given_without_a_format_is_echoed_with_the_default_format() {
        upstream.answer("Fine.");

        Response response = client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .input("How are you?")
                .text(ResponseTextConfig.builder().verbosity(ResponseTextConfig.Verbosity.LOW).build())
                .build());

        ResponseTextConfig text = response.text().orElseThrow();
        assertAll(
                () -> assertTrue(text.format().orElseThrow().isText(), text::toString),
                () -> assertEquals(ResponseTextConfig.Verbosity.LOW, text.verbosity().orElseThrow()));
    }

    @Test
    void json_schema_text_format_becomes_the_chat_response_format() {
        upstream.answer("{\"name\":\"Anastasia\"}");
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of("name", Map.of("type", "string")),
                "required", List.of("name"), "additionalProperties", false);

        client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .input("My name is Anastasia. Answer as JSON.")
                .text(ResponseTextConfig.builder()
                        .format(ResponseFormatTextJsonSchemaConfig.builder()
                                .name("person")
                                .schema(ResponseFormatTextJsonSchemaConfig.Schema.builder()
                                        .additionalProperties(Map.of(
                                                "type", JsonValue.from(schema.get("type")),
                                                "properties", JsonValue.from(schema.get("properties")),
                                                "required", JsonValue.from(schema.get("required")),
                                                "additionalProperties", JsonValue.from(false)))
                                        .build())
                                .strict(true)
                                .build())
                        .build())
                .build());

        JsonNode expected = Json.parse("""
                {"type":"json_schema","json_schema":{"name":"person","strict":true,
                  "schema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],
                            "additionalProperties":false}}}""");
        assertEquals(expected, upstream.onlyRequest().json().get("response_format"));
    }

    @Test
    void forced_function_tool_choice_becomes_the_chat_tool_choice() {
        upstream.answer("ok");

        client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .input("Weather in Paris?")
                .addTool(FunctionTool.builder()
                        .name("get_weather")
                        .parameters(FunctionTool.Parameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of()))
                                .build())
                        .strict(false)
                        .build())
                .toolChoice(ToolChoiceFunction.builder().name("get_weather").build())
                .parallelToolCalls(false)
                .build());

        JsonNode request = upstream.onlyRequest().json();
        assertAll(
                () -> assertEquals(Json.parse("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"),
                        request.get("tool_choice")),
                () -> assertFalse(request.get("parallel_tool_calls").asBoolean(true)));
    }

    @Test
    void hosted_tool_is_refused_and_the_conversation_is_left_as_it_was() {
        Conversation conversation = client.conversations().create();
        upstream.answer("Hello!");
        client.responses().create(ResponseCreateParams.builder()
                .model(MODEL).conversation(conversation.id()).input("Hi").build());
        JsonNode before = itemsJson(client, conversation.id());
        upstream.reset();

        BadRequestException e = assertThrows(BadRequestException.class,
                () -> client.responses().create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .conversation(conversation.id())
                        .input("Search the web for the news")
                        .addTool(WebSearchTool.builder().type(WebSearchTool.Type.WEB_SEARCH).build())
                        .build()));

        assertAll(
                () -> assertTrue(error(e).message().contains("only function tools"), error(e).message()),
                () -> assertEquals(List.of(), upstream.requests()),
                () -> assertEquals(before, itemsJson(client, conversation.id())));
    }

    @Test
    void metadata_is_echoed_and_kept_with_the_stored_response() {
        upstream.answer("Tagged.");

        Response response = client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .input("Hi")
                .metadata(ResponseCreateParams.Metadata.builder()
                        .putAdditionalProperty("ticket", JsonValue.from("T-42"))
                        .build())
                .build());

        Response stored = client.responses().retrieve(response.id());
        assertAll(
                () -> assertEquals("Tagged.", outputText(response)),
                () -> assertEquals("T-42", json(response).path("metadata").path("ticket").asText()),
                () -> assertEquals("T-42", json(stored).path("metadata").path("ticket").asText()));
    }
}
