package org.openconversations.upstream;

/** A key handed over in configuration ({@code UPSTREAM_API_KEY} or {@code OPENAI_API_KEY}). */
public final class EnvApiKeySource implements ApiKeySource {
    private final String variable;
    private final String key;

    /** @param variable the setting's name, the only thing {@link #toString()} shows */
    public EnvApiKeySource(String variable, String key) {
        this.variable = variable;
        this.key = key;
    }

    public String variable() {
        return variable;
    }

    @Override
    public String apiKey() {
        return key;
    }

    @Override
    public String toString() {
        return "EnvApiKeySource[" + variable + "]";
    }
}
