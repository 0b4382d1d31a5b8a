package org.openconversations.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelProfilesTest {
    private final ModelProfiles defaults = ModelProfiles.defaults();

    @Test
    void current_openai_models_use_o200k_base_and_their_published_windows() {
        assertEquals(new ModelProfile(400_000, Tokenizer.O200K_BASE), defaults.of("gpt-5.1-2025-11-13"));
        assertEquals(new ModelProfile(128_000, Tokenizer.O200K_BASE), defaults.of("gpt-4o-mini"));
        assertEquals(new ModelProfile(1_047_576, Tokenizer.O200K_BASE), defaults.of("gpt-4.1-mini"));
        assertEquals(new ModelProfile(200_000, Tokenizer.O200K_BASE), defaults.of("o3-mini"));
    }

    @Test
    void older_openai_models_use_cl100k_base() {
        assertEquals(new ModelProfile(8_192, Tokenizer.CL100K_BASE), defaults.of("gpt-4-0613"));
        assertEquals(new ModelProfile(128_000, Tokenizer.CL100K_BASE), defaults.of("gpt-4-turbo-2024-04-09"));
        assertEquals(new ModelProfile(16_385, Tokenizer.CL100K_BASE), defaults.of("gpt-3.5-turbo"));
    }

    @Test
    void yandex_model_uris_are_matched_by_the_model_after_the_folder() {
        assertEquals(new ModelProfile(32_768, Tokenizer.ESTIMATE), defaults.of("gpt://b1g0folder/yandexgpt/latest"));
        assertEquals(new ModelProfile(32_768, Tokenizer.ESTIMATE), defaults.of("gpt://b1g0folder/yandexgpt-lite/rc"));
        assertEquals(new ModelProfile(131_072, Tokenizer.O200K_BASE), defaults.of("gpt://b1g0folder/gpt-oss-120b/latest"));
    }

    @Test
    void routed_names_are_matched_by_their_last_segment() {
        assertEquals(defaults.of("gpt-4o"), defaults.of("openai/gpt-4o"));
    }

    @Test
    void an_unknown_model_is_estimated_with_a_128k_window() {
        assertEquals(new ModelProfile(128_000, Tokenizer.ESTIMATE), defaults.of("llama3.1:8b"));
        assertEquals(new ModelProfile(128_000, Tokenizer.ESTIMATE), defaults.of(null));
    }

    @Test
    void configuration_adds_models_overrides_defaults_and_sets_the_fallback() {
        ModelProfiles configured = ModelProfiles.withOverrides("""
                {"llama3.1": {"context_window": 131072, "encoding": "cl100k_base"},
                 "gpt-4o": {"context_window": 64000, "encoding": "o200k_base"},
                 "*": {"context_window": 8192}}""");

        assertEquals(new ModelProfile(131_072, Tokenizer.CL100K_BASE), configured.of("llama3.1:8b"));
        assertEquals(new ModelProfile(64_000, Tokenizer.O200K_BASE), configured.of("gpt-4o-mini"));
        assertEquals(new ModelProfile(8_192, Tokenizer.ESTIMATE), configured.of("mistral-small"));
        assertEquals(new ModelProfile(400_000, Tokenizer.O200K_BASE), configured.of("gpt-5"));
    }

    @Test
    void a_broken_configuration_fails_naming_the_entry() {
        IllegalStateException notJson = assertThrows(IllegalStateException.class,
                () -> ModelProfiles.withOverrides("{nope"));
        assertTrue(notJson.getMessage().contains("MODEL_PROFILES"), notJson.getMessage());
        IllegalStateException badWindow = assertThrows(IllegalStateException.class,
                () -> ModelProfiles.withOverrides("{\"m\": {\"context_window\": -1}}"));
        assertTrue(badWindow.getMessage().contains("MODEL_PROFILES.m.context_window"), badWindow.getMessage());
        IllegalStateException badEncoding = assertThrows(IllegalStateException.class,
                () -> ModelProfiles.withOverrides("{\"m\": {\"context_window\": 10, \"encoding\": \"p99k\"}}"));
        assertTrue(badEncoding.getMessage().contains("p99k"), badEncoding.getMessage());
    }
}
