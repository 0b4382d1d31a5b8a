package org.openconversations.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;

/** Builds the API Gateway HTTP API payload format 2.0 event for a request. */
public final class ApiGatewayEvents {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ApiGatewayEvents() {
    }

    public static APIGatewayV2HTTPEvent of(Request request, RequestTarget target, RouteTable.RouteMatch match,
            byte[] body, Instant now) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String rawPath = target.rawPath();
        String rawQuery = target.rawQuery();
        String sourceIp = Request.getRemoteAddr(request);

        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
            String lowerName = field.getName().toLowerCase(Locale.ROOT);
            if (lowerName.equals("cookie")) {
                cookies.addAll(splitCookies(field.getValue()));
            } else {
                headers.merge(lowerName, field.getValue(), (first, second) -> first + "," + second);
            }
        }
        headers.putIfAbsent("x-forwarded-for", sourceIp);
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-forwarded-port", String.valueOf(Request.getLocalPort(request)));
        String domainName = headers.getOrDefault("host", "127.0.0.1");

        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method)
                .withPath(rawPath)
                .withProtocol(request.getConnectionMetaData().getProtocol())
                .withSourceIp(sourceIp)
                .withUserAgent(headers.get("user-agent"))
                .build();
        String routeKey = match.route().routeKey();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId(LocalLambdaContext.ACCOUNT_ID)
                .withApiId("local")
                .withDomainName(domainName)
                .withDomainPrefix(domainPrefix(domainName))
                .withHttp(http)
                .withRequestId(UUID.randomUUID().toString())
                .withRouteKey(routeKey)
                .withStage("$default")
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .build();

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(routeKey);
        event.setRawPath(rawPath);
        event.setRawQueryString(rawQuery == null ? "" : rawQuery);
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setHeaders(headers);
        event.setQueryStringParameters(queryParameters(rawQuery));
        event.setPathParameters(match.pathParameters().isEmpty() ? null : new LinkedHashMap<>(match.pathParameters()));
        event.setRequestContext(context);
        if (body.length > 0) {
            String text = utf8(body);
            event.setIsBase64Encoded(text == null);
            event.setBody(text != null ? text : Base64.getEncoder().encodeToString(body));
        }
        return event;
    }

    /** Decoded parameters; a key that repeats gets its values joined with commas. */
    static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = PercentDecoding.decodeQuery(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : PercentDecoding.decodeQuery(pair.substring(equals + 1));
            parameters.merge(key, value, (first, second) -> first + "," + second);
        }
        return parameters.isEmpty() ? null : parameters;
    }

    private static List<String> splitCookies(String header) {
        List<String> cookies = new ArrayList<>();
        for (String cookie : header.split(";")) {
            String trimmed = cookie.trim();
            if (!trimmed.isEmpty()) {
                cookies.add(trimmed);
            }
        }
        return cookies;
    }

    private static String domainPrefix(String domainName) {
        String host = domainName.contains(":") ? domainName.substring(0, domainName.indexOf(':')) : domainName;
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    /** The body as text, or null when it is not valid UTF-8 (then API Gateway base64-encodes it). */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
