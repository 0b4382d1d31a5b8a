package org.openconversations.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.json.Json;

class TokenCounterTest {
    private static final EncodingRegistry JTOKKIT = Encodings.newDefaultEncodingRegistry();
    private static final List<String> KNOWN = List.of(
            "tiktoken is great!", "Hello, world!", "Привет! Меня зовут Анастасия.", "数えるトークン",
            "function(x) { return x * 2; }", "   spaced\n\ttext  ", "emoji 😀🚀 and <|endoftext|> as plain text");

    private static int jtokkit(EncodingType type, String text) {
        return JTOKKIT.getEncoding(type).countTokensOrdinary(text);
    }

    private static ObjectNode json(String singleQuoted) {
        return (ObjectNode) Json.parse(singleQuoted.replace('\'', '"'));
    }

    @Test
    void cl100k_counts_the_openai_cookbook_example_as_six_tokens() {
        assertEquals(6, Tokenizer.CL100K_BASE.count("tiktoken is great!"));
    }

    @Test
    void every_tokenizer_counts_known_strings_as_jtokkit_does() {
        for (String text : KNOWN) {
            assertEquals(jtokkit(EncodingType.O200K_BASE, text), Tokenizer.O200K_BASE.count(text), text);
            assertEquals(jtokkit(EncodingType.CL100K_BASE, text), Tokenizer.CL100K_BASE.count(text), text);
            assertEquals(jtokkit(EncodingType.O200K_BASE, text), Tokenizer.ESTIMATE.count(text), text);
        }
    }

    @Test
    void a_message_costs_its_framing_its_role_and_its_text() {
        TokenCounter counter = new TokenCounter(Tokenizer.O200K_BASE);
        ObjectNode message = json("{'type':'message','id':'msg_1','role':'user','content':["
                + "{'type':'input_text','text':'tiktoken is great!'},{'type':'input_text','text':'Hello, world!'}]}");

        assertEquals(TokenCounter.PER_ITEM + jtokkit(EncodingType.O200K_BASE, "user")
                        + jtokkit(EncodingType.O200K_BASE, "tiktoken is great!")
                        + jtokkit(EncodingType.O200K_BASE, "Hello, world!"),
                counter.item(message));
    }

    @Test
    void a_message_given_as_plain_role_and_string_content_counts_the_same_as_its_parts_form() {
        TokenCounter counter = new TokenCounter(Tokenizer.O200K_BASE);

        assertEquals(counter.item(json("{'type':'message','role':'assistant','content':[{'type':'output_text',"
                        + "'text':'Nice to meet you.','annotations':[]}]}")),
                counter.item(json("{'role':'assistant','content':'Nice to meet you.'}")));
    }

    @Test
    void a_function_call_costs_its_name_and_arguments_and_its_output_the_output_text() {
        TokenCounter counter = new TokenCounter(Tokenizer.CL100K_BASE);

        assertEquals(TokenCounter.PER_ITEM + jtokkit(EncodingType.CL100K_BASE, "get_weather")
                        + jtokkit(EncodingType.CL100K_BASE, "{\"city\":\"Paris\"}"),
                counter.item(json("{'type':'function_call','call_id':'call_1','name':'get_weather',"
                        + "'arguments':'{\\'city\\':\\'Paris\\'}'}".replace("\\'", "\\\""))));
        assertEquals(TokenCounter.PER_ITEM + jtokkit(EncodingType.CL100K_BASE, "18 degrees"),
                counter.item(json("{'type':'function_call_output','call_id':'call_1','output':'18 degrees'}")));
    }

    @Test
    void an_image_is_estimated_at_a_fixed_cost() {
        TokenCounter counter = new TokenCounter(Tokenizer.O200K_BASE);

        assertEquals(TokenCounter.PER_ITEM + jtokkit(EncodingType.O200K_BASE, "user") + TokenCounter.IMAGE,
                counter.item(json("{'role':'user','content':[{'type':'input_image','image_url':'https://x/y.png'}]}")));
    }

    @Test
    void instructions_and_tools_are_counted_once_with_the_reply_priming() {
        TokenCounter counter = new TokenCounter(Tokenizer.O200K_BASE);
        String tools = "[{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}]";

        assertEquals(TokenCounter.REPLY_PRIMING, counter.fixed(null, null));
        assertEquals(TokenCounter.REPLY_PRIMING + TokenCounter.PER_ITEM + jtokkit(EncodingType.O200K_BASE, "system")
                        + jtokkit(EncodingType.O200K_BASE, "Be brief.") + jtokkit(EncodingType.O200K_BASE, tools),
                counter.fixed("Be brief.", Json.parse(tools)));
    }

    @Test
    void the_upper_bound_never_counts_fewer_tokens_than_any_tokenizer() {
        List<String> texts = new java.util.ArrayList<>(KNOWN);
        texts.addAll(List.of("", " ", "a", "1234567890 3.14159 2026-11-22", "ﷺ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎𠜱",
                "x".repeat(5_000), "Ünïcödé ñ ç ß ø å", "<|im_start|>user<|im_end|>"));
        for (String text : texts) {
            int bound = TokenCounter.upperBound().text(text);
            for (Tokenizer tokenizer : Tokenizer.values()) {
                assertTrue(bound >= tokenizer.count(text), tokenizer + ": " + text);
            }
        }
        ObjectNode call = json("{'type':'function_call','call_id':'c','name':'get_weather','arguments':'{\\'city\\':\\'Paris\\'}'}");
        assertTrue(TokenCounter.upperBound().item(call) >= new TokenCounter(Tokenizer.O200K_BASE).item(call));
    }
}
