package org.openconversations.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import java.util.Locale;

/**
 * A model family's tokenizer. OpenAI's are exact (their published BPE ranks, through jtokkit); every other
 * model is an {@link #ESTIMATE}: counted with o200k_base, which tracks modern multilingual tokenizers (YandexGPT,
 * Qwen, Llama) to within roughly a fifth, so windows for those models should keep some headroom.
 */
public enum Tokenizer {
    O200K_BASE("o200k_base", EncodingType.O200K_BASE),
    CL100K_BASE("cl100k_base", EncodingType.CL100K_BASE),
    ESTIMATE("estimate", EncodingType.O200K_BASE);

    // Lazy: the ranks (3.6 MB for o200k) load on the first count, not when a function starts.
    private static final class Registry {
        static final EncodingRegistry INSTANCE = Encodings.newLazyEncodingRegistry();
    }

    private final String configName;
    private final EncodingType encoding;

    Tokenizer(String configName, EncodingType encoding) {
        this.configName = configName;
        this.encoding = encoding;
    }

    /** Tokens of plain text; special-token markers such as {@code <|endoftext|>} count as ordinary text. */
    public int count(String text) {
        if (text == null || text.isEmpty()) return 0;
        return Registry.INSTANCE.getEncoding(encoding).countTokensOrdinary(text);
    }

    public String configName() {
        return configName;
    }

    public static Tokenizer fromConfig(String name) {
        for (Tokenizer tokenizer : values()) {
            if (tokenizer.configName.equals(name.toLowerCase(Locale.ROOT))) return tokenizer;
        }
        throw new IllegalArgumentException("Unknown encoding '" + name + "'; use one of "
                + List.of(values()).stream().map(Tokenizer::configName).toList());
    }
}
