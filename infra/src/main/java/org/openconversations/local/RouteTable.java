package org.openconversations.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP API route selection: among the routes whose path and method match, the most specific wins.
 * Segment by segment a literal beats a {@code {param}}, which beats a greedy {@code {name+}}; then
 * an explicit method beats ANY; {@code $default} only catches what nothing else matches.
 */
public final class RouteTable {

    /** A route of the template, pointing at the function that serves it. */
    public record Route(String method, String path, String functionId) {

        public Route {
            method = method.toUpperCase(Locale.ROOT);
        }

        public String routeKey() {
            return isDefault() ? FunctionDefinition.HttpApiEvent.DEFAULT_ROUTE : method + " " + path;
        }

        boolean isDefault() {
            return path.equals(FunctionDefinition.HttpApiEvent.DEFAULT_ROUTE);
        }
    }

    /** The selected route and its URL-decoded path parameters. */
    public record RouteMatch(Route route, Map<String, String> pathParameters) {
    }

    private enum SegmentKind { LITERAL, PARAMETER, GREEDY }

    private record Segment(SegmentKind kind, String text) {
    }

    private record CompiledRoute(Route route, List<Segment> segments) {
    }

    private record Candidate(CompiledRoute route, int[] rank, Map<String, String> pathParameters) {
    }

    private final List<CompiledRoute> routes;

    public RouteTable(List<Route> routes) {
        this.routes = routes.stream().map(route -> new CompiledRoute(route, compile(route))).toList();
    }

    public static RouteTable of(List<FunctionDefinition> functions) {
        List<Route> routes = new ArrayList<>();
        for (FunctionDefinition function : functions) {
            for (FunctionDefinition.HttpApiEvent event : function.httpApiEvents()) {
                routes.add(new Route(event.method(), event.path(), function.logicalId()));
            }
        }
        return new RouteTable(routes);
    }

    public List<Route> routes() {
        return routes.stream().map(CompiledRoute::route).toList();
    }

    /** @param rawPath the request path as received, still percent-encoded */
    public Optional<RouteMatch> match(String method, String rawPath) {
        String requestMethod = method.toUpperCase(Locale.ROOT);
        String[] requestSegments = splitPath(rawPath);
        Optional<Candidate> best = routes.stream()
                .filter(compiled -> !compiled.route().isDefault())
                .filter(compiled -> compiled.route().method().equals(requestMethod)
                        || compiled.route().method().equals("ANY"))
                .flatMap(compiled -> matchPath(compiled, requestSegments).stream())
                .min(Comparator.comparing(Candidate::rank, Arrays::compare));
        if (best.isPresent()) {
            return best.map(candidate -> new RouteMatch(candidate.route().route(), candidate.pathParameters()));
        }
        return routes.stream()
                .filter(compiled -> compiled.route().isDefault())
                .findFirst()
                .map(compiled -> new RouteMatch(compiled.route(), Map.of()));
    }

    private static Optional<Candidate> matchPath(CompiledRoute compiled, String[] request) {
        List<Segment> segments = compiled.segments();
        int[] rank = new int[segments.size() + 1];
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            rank[i] = segment.kind().ordinal();
            if (segment.kind() == SegmentKind.GREEDY) {
                if (i >= request.length) {
                    return Optional.empty();
                }
                String rest = String.join("/", Arrays.copyOfRange(request, i, request.length));
                if (rest.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.text(), PercentDecoding.decodePath(rest));
                rank[segments.size()] = methodRank(compiled.route());
                return Optional.of(new Candidate(compiled, rank, Collections.unmodifiableMap(parameters)));
            }
            if (i >= request.length) {
                return Optional.empty();
            }
            String value = PercentDecoding.decodePath(request[i]);
            if (segment.kind() == SegmentKind.LITERAL) {
                if (!segment.text().equals(value)) {
                    return Optional.empty();
                }
            } else if (value.isEmpty()) {
                return Optional.empty();
            } else {
                parameters.put(segment.text(), value);
            }
        }
        if (segments.size() != request.length) {
            return Optional.empty();
        }
        rank[segments.size()] = methodRank(compiled.route());
        return Optional.of(new Candidate(compiled, rank, Collections.unmodifiableMap(parameters)));
    }

    private static int methodRank(Route route) {
        return route.method().equals("ANY") ? 1 : 0;
    }

    private static List<Segment> compile(Route route) {
        if (route.isDefault()) {
            return List.of();
        }
        if (!route.path().startsWith("/")) {
            throw new IllegalArgumentException("Route path must start with /: " + route.routeKey());
        }
        String[] parts = splitPath(route.path());
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{") && part.endsWith("+}")) {
                if (i != parts.length - 1) {
                    throw new IllegalArgumentException("A greedy path variable must be last: " + route.routeKey());
                }
                segments.add(new Segment(SegmentKind.GREEDY, part.substring(1, part.length() - 2)));
            } else if (part.startsWith("{") && part.endsWith("}")) {
                segments.add(new Segment(SegmentKind.PARAMETER, part.substring(1, part.length() - 1)));
            } else {
                segments.add(new Segment(SegmentKind.LITERAL, part));
            }
        }
        return segments;
    }

    private static String[] splitPath(String path) {
        String withoutLeadingSlash = path.startsWith("/") ? path.substring(1) : path;
        return withoutLeadingSlash.split("/", -1);
    }
}
