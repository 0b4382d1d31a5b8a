package org.openconversations.responses.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.json.Json;

class TokenDeltasTest {
    private static ObjectNode logprob(String token, int... bytes) {
        ObjectNode logprob = Json.object().put("token", token).put("logprob", -0.5);
        ArrayNode array = logprob.putArray("bytes");
        for (int b : bytes) array.add(b);
        logprob.putArray("top_logprobs");
        return logprob;
    }

    private static ObjectNode logprob(String token) {
        byte[] utf8 = token.getBytes(StandardCharsets.UTF_8);
        int[] bytes = new int[utf8.length];
        for (int i = 0; i < utf8.length; i++) bytes[i] = utf8[i] & 0xff;
        return logprob(token, bytes);
    }

    private static ArrayNode array(JsonNode... nodes) {
        ArrayNode array = Json.array();
        for (JsonNode node : nodes) array.add(node);
        return array;
    }

    private static List<String> texts(List<TokenDeltas.Delta> deltas) {
        return deltas.stream().map(TokenDeltas.Delta::text).toList();
    }

    @Test
    void each_token_is_one_delta_with_its_logprob() {
        List<TokenDeltas.Delta> deltas = TokenDeltas.of("Hello world", array(logprob("Hello"), logprob(" world")));

        assertEquals(List.of("Hello", " world"), texts(deltas));
        assertEquals(array(logprob("Hello")), deltas.get(0).logprobs());
        assertEquals(array(logprob(" world")), deltas.get(1).logprobs());
    }

    @Test
    void a_character_split_over_tokens_is_one_delta_with_both_logprobs() {
        ObjectNode first = logprob("\\xc3", 0xc3);
        ObjectNode second = logprob("\\xa9", 0xa9);

        List<TokenDeltas.Delta> deltas = TokenDeltas.of("café", array(logprob("caf"), first, second));

        assertEquals(List.of("caf", "é"), texts(deltas));
        assertEquals(array(first, second), deltas.get(1).logprobs());
    }

    @Test
    void tokens_without_bytes_are_matched_by_their_text() {
        ObjectNode noBytes = Json.object().put("token", " là").put("logprob", -0.5);
        noBytes.putArray("top_logprobs");

        List<TokenDeltas.Delta> deltas = TokenDeltas.of("Voilà là", array(logprob("Voilà"), noBytes));

        assertEquals(List.of("Voilà", " là"), texts(deltas));
    }

    @Test
    void a_token_of_no_bytes_joins_the_delta_before_it() {
        ObjectNode empty = logprob("");

        List<TokenDeltas.Delta> deltas = TokenDeltas.of("Hi", array(logprob("Hi"), empty));

        assertEquals(List.of("Hi"), texts(deltas));
        assertEquals(array(logprob("Hi"), empty), deltas.getFirst().logprobs());
    }

    @Test
    void tokens_that_do_not_spell_the_text_are_one_delta_with_every_logprob() {
        ArrayNode logprobs = array(logprob("Hello"), logprob(" there"));

        List<TokenDeltas.Delta> deltas = TokenDeltas.of("Hello world", logprobs);

        assertEquals(List.of("Hello world"), texts(deltas));
        assertEquals(logprobs, deltas.getFirst().logprobs());
    }

    @Test
    void tokens_short_of_the_text_are_one_delta_with_every_logprob() {
        ArrayNode logprobs = array(logprob("Hello"));

        List<TokenDeltas.Delta> deltas = TokenDeltas.of("Hello world", logprobs);

        assertEquals(List.of("Hello world"), texts(deltas));
        assertEquals(logprobs, deltas.getFirst().logprobs());
    }

    @Test
    void text_that_is_not_valid_utf8_is_one_delta_with_every_logprob() {
        String loneSurrogate = "a\ud800";
        ArrayNode logprobs = array(logprob("a"), logprob("?"));

        List<TokenDeltas.Delta> deltas = TokenDeltas.of(loneSurrogate, logprobs);

        assertEquals(List.of(loneSurrogate), texts(deltas));
    }
}
