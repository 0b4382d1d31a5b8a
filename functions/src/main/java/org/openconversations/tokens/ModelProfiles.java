package org.openconversations.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openconversations.config.Settings;
import org.openconversations.json.Json;

/**
 * Context window and tokenizer per model, found by the longest configured prefix of the model's name. Yandex
 * model URIs ({@code gpt://<folder>/yandexgpt/latest}) and routed names ({@code openai/gpt-4o}) are looked up
 * by the model part. Defaults cover current OpenAI and Yandex AI Studio models (as published in November 2026);
 * {@code MODEL_PROFILES} (the template's ModelProfiles parameter) adds or overrides entries with a JSON object:
 * {@code {"my-model": {"context_window": 32768, "encoding": "cl100k_base"}}}, where the key {@code "*"} sets the
 * profile of every model no entry matches.
 */
public final class ModelProfiles {
    private static final ModelProfile UNKNOWN_MODEL = new ModelProfile(128_000, Tokenizer.ESTIMATE);

    private final Map<String, ModelProfile> byPrefix;
    private final ModelProfile fallback;

    private ModelProfiles(Map<String, ModelProfile> byPrefix, ModelProfile fallback) {
        this.byPrefix = Map.copyOf(byPrefix);
        this.fallback = fallback;
    }

    public static ModelProfiles defaults() {
        return withOverrides(null);
    }

    public static ModelProfiles fromEnvironment() {
        return withOverrides(Settings.get("MODEL_PROFILES"));
    }

    /** The defaults with the entries of {@code overridesJson} (null or blank for none) laid over them. */
    public static ModelProfiles withOverrides(String overridesJson) {
        Map<String, ModelProfile> profiles = new LinkedHashMap<>(builtIn());
        ModelProfile fallback = UNKNOWN_MODEL;
        if (overridesJson != null && !overridesJson.isBlank()) {
            JsonNode overrides;
            try {
                overrides = Json.parse(overridesJson);
            } catch (RuntimeException e) {
                throw new IllegalStateException("MODEL_PROFILES is not valid JSON", e);
            }
            if (!overrides.isObject()) throw new IllegalStateException("MODEL_PROFILES must be a JSON object");
            for (Map.Entry<String, JsonNode> entry : overrides.properties()) {
                ModelProfile profile = profile(entry.getKey(), entry.getValue());
                if (entry.getKey().equals("*")) fallback = profile;
                else profiles.put(entry.getKey(), profile);
            }
        }
        return new ModelProfiles(profiles, fallback);
    }

    public ModelProfile of(String model) {
        if (model == null) return fallback;
        ModelProfile found = longestPrefix(model);
        if (found == null && model.startsWith("gpt://")) {
            // gpt://<folder>/<model>/<version>: the folder says nothing about the model.
            int folderEnd = model.indexOf('/', "gpt://".length());
            if (folderEnd > 0) found = longestPrefix(model.substring(folderEnd + 1));
        }
        if (found == null && model.lastIndexOf('/') >= 0) found = longestPrefix(model.substring(model.lastIndexOf('/') + 1));
        return found != null ? found : fallback;
    }

    private ModelProfile longestPrefix(String name) {
        String best = null;
        for (String prefix : byPrefix.keySet()) {
            if (name.startsWith(prefix) && (best == null || prefix.length() > best.length())) best = prefix;
        }
        return best == null ? null : byPrefix.get(best);
    }

    private static ModelProfile profile(String name, JsonNode entry) {
        JsonNode window = entry.path("context_window");
        if (!window.canConvertToInt() || !window.isIntegralNumber() || window.intValue() < 1) {
            throw new IllegalStateException("MODEL_PROFILES." + name + ".context_window must be a positive integer");
        }
        JsonNode encoding = entry.path("encoding");
        Tokenizer tokenizer;
        try {
            tokenizer = encoding.isMissingNode() ? Tokenizer.ESTIMATE : Tokenizer.fromConfig(encoding.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("MODEL_PROFILES." + name + ": " + e.getMessage(), e);
        }
        return new ModelProfile(window.intValue(), tokenizer);
    }

    private static Map<String, ModelProfile> builtIn() {
        Map<String, ModelProfile> m = new LinkedHashMap<>();
        ModelProfile o200k128k = new ModelProfile(128_000, Tokenizer.O200K_BASE);
        ModelProfile o200k200k = new ModelProfile(200_000, Tokenizer.O200K_BASE);
        m.put("gpt-5", new ModelProfile(400_000, Tokenizer.O200K_BASE));
        m.put("gpt-5-chat", o200k128k);
        m.put("gpt-4.1", new ModelProfile(1_047_576, Tokenizer.O200K_BASE));
        m.put("gpt-4o", o200k128k);
        m.put("chatgpt-4o", o200k128k);
        m.put("gpt-4.5", o200k128k);
        m.put("o1", o200k200k);
        m.put("o1-mini", o200k128k);
        m.put("o3", o200k200k);
        m.put("o4-mini", o200k200k);
        m.put("codex-mini", o200k200k);
        m.put("gpt-oss", new ModelProfile(131_072, Tokenizer.O200K_BASE));
        m.put("gpt-4-turbo", new ModelProfile(128_000, Tokenizer.CL100K_BASE));
        m.put("gpt-4-0125", new ModelProfile(128_000, Tokenizer.CL100K_BASE));
        m.put("gpt-4-1106", new ModelProfile(128_000, Tokenizer.CL100K_BASE));
        m.put("gpt-4", new ModelProfile(8_192, Tokenizer.CL100K_BASE));
        m.put("gpt-3.5-turbo", new ModelProfile(16_385, Tokenizer.CL100K_BASE));
        // Yandex AI Studio: its own tokenizers, so counts are estimates.
        m.put("yandexgpt", new ModelProfile(32_768, Tokenizer.ESTIMATE));
        m.put("yandexgpt-lite", new ModelProfile(32_768, Tokenizer.ESTIMATE));
        m.put("aliceai-llm", new ModelProfile(32_768, Tokenizer.ESTIMATE));
        m.put("qwen3-235b-a22b", new ModelProfile(262_144, Tokenizer.ESTIMATE));
        m.put("gemma-3-27b-it", new ModelProfile(131_072, Tokenizer.ESTIMATE));
        return m;
    }
}
