package org.openconversations.upstream;

/**
 * Where the upstream API key comes from. Asked on every call, so an implementation that fetches the key
 * remotely must fetch it once and keep it for the life of the container. A source never reveals its key
 * in {@code toString}.
 */
@FunctionalInterface
public interface ApiKeySource {
    /** The key, or null when the upstream needs none (a local vLLM, Ollama or llama.cpp). */
    String apiKey();

    static ApiKeySource none() {
        return NoApiKey.INSTANCE;
    }

    enum NoApiKey implements ApiKeySource {
        INSTANCE;

        @Override
        public String apiKey() {
            return null;
        }
    }
}
