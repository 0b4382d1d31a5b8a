package org.openconversations.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.upstream.TestJson.items;
import static org.openconversations.upstream.TestJson.object;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Settings reads system properties before the environment, so every test first masks the real environment
 * with blank properties (blank counts as unset) and removes them all afterwards.
 */
class UpstreamConfigTest {
    private static final List<String> NAMES = List.of("UPSTREAM_BASE_URL", "UPSTREAM_API_KEY", "UPSTREAM_API",
            "UPSTREAM_API_KEY_SECRET_ARN", "SECRETS_MANAGER_ENDPOINT", "UPSTREAM_MAX_TOKENS_FIELD", "UPSTREAM_PROJECT", "OPENAI_API_KEY");

    @BeforeEach
    void maskEnvironment() {
        NAMES.forEach(name -> System.setProperty(name, ""));
    }

    @AfterEach
    void clear() {
        NAMES.forEach(System::clearProperty);
    }

    private static UpstreamConfig config() {
        return UpstreamConfig.fromEnvironment().orElseThrow();
    }

    @Test
    void nothing_configured_is_empty() {
        assertTrue(UpstreamConfig.fromEnvironment().isEmpty());
        assertTrue(UpstreamModels.fromEnvironment().isEmpty());
    }

    @Test
    void openai_api_key_alone_means_openai_over_the_responses_api() {
        System.setProperty("OPENAI_API_KEY", "sk-openai");

        UpstreamConfig config = config();

        assertEquals(URI.create("https://api.openai.com/v1"), config.baseUrl());
        assertEquals(UpstreamConfig.Api.RESPONSES, config.api());
        assertEquals("sk-openai", config.apiKey().apiKey());
    }

    @Test
    void openai_api_key_alone_builds_a_responses_model() {
        System.setProperty("OPENAI_API_KEY", "sk-openai");

        assertInstanceOf(ResponsesApiModel.class, UpstreamModels.fromEnvironment().orElseThrow());
    }

    @Test
    void openai_default_over_chat_sends_max_completion_tokens() {
        System.setProperty("OPENAI_API_KEY", "sk-openai");
        System.setProperty("UPSTREAM_API", "chat");

        UpstreamConfig config = config();

        assertEquals(UpstreamConfig.Api.CHAT, config.api());
        assertEquals("max_completion_tokens", config.maxTokensField());
    }

    @Test
    void explicit_base_url_defaults_to_chat_with_max_tokens_and_no_key() {
        System.setProperty("UPSTREAM_BASE_URL", "http://localhost:11434/v1");

        UpstreamConfig config = config();

        assertEquals(URI.create("http://localhost:11434/v1"), config.baseUrl());
        assertEquals(UpstreamConfig.Api.CHAT, config.api());
        assertEquals("max_tokens", config.maxTokensField());
        assertSame(ApiKeySource.none(), config.apiKey());
    }

    @Test
    void explicit_base_url_builds_a_chat_model() {
        System.setProperty("UPSTREAM_BASE_URL", "http://localhost:11434/v1");

        assertInstanceOf(ChatCompletionsModel.class, UpstreamModels.fromEnvironment().orElseThrow());
    }

    @Test
    void explicit_base_url_uses_the_upstream_api_key() {
        System.setProperty("UPSTREAM_BASE_URL", "https://ai.api.cloud.yandex.net/v1");
        System.setProperty("UPSTREAM_API_KEY", "AQVN-yandex");

        assertEquals("AQVN-yandex", config().apiKey().apiKey());
    }

    @Test
    void openai_api_key_is_never_sent_to_an_explicit_base_url() {
        System.setProperty("UPSTREAM_BASE_URL", "http://localhost:8000/v1");
        System.setProperty("OPENAI_API_KEY", "sk-openai");

        assertSame(ApiKeySource.none(), config().apiKey());
    }

    @Test
    void upstream_api_key_without_a_base_url_means_openai() {
        System.setProperty("UPSTREAM_API_KEY", "sk-upstream");

        assertEquals(URI.create("https://api.openai.com/v1"), config().baseUrl());
        assertEquals("sk-upstream", config().apiKey().apiKey());
    }

    @Test
    void upstream_api_responses_is_honoured_for_an_explicit_base_url() {
        System.setProperty("UPSTREAM_BASE_URL", "http://localhost:8000/v1");
        System.setProperty("UPSTREAM_API", "responses");

        assertEquals(UpstreamConfig.Api.RESPONSES, config().api());
    }

    @Test
    void project_is_read_when_set() {
        System.setProperty("UPSTREAM_BASE_URL", "https://ai.api.cloud.yandex.net/v1");
        System.setProperty("UPSTREAM_PROJECT", "b1gfolder");

        assertEquals("b1gfolder", config().project());
    }

    @Test
    void project_is_null_when_unset() {
        System.setProperty("UPSTREAM_BASE_URL", "https://ai.api.cloud.yandex.net/v1");

        assertNull(config().project());
    }

    @Test
    void max_tokens_field_can_be_chosen() {
        System.setProperty("UPSTREAM_BASE_URL", "http://localhost:8000/v1");
        System.setProperty("UPSTREAM_MAX_TOKENS_FIELD", "max_completion_tokens");

        assertEquals("max_completion_tokens", config().maxTokensField());
    }

    @Test
    void unknown_api_fails_at_start_up() {
        System.setProperty("UPSTREAM_BASE_URL", "http://localhost:8000/v1");
        System.setProperty("UPSTREAM_API", "completions");

        IllegalStateException e = assertThrows(IllegalStateException.class, UpstreamConfig::fromEnvironment);
        assertTrue(e.getMessage().contains("UPSTREAM_API"), e.getMessage());
    }

    @Test
    void base_url_that_is_not_http_fails_at_start_up() {
        System.setProperty("UPSTREAM_BASE_URL", "localhost:8000");

        assertThrows(IllegalStateException.class, UpstreamConfig::fromEnvironment);
    }

    @Test
    void unknown_max_tokens_field_fails_at_start_up() {
        System.setProperty("UPSTREAM_BASE_URL", "http://localhost:8000/v1");
        System.setProperty("UPSTREAM_MAX_TOKENS_FIELD", "max_output_tokens");

        assertThrows(IllegalStateException.class, UpstreamConfig::fromEnvironment);
    }

    @Test
    void key_secret_arn_is_a_secrets_manager_source() {
        System.setProperty("UPSTREAM_BASE_URL", "https://ai.api.cloud.yandex.net/v1");
        System.setProperty("UPSTREAM_API_KEY_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:1:secret:k");

        assertInstanceOf(SecretsManagerApiKeySource.class, config().apiKey());
    }

    @Test
    void upstream_api_key_wins_over_the_key_secret() {
        System.setProperty("UPSTREAM_API_KEY", "sk-upstream");
        System.setProperty("UPSTREAM_API_KEY_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:1:secret:k");

        assertEquals("sk-upstream", config().apiKey().apiKey());
    }

    @Test
    void configuration_never_shows_the_key() {
        System.setProperty("OPENAI_API_KEY", "sk-openai-very-secret");

        assertFalse(config().toString().contains("sk-openai-very-secret"), config().toString());
    }

    @Test
    void configured_model_calls_the_configured_base_with_the_configured_key() {
        try (UpstreamStandIn upstream = UpstreamStandIn.start()) {
            upstream.reply(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
                    + "\"finish_reason\":\"stop\"}]}");
            System.setProperty("UPSTREAM_BASE_URL", upstream.baseUrl().toString());
            System.setProperty("UPSTREAM_API_KEY", "sk-configured");

            UpstreamModels.fromEnvironment().orElseThrow().generate(new ModelRequest("m", null,
                    items("{'type':'message','role':'user','content':[{'type':'input_text','text':'Hi'}]}"),
                    object("{'max_output_tokens':16}")), Duration.ofSeconds(5));

            assertEquals("/v1/chat/completions", upstream.onlyRequest().path());
            assertEquals("Bearer sk-configured", upstream.onlyRequest().header("authorization"));
            assertEquals(16, upstream.onlyRequest().json().get("max_tokens").intValue());
        }
    }
}
