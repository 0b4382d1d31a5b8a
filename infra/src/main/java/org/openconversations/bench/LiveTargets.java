package org.openconversations.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openconversations.local.LocalLambdaContext;

/**
 * Turns an event fixture into a request for objects that exist: the fixtures name a conversation, an item and
 * a response that are not in the store, so their ids are replaced by ones created here, through our own
 * handlers in this JVM (the benchmark's JVM, never the measured one), or copied from those.
 */
final class LiveTargets {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, LiveTargets.class.getClassLoader());
    static final String CREATE_CONVERSATION = "POST /v1/conversations";
    static final String CREATE_ITEMS = "POST /v1/conversations/{conversation_id}/items";
    static final String CREATE_RESPONSE = "POST /v1/responses";
    // Under the 20 a request takes, and odd: ours and R take turns, so refills fall before either's request.
    private static final int ITEMS_PER_REFILL = 19;

    private final Map<String, BenchRoute> routes = new LinkedHashMap<>();
    private final Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers = new HashMap<>();
    /** Path parameter name (conversation_id, item_id, response_id) to the id the fixtures use for it. */
    private final Map<String, String> fixtureIds = new LinkedHashMap<>();
    /** Per route, so one route's writes (items appended by the hundred) never slow another route's reads. */
    private final Map<String, Map<String, String>> shared = new HashMap<>();
    private final Map<String, Deque<String>> freshItems = new HashMap<>();
    private final RowCopies conversationCopies;
    private final RowCopies responseCopies;
    private final RowCopies turnConversations;
    private final String tenant;
    // A conversation as the create fixture makes it, never used itself: what each turn's conversation copies.
    private String turnSource;

    /**
     * @param turnConversations copies of a conversation with its items, for response turns
     */
    LiveTargets(List<BenchRoute> routes, RowCopies conversationCopies, RowCopies responseCopies,
            RowCopies turnConversations) {
        this.conversationCopies = conversationCopies;
        this.responseCopies = responseCopies;
        this.turnConversations = turnConversations;
        for (BenchRoute route : routes) {
            this.routes.put(route.routeKey(), route);
            pathParameters(route.event()).forEach(fixtureIds::putIfAbsent);
        }
        fixtureIds.remove("proxy");
        this.tenant = read(routes.get(0).event()).at("/requestContext/authorizer/lambda/tenant").asText();
    }

    /** The route's event, aimed at live objects: fresh ones for a route that consumes its target. */
    String eventFor(BenchRoute route) {
        return aimed(route, route.consumesTarget() ? fresh(route) : shared(route));
    }

    /**
     * Only the consumed object is new. A conversation or a response to delete is a copy of the shared one's
     * row; items to delete are added to the shared conversation a batch at a time; a response turn gets a
     * conversation of its own, a copy (with its items) of one the create fixture made through the handler.
     */
    private Map<String, String> fresh(BenchRoute route) {
        Map<String, String> live = new HashMap<>(shared(route));
        String keyPrefix = tenant() + "#";
        if (names(route, "response_id")) {
            live.put("response_id", responseCopies.next(keyPrefix, live.get("response_id")));
        } else if (names(route, "item_id")) {
            live.put("item_id", freshItem(route.routeKey(), live));
        } else if (route.method().equals("DELETE")) {
            live.put("conversation_id", conversationCopies.next(keyPrefix, live.get("conversation_id")));
        } else {
            if (turnSource == null) turnSource = createdId(CREATE_CONVERSATION, Map.of(), "/id");
            live.put("conversation_id", turnConversations.next(keyPrefix, turnSource));
        }
        return live;
    }

    private String freshItem(String routeKey, Map<String, String> live) {
        Deque<String> ids = freshItems.computeIfAbsent(routeKey, key -> new ArrayDeque<>());
        if (ids.isEmpty()) {
            BenchRoute create = route(CREATE_ITEMS);
            JsonNode items = read(read(create.event()).path("body").asText()).path("items");
            ArrayNode refill = JSON.createArrayNode();
            for (int i = 0; i < ITEMS_PER_REFILL; i++) refill.add(items.get(i % items.size()).deepCopy());
            String event = withBody(aimed(create, live), JSON.createObjectNode().set("items", refill).toString());
            read(created(create, event).getBody()).path("data").forEach(item -> ids.add(item.path("id").asText()));
        }
        return ids.removeFirst();
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
        return tenant;
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
        return read(created(route, aimed(route, live)).getBody()).at(pointer).asText();
    }

    private APIGatewayV2HTTPResponse created(BenchRoute route, String event) {
        APIGatewayV2HTTPResponse response = invoke(route, event);
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException(route.routeKey() + " answered " + response.getStatusCode() + ": "
                    + response.getBody());
        }
        return response;
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
