package org.openconversations.responses;

import java.util.List;
import org.openconversations.domain.Includes;
import org.openconversations.errors.InvalidRequestException;

/**
 * The query of {@code GET /v1/responses/{response_id}}, checked before the response is read.
 *
 * <p>{@code stream=true} asks OpenAI to replay a background response's events. This server makes no background
 * responses, so the request is refused: answered with the stored JSON instead, an SDK reading it as an event
 * stream would find no events and raise nothing. The contract leaves this open; README's compatibility notes
 * decide it. {@code starting_after} and {@code include_obfuscation} only shape that replay, so they are left
 * unread.
 */
public final class RetrieveQuery {
    private RetrieveQuery() {}

    /** Each argument is the raw query value, or null when absent. */
    public static void check(String stream, List<String> include) {
        Includes.parse(include);
        if (stream == null || stream.isEmpty() || stream.equals("false")) return;
        if (!stream.equals("true")) throw InvalidRequestException.invalidType("stream", "a boolean", "a string");
        throw InvalidRequestException.unsupported("stream", "Streaming a response ('stream=true') is only possible for"
                + " background responses, which this server does not support: retrieve it without 'stream'.");
    }
}
