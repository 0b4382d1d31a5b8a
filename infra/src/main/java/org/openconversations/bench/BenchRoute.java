package org.openconversations.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openconversations.local.CloudFormationTemplate;
import org.openconversations.local.FunctionDefinition;

/**
 * A route of template.yaml with its handler and its event fixture from events/ (matched by routeKey), so a
 * route added to the template with an event is benchmarked without touching the harness.
 */
record BenchRoute(String functionId, String routeKey, String handlerClass, String event) {

    private static final ObjectMapper JSON = new ObjectMapper();

    String method() {
        return routeKey.substring(0, routeKey.indexOf(' '));
    }

    /**
     * Routes whose every request needs a fresh target: DELETE consumes its own, and a response turn grows the
     * conversation it then reads whole, so repeating it on one conversation would measure an ever longer
     * context instead of the fixture's.
     */
    boolean consumesTarget() {
        return method().equals("DELETE") || routeKey.equals("POST /v1/responses");
    }

    /** Routes in template order; {@code missing} collects the route keys that have no event fixture. */
    static List<BenchRoute> all(CloudFormationTemplate template, Path eventsDir, List<String> missing) {
        Map<String, String> events = eventsByRouteKey(eventsDir);
        List<BenchRoute> routes = new ArrayList<>();
        for (FunctionDefinition function : template.functions()) {
            for (FunctionDefinition.HttpApiEvent api : function.httpApiEvents()) {
                String event = events.get(api.routeKey());
                if (event == null) {
                    missing.add(api.routeKey());
                } else {
                    routes.add(new BenchRoute(function.logicalId(), api.routeKey(), function.handlerClassName(), event));
                }
            }
        }
        return routes;
    }

    /** HTTP API events (payload 2.0) only: the authorizer's own event names a route key too. */
    private static Map<String, String> eventsByRouteKey(Path eventsDir) {
        Map<String, String> events = new HashMap<>();
        try (Stream<Path> files = Files.list(eventsDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode event = JSON.readTree(file.toFile());
                if (event.path("version").asText().equals("2.0") && event.path("requestContext").has("http")
                        && !event.has("type") && event.hasNonNull("routeKey")) {
                    events.put(event.get("routeKey").asText(), JSON.writeValueAsString(event));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the event fixtures in " + eventsDir, e);
        }
        return events;
    }
}
