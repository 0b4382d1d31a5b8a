package org.openconversations.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.json.Json;

class ApiRequestTest {
    private static final String INVALID_JSON_START = "We could not parse the JSON body of your request.";

    private static ApiRequest withQuery(String rawQueryString) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawQueryString(rawQueryString);
        return new ApiRequest(event);
    }

    private static ApiRequest withBody(String body, boolean base64) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setBody(body);
        event.setIsBase64Encoded(base64);
        return new ApiRequest(event);
    }

    private static void assertInvalidJson(InvalidRequestException e) {
        assertEquals(400, e.status());
        assertEquals("invalid_request_error", e.type());
        assertTrue(e.getMessage().startsWith(INVALID_JSON_START), e.getMessage());
        assertNull(e.param());
        assertNull(e.code());
    }

    // --- query string ----------------------------------------------------------------------------------

    @Test
    void repeated_include_brackets_and_plain_include_are_all_collected_in_order() {
        ApiRequest request = withQuery("include[]=a&limit=5&include=b&include[]=c");

        assertEquals(List.of("a", "b", "c"), request.queryAll("include[]", "include"));
    }

    @Test
    void includes_collects_include_brackets_and_plain_include_but_no_other_name() {
        ApiRequest request = withQuery("include=a&includes=x&include%5B%5D=b&include[]=c&include[0]=y");

        assertEquals(List.of("a", "b", "c"), request.includes());
    }

    @Test
    void percent_encoded_brackets_in_the_name_are_decoded() {
        ApiRequest request = withQuery("include%5B%5D=reasoning.encrypted_content&include%5b%5d=x");

        assertEquals(List.of("reasoning.encrypted_content", "x"), request.queryAll("include[]"));
    }

    @Test
    void values_are_percent_decoded() {
        ApiRequest request = withQuery("after=msg%5Fabc&q=a%20b%2Bc&u=%C3%A9");

        assertEquals("msg_abc", request.query("after"));
        assertEquals("a b+c", request.query("q"));
        assertEquals("\u00e9", request.query("u"));
    }

    @Test
    void values_containing_commas_stay_one_value() {
        ApiRequest request = withQuery("include[]=a,b&include[]=c%2Cd");

        assertEquals(List.of("a,b", "c,d"), request.queryAll("include[]"));
    }

    @Test
    void query_returns_the_first_of_repeated_values() {
        assertEquals("5", withQuery("limit=5&limit=7").query("limit"));
    }

    @Test
    void absent_parameter_is_null_and_has_no_values() {
        ApiRequest request = withQuery("limit=5");

        assertNull(request.query("order"));
        assertEquals(List.of(), request.queryAll("include[]", "include"));
    }

    @Test
    void parameter_without_equals_sign_has_an_empty_value() {
        ApiRequest request = withQuery("order&limit=");

        assertEquals("", request.query("order"));
        assertEquals("", request.query("limit"));
    }

    @Test
    void empty_segments_are_ignored() {
        assertEquals(List.of("a"), withQuery("&&include=a&").queryAll("include"));
    }

    @Test
    void value_may_contain_an_equals_sign() {
        assertEquals("a=b", withQuery("after=a=b").query("after"));
    }

    @Test
    void malformed_percent_encoding_is_400() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> withQuery("after=%zz").query("after"));

        assertEquals(400, e.status());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void truncated_percent_escape_is_400() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> withQuery("limit=5&order=%").query("limit"));

        assertEquals(400, e.status());
    }

    @Test
    void malformed_percent_encoding_in_a_name_is_400() {
        assertThrows(InvalidRequestException.class, () -> withQuery("inc%2=x").queryAll("include"));
    }

    @Test
    void without_raw_query_string_the_parsed_parameters_are_used() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setQueryStringParameters(Map.of("limit", "7"));

        assertEquals("7", new ApiRequest(event).query("limit"));
    }

    @Test
    void no_query_at_all_has_no_parameters() {
        assertNull(new ApiRequest(new APIGatewayV2HTTPEvent()).query("limit"));
    }

    // --- body ---------------------------------------------------------------------------------------------

    @Test
    void plain_body_is_parsed_as_json() {
        JsonNode body = withBody("{\"metadata\":{\"k\":\"v\"}}", false).jsonBody();

        assertEquals(Json.parse("{\"metadata\":{\"k\":\"v\"}}"), body);
    }

    @Test
    void base64_body_is_decoded_as_utf8_before_parsing() {
        String json = "{\"metadata\":{\"k\":\"caf\u00e9 \uD83D\uDE00\"}}";
        String encoded = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));

        JsonNode body = withBody(encoded, true).jsonBody();

        assertEquals("caf\u00e9 \uD83D\uDE00", body.get("metadata").get("k").textValue());
    }

    @Test
    void base64_body_that_is_not_utf8_is_the_invalid_json_400() {
        byte[] latin1 = "{\"k\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        String encoded = Base64.getEncoder().encodeToString(latin1);

        assertInvalidJson(assertThrows(InvalidRequestException.class, () -> withBody(encoded, true).jsonBody()));
    }

    @Test
    void body_that_is_not_valid_base64_is_the_invalid_json_400() {
        assertInvalidJson(assertThrows(InvalidRequestException.class, () -> withBody("!!not base64!!", true).jsonBody()));
    }

    @Test
    void blank_body_is_an_empty_object_where_the_body_is_optional() {
        assertEquals(Json.object(), withBody("  \n", false).optionalJsonBody());
        assertEquals(Json.object(), withBody(null, false).optionalJsonBody());
        assertEquals(Json.object(), withBody("", true).optionalJsonBody());
    }

    @Test
    void blank_body_is_the_invalid_json_400_where_the_body_is_required() {
        assertInvalidJson(assertThrows(InvalidRequestException.class, () -> withBody("   ", false).jsonBody()));
    }

    @Test
    void absent_body_is_the_invalid_json_400_where_the_body_is_required() {
        assertInvalidJson(assertThrows(InvalidRequestException.class, () -> withBody(null, false).jsonBody()));
    }

    @Test
    void present_optional_body_is_still_validated() {
        assertInvalidJson(assertThrows(InvalidRequestException.class,
                () -> withBody("{\"metadata\":", false).optionalJsonBody()));
    }

    @Test
    void duplicate_json_keys_are_the_invalid_json_400() {
        assertInvalidJson(assertThrows(InvalidRequestException.class,
                () -> withBody("{\"metadata\":{},\"metadata\":null}", false).jsonBody()));
    }

    @Test
    void nested_duplicate_json_keys_are_the_invalid_json_400() {
        assertInvalidJson(assertThrows(InvalidRequestException.class,
                () -> withBody("{\"metadata\":{\"k\":\"a\",\"k\":\"b\"}}", false).jsonBody()));
    }

    @Test
    void nan_is_the_invalid_json_400() {
        assertInvalidJson(assertThrows(InvalidRequestException.class,
                () -> withBody("{\"x\":NaN}", false).jsonBody()));
    }

    @Test
    void trailing_garbage_after_the_json_value_is_the_invalid_json_400() {
        assertInvalidJson(assertThrows(InvalidRequestException.class,
                () -> withBody("{\"items\":[]} trailing", false).jsonBody()));
    }

    @Test
    void second_json_value_after_the_first_is_the_invalid_json_400() {
        assertInvalidJson(assertThrows(InvalidRequestException.class,
                () -> withBody("{} {}", false).jsonBody()));
    }

    @Test
    void single_quoted_json_is_the_invalid_json_400() {
        assertInvalidJson(assertThrows(InvalidRequestException.class,
                () -> withBody("{'items':[]}", false).jsonBody()));
    }

    @Test
    void trailing_whitespace_after_the_json_value_is_accepted() {
        assertEquals(Json.object(), withBody("{}\n  ", false).jsonBody());
    }

    // --- request context ----------------------------------------------------------------------------------

    @Test
    void request_id_method_path_and_path_parameters_come_from_the_event() {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("GET");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("req-123");
        context.setHttp(http);
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setLambda(Map.of("tenant", "default"));
        context.setAuthorizer(authorizer);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRequestContext(context);
        event.setRawPath("/v1/conversations/conv_1");
        event.setPathParameters(Map.of("conversation_id", "conv_1"));

        ApiRequest request = new ApiRequest(event);

        assertEquals("req-123", request.requestId());
        assertEquals("GET", request.method());
        assertEquals("/v1/conversations/conv_1", request.path());
        assertEquals("conv_1", request.pathParameter("conversation_id"));
        assertEquals("conv_1", request.conversation().conversationId());
    }

    @Test
    void missing_request_context_gives_empty_strings() {
        ApiRequest request = new ApiRequest(new APIGatewayV2HTTPEvent());

        assertEquals("", request.requestId());
        assertEquals("", request.method());
        assertEquals("", request.path());
        assertEquals("", request.pathParameter("conversation_id"));
    }
}
