package org.openconversations.responses.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openconversations.responses.stream.FinishedResponses.concatenated;
import static org.openconversations.responses.stream.FinishedResponses.message;
import static org.openconversations.responses.stream.FinishedResponses.ofType;
import static org.openconversations.responses.stream.FinishedResponses.outputText;
import static org.openconversations.responses.stream.FinishedResponses.response;
import static org.openconversations.responses.stream.FinishedResponses.single;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.json.Json;

/** An output_text part that has logprobs, streamed: a token a delta, each delta with its token's logprob. */
class TextLogprobsEventsTest {
    private static final List<String> TOKENS = List.of("The", " quick", " brown", " fox", " jumps", ".");
    private static final String TEXT = String.join("", TOKENS);

    /** As parsed, so that numbers compare as the same node types as in the events. */
    private final ObjectNode part = (ObjectNode) Json.parse(Json.write(withLogprobs()));
    private final List<ObjectNode> events = ResponseEvents.of(response("completed", message(Json.write(part))));

    private static ObjectNode withLogprobs() {
        ObjectNode part = (ObjectNode) Json.parse(outputText(TEXT));
        ArrayNode logprobs = part.withArray("logprobs");
        for (int i = 0; i < TOKENS.size(); i++) {
            ObjectNode logprob = logprobs.addObject().put("token", TOKENS.get(i)).put("logprob", -0.5 - i);
            ArrayNode bytes = logprob.putArray("bytes");
            for (byte b : TOKENS.get(i).getBytes(StandardCharsets.UTF_8)) bytes.add(b & 0xff);
            ObjectNode alternative = logprob.deepCopy();
            logprob.putArray("top_logprobs").add(alternative);
        }
        return part;
    }

    private List<ObjectNode> deltas() {
        return ofType(events, "response.output_text.delta");
    }

    @Test
    void each_token_is_one_delta() {
        assertEquals(TOKENS, deltas().stream().map(delta -> delta.get("delta").textValue()).toList());
    }

    @Test
    void each_delta_carries_the_logprob_of_its_token() {
        List<ObjectNode> deltas = deltas();

        for (int i = 0; i < deltas.size(); i++) {
            assertEquals(Json.array().add(part.get("logprobs").get(i)), deltas.get(i).get("logprobs"), "delta " + i);
        }
    }

    @Test
    void deltas_concatenate_to_the_text() {
        assertEquals(TEXT, concatenated(events, "response.output_text.delta"));
    }

    @Test
    void delta_logprobs_concatenate_to_the_done_logprobs() {
        ArrayNode joined = Json.array();
        for (ObjectNode delta : deltas()) joined.addAll((ArrayNode) delta.get("logprobs"));

        assertEquals(single(events, "response.output_text.done").get("logprobs"), joined);
    }

    @Test
    void done_carries_every_logprob_of_the_part() {
        assertEquals(part.get("logprobs"), single(events, "response.output_text.done").get("logprobs"));
    }

    @Test
    void part_opens_with_empty_logprobs_and_closes_with_all_of_them() {
        assertEquals(Json.array(), single(events, "response.content_part.added").at("/part/logprobs"));
        assertEquals(part.get("logprobs"), single(events, "response.content_part.done").at("/part/logprobs"));
    }
}
