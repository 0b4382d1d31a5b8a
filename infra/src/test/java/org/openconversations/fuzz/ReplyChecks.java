package org.openconversations.fuzz;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What every reply to any request must be, however hostile the request. */
final class ReplyChecks {
    /** Text that only a leaked exception or stack trace puts in a body. Generated input never contains it. */
    static final List<String> INTERNALS = List.of(
            "at org.", "Exception", "java.", "\tat ", "org.openconversations", "com.fasterxml", "software.amazon",
            "jdk.internal", "sun.net");

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        // Replies may legitimately hold deep input we stored; this is a reader, not the server.
        STRICT.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(10_000).maxStringLength(Integer.MAX_VALUE).build());
    }

    private ReplyChecks() {}

    /** Whether generated text could be mistaken for leaked internals once echoed in a message. */
    static boolean harmless(String text) {
        for (String internal : INTERNALS) if (text.contains(internal)) return false;
        return true;
    }

    /** Throws AssertionError describing request and reply when the reply breaks a rule. */
    static void check(RawHttp.Request request, RawHttp.Reply reply) {
        int status = reply.status();
        if (status >= 500) fail("a 5xx", request, reply);
        if (!(status >= 200 && status < 300) && !(status >= 400 && status < 500)) fail("neither 2xx nor 4xx", request, reply);
        for (String internal : INTERNALS) {
            if (reply.text().contains(internal)) fail("internals ('" + internal + "') in the body", request, reply);
        }
        if (status >= 400) {
            checkEnvelope(request, reply);
        } else if (contentType(reply).startsWith("text/event-stream")) {
            checkEventStream(request, reply);
        } else {
            JsonNode body = parse(reply.text());
            if (body == null) fail("a 2xx whose body is not JSON", request, reply);
            if (!contentType(reply).startsWith("application/json")) fail("a 2xx JSON body not labelled as JSON", request, reply);
        }
    }

    private static void checkEnvelope(RawHttp.Request request, RawHttp.Reply reply) {
        if (!contentType(reply).startsWith("application/json")) fail("a 4xx not labelled application/json", request, reply);
        JsonNode body = parse(reply.text());
        if (body == null || !body.isObject()) fail("a 4xx whose body is not a JSON object", request, reply);
        if (body.size() != 1 || !body.has("error")) fail("a 4xx body with keys other than 'error'", request, reply);
        JsonNode error = body.get("error");
        List<String> names = new ArrayList<>();
        error.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        if (!names.equals(List.of("code", "message", "param", "type"))) {
            fail("an error object whose keys are not exactly message, type, param, code", request, reply);
        }
        if (!error.get("message").isTextual() || error.get("message").textValue().isEmpty()) {
            fail("an error message that is not a non-empty string", request, reply);
        }
        if (!error.get("type").isTextual()) fail("an error type that is not a string", request, reply);
        if (!(error.get("param").isTextual() || error.get("param").isNull())) fail("a param neither string nor null", request, reply);
        if (!(error.get("code").isTextual() || error.get("code").isNull())) fail("a code neither string nor null", request, reply);
    }

    private static void checkEventStream(RawHttp.Request request, RawHttp.Reply reply) {
        int events = 0;
        for (String line : reply.text().split("\n")) {
            if (line.startsWith("data:")) {
                if (parse(line.substring(5).trim()) == null) fail("an event whose data is not JSON", request, reply);
                events++;
            }
        }
        if (events == 0) fail("an event stream without events", request, reply);
    }

    private static String contentType(RawHttp.Reply reply) {
        String type = reply.header("content-type");
        return type == null ? "" : type.trim().toLowerCase(java.util.Locale.ROOT);
    }

    static JsonNode parse(String text) {
        try {
            JsonNode node = STRICT.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    private static void fail(String what, RawHttp.Request request, RawHttp.Reply reply) {
        throw new AssertionError("Got " + what + ".\n--- request ---\n" + request.describe() + "\n--- reply ---\n" + reply);
    }
}
