package org.openconversations.responses.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunksTest {
    @Test
    void words_are_grouped_a_few_at_a_time_with_the_leading_space_on_the_next_chunk() {
        assertEquals(List.of("one two three four", " five six"), Chunks.words("one two three four five six"));
    }

    @Test
    void words_keep_every_character_including_leading_trailing_and_repeated_whitespace() {
        String text = "  Hello,\n\n world!\tTabs  and   spaces  \u00a0 end. ";

        assertEquals(text, String.join("", Chunks.words(text)));
    }

    @Test
    void words_of_empty_text_are_no_chunks() {
        assertEquals(List.of(), Chunks.words(""));
    }

    @Test
    void text_without_whitespace_is_one_chunk() {
        assertEquals(List.of("supercalifragilistic"), Chunks.words("supercalifragilistic"));
    }

    @Test
    void code_points_split_long_text_into_fixed_pieces() {
        String text = "x".repeat(Chunks.CODE_POINTS_PER_DELTA * 2 + 1);

        assertEquals(List.of("x".repeat(Chunks.CODE_POINTS_PER_DELTA), "x".repeat(Chunks.CODE_POINTS_PER_DELTA), "x"),
                Chunks.codePoints(text));
    }

    @Test
    void code_points_never_split_a_surrogate_pair() {
        String text = "\uD83D\uDE00".repeat(Chunks.CODE_POINTS_PER_DELTA + 3);
        List<String> chunks = Chunks.codePoints(text);

        assertEquals(text, String.join("", chunks));
        for (String chunk : chunks) {
            assertTrue(!Character.isLowSurrogate(chunk.charAt(0)) && !Character.isHighSurrogate(chunk.charAt(chunk.length() - 1)), chunk);
        }
    }

    @Test
    void code_points_of_empty_text_are_no_chunks() {
        assertEquals(List.of(), Chunks.codePoints(""));
    }
}
