package org.openconversations.responses.stream;

import java.util.ArrayList;
import java.util.List;

/** How finished text is cut into deltas. Concatenating the chunks always gives the text back exactly. */
final class Chunks {
    static final int WORDS_PER_DELTA = 4;
    static final int CODE_POINTS_PER_DELTA = 32;

    private Chunks() {}

    /**
     * Runs of a few words. Each chunk after the first starts with the whitespace before its first word,
     * as OpenAI's token deltas do (" world", not "world ").
     */
    static List<String> words(String text) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        int words = 0;
        int gapStart = 0;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            boolean previousSpace = i == 0 || Character.isWhitespace(text.charAt(i - 1));
            if (space && !previousSpace) {
                gapStart = i;
            } else if (!space && previousSpace) {
                if (words == WORDS_PER_DELTA) {
                    int cut = gapStart > start ? gapStart : i;
                    chunks.add(text.substring(start, cut));
                    start = cut;
                    words = 0;
                }
                words++;
            }
        }
        if (start < text.length()) chunks.add(text.substring(start));
        return chunks;
    }

    /** Fixed-size pieces for text without word structure (function arguments are JSON). */
    static List<String> codePoints(String text) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = start;
            for (int n = 0; n < CODE_POINTS_PER_DELTA && end < text.length(); n++) {
                end += Character.charCount(text.codePointAt(end));
            }
            chunks.add(text.substring(start, end));
            start = end;
        }
        return chunks;
    }
}
