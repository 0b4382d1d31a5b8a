package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Route selection rules, without HTTP. */
class RouteTableTest {

    private static final RouteTable ROUTES = new RouteTable(List.of(
            new RouteTable.Route("POST", "/v1/conversations", "Create"),
            new RouteTable.Route("GET", "/v1/conversations/{conversation_id}", "Get"),
            new RouteTable.Route("GET", "/v1/conversations/{conversation_id}/items/{item_id}", "GetItem"),
            new RouteTable.Route("ANY", "/{proxy+}", "NotFound")));

    @Test
    void routes_literal_path_before_greedy_catch_all() {
        assertEquals("Create", functionFor("POST", "/v1/conversations"));
    }

    @Test
    void routes_other_methods_of_a_literal_path_to_the_catch_all() {
        assertEquals("NotFound", functionFor("GET", "/v1/conversations"));
    }

    @Test
    void does_not_match_a_trailing_slash_to_a_path_parameter() {
        assertEquals("NotFound", functionFor("GET", "/v1/conversations/"));
    }

    @Test
    void matches_methods_case_insensitively() {
        assertEquals("Get", functionFor("get", "/v1/conversations/conv_1"));
    }

    @Test
    void keeps_an_encoded_slash_inside_one_path_parameter() {
        RouteTable.RouteMatch match = ROUTES.match("GET", "/v1/conversations/a%2Fb").orElseThrow();
        assertEquals("Get", match.route().functionId());
        assertEquals(Map.of("conversation_id", "a/b"), match.pathParameters());
    }

    @Test
    void leaves_malformed_percent_encoding_as_received() {
        RouteTable.RouteMatch match = ROUTES.match("GET", "/v1/conversations/100%").orElseThrow();
        assertEquals(Map.of("conversation_id", "100%"), match.pathParameters());
    }

    @Test
    void greedy_variable_needs_at_least_one_character() {
        assertTrue(ROUTES.match("GET", "/").isEmpty());
    }

    @Test
    void default_route_catches_only_what_nothing_else_matches() {
        RouteTable routes = new RouteTable(List.of(
                new RouteTable.Route("ANY", "$default", "Default"),
                new RouteTable.Route("GET", "/v1/x", "X")));
        assertEquals("X", routes.match("GET", "/v1/x").orElseThrow().route().functionId());
        RouteTable.RouteMatch fallback = routes.match("POST", "/v1/x").orElseThrow();
        assertEquals("Default", fallback.route().functionId());
        assertEquals("$default", fallback.route().routeKey());
    }

    @Test
    void rejects_a_greedy_variable_that_is_not_last() {
        assertThrows(IllegalArgumentException.class,
                () -> new RouteTable(List.of(new RouteTable.Route("GET", "/{proxy+}/x", "Bad"))));
    }

    private static String functionFor(String method, String path) {
        return ROUTES.match(method, path).orElseThrow().route().functionId();
    }
}
