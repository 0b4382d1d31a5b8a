package org.openconversations.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openconversations.local.LocalLambdaContext;

/**
 * Turns an event fixture into a request for objects that exist: the fixtures name a conversation, an item and
 * a response that are not in the store, so their ids are replaced by ones created here, through our own
 * handlers in this JVM (the benchmark's JVM, never the measured one).
 */
final class LiveTargets {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, LiveTargets.class.getClassLoader());
    static final String CREATE_CONVERSATION = "POST /v1/conversations";
    static final String CREATE_ITEMS = "POST /v1/conversations/{conversation_id}/items";
    static final String CREATE_RESPONSE = "POST /v1/responses";

    private final Map<String, BenchRoute> routes = new LinkedHashMap<>();
    private final Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers = new HashMap<>();
    /** Path parameter name (conversation_id, item_id, response_id) to the id the fixtures use for it. */
    private final Map<String, String> fixtureIds = new LinkedHashMap<>();
    /** Per route, so one route's writes (items appended by the hundred) never slow another route's reads. */
    private final Map<String, Map<String, String>> shared = new HashMap<>();

    LiveTargets(List<BenchRoute> routes) {
        for (BenchRoute route : routes) {
            this.routes.put(route.routeKey(), route);
            pathParameters(route.event()).forEach(fixtureIds::putIfAbsent);
        }
        fixtureIds.remove("proxy");
    }

    /** The route's event, aimed at live objects: fresh ones for a route that consumes its target. */
    String eventFor(BenchRoute route) {
        return aimed(route, route.consumesTarget() ? fresh(route) : shared(route));
    }

    /** Only the consumed object is new: an item is added to the shared conversation, a response gets its own. */
    private Map<String, String> fresh(BenchRoute route) {
        Map<String, String> live = new HashMap<>(shared(route));
        if (names(route, "response_id")) {
            live.put("conversation_id", createdId(CREATE_CONVERSATION, Map.of(), "/id"));
            live.put("response_id", createdId(CREATE_RESPONSE, live, "/id"));
        } else if (names(route, "item_id")) {
            live.put("item_id", createdId(CREATE_ITEMS, live, "/data/0/id"));
        } else {
            live.put("conversation_id", createdId(CREATE_CONVERSATION, Map.of(), "/id"));
        }
        return live;
    }

    private boolean names(BenchRoute route, String parameter) {
        return fixtureIds.containsKey(parameter) && route.event().contains(fixtureIds.get(parameter));
    }

    private Map<String, String> shared(BenchRoute route) {
        return shared.computeIfAbsent(route.routeKey(), key -> create());
    }

    /** The route's event aimed at the given objects (path parameter name to id). */
    String aimed(BenchRoute route, Map<String, String> live) {
        String event = route.event();
        for (var fixture : fixtureIds.entrySet()) {
            if (live.containsKey(fixture.getKey())) event = event.replace(fixture.getValue(), live.get(fixture.getKey()));
        }
        return event;
    }

    /** The event with another body. */
    static String withBody(String event, String body) {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) read(event);
        tree.put("body", body);
        return tree.toString();
    }

    /** The event with one query parameter set, in both forms API Gateway sends. */
    static String withQuery(String event, String name, String value) {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) read(event);
        tree.put("rawQueryString", name + "=" + value);
        tree.putObject("queryStringParameters").put(name, value);
        return tree.toString();
    }

    /** The tenant the fixtures' authorizer context names. */
    String tenant() {
        return read(routes.values().iterator().next().event()).at("/requestContext/authorizer/lambda/tenant").asText();
    }

    BenchRoute route(String routeKey) {
        BenchRoute route = routes.get(routeKey);
        if (route == null) throw new IllegalStateException("template.yaml has no route " + routeKey + " with an event");
        return route;
    }

    /** A new conversation with one item, and a response on it (when the template has those routes). */
    Map<String, String> create() {
        Map<String, String> live = new HashMap<>();
        String conversation = createdId(CREATE_CONVERSATION, Map.of(), "/id");
        live.put("conversation_id", conversation);
        if (routes.containsKey(CREATE_ITEMS)) {
            live.put("item_id", createdId(CREATE_ITEMS, live, "/data/0/id"));
        }
        if (routes.containsKey(CREATE_RESPONSE)) {
            live.put("response_id", createdId(CREATE_RESPONSE, live, "/id"));
        }
        return live;
    }

    /** Creates through the route's handler and returns the id at {@code pointer} in its answer. */
    String createdId(String routeKey, Map<String, String> live, String pointer) {
        BenchRoute route = route(routeKey);
        String event = aimed(route, live);
        APIGatewayV2HTTPResponse response = invoke(route, event);
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException(routeKey + " answered " + response.getStatusCode() + ": " + response.getBody());
        }
        return read(response.getBody()).at(pointer).asText();
    }

    APIGatewayV2HTTPResponse invoke(BenchRoute route, String event) {
        var handler = handlers.computeIfAbsent(route.handlerClass(), LiveTargets::instantiate);
        return handler.handleRequest(EVENTS.fromJson(event), new LocalLambdaContext(route.functionId(), 29, 1024));
    }

    Map<String, String> fixtureIds() {
        return Map.copyOf(fixtureIds);
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> instantiate(String className) {
        try {
            return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                    Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot load handler " + className, e);
        }
    }

    private static Map<String, String> pathParameters(String event) {
        Map<String, String> parameters = new LinkedHashMap<>();
        read(event).path("pathParameters").properties().forEach(e -> parameters.put(e.getKey(), e.getValue().asText()));
        return parameters;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
