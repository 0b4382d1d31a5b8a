package org.openconversations.upstream;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.openconversations.config.Settings;

/**
 * Which upstream to call and how, read once per container from {@link Settings}:
 * <ul>
 *   <li>{@code UPSTREAM_BASE_URL}: the OpenAI-compatible base, e.g. {@code https://ai.api.cloud.yandex.net/v1}
 *       or {@code http://localhost:8000/v1}. Unset, the base is {@code https://api.openai.com/v1}, but only when
 *       a key is configured; with neither there is no upstream and {@link #fromEnvironment()} is empty.
 *   <li>{@code UPSTREAM_API}: {@code chat} or {@code responses}. The default is {@code chat} for an explicit
 *       base URL, the API every compatible server speaks, and {@code responses} for the OpenAI default, the
 *       richer API (reasoning replay, hosted item types) that OpenAI serves.
 *   <li>{@code UPSTREAM_API_KEY}, else {@code UPSTREAM_API_KEY_SECRET_ARN} (a Secrets Manager secret, read once
 *       per container; {@code SECRETS_MANAGER_ENDPOINT} overrides AWS's endpoint), else, for the OpenAI default only, {@code OPENAI_API_KEY}. An {@code OPENAI_API_KEY} is
 *       never sent to an explicit base URL, which may be any host; without a key no Authorization is sent.
 *   <li>{@code UPSTREAM_PROJECT}: sent as the {@code OpenAI-Project} header; Yandex AI Studio takes the folder id
 *       there, as its SDK examples do with {@code project=<folder_ID>}. Unset, no header is sent.
 *   <li>{@code UPSTREAM_MAX_TOKENS_FIELD} (chat only): {@code max_tokens} or {@code max_completion_tokens}.
 *       The default is {@code max_completion_tokens} for api.openai.com, whose reasoning models refuse
 *       {@code max_tokens}, and {@code max_tokens} elsewhere, the field every compatible server reads.
 * </ul>
 * Blank values count as unset. Values that cannot be right fail at start-up with {@link IllegalStateException}.
 * The model string of each request passes through untouched whatever the upstream.
 */
public record UpstreamConfig(URI baseUrl, Api api, ApiKeySource apiKey, String project, String maxTokensField) {
    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";

    public enum Api { CHAT, RESPONSES }

    public static Optional<UpstreamConfig> fromEnvironment() {
        String explicitBase = Settings.get("UPSTREAM_BASE_URL", null);
        ApiKeySource key = keySource(explicitBase != null);
        if (explicitBase == null && key == ApiKeySource.none()) return Optional.empty();

        URI base = baseUrl(explicitBase != null ? explicitBase : OPENAI_BASE_URL);
        Api api = api(Settings.get("UPSTREAM_API", explicitBase != null ? "chat" : "responses"));
        String defaultMaxTokens = "api.openai.com".equalsIgnoreCase(base.getHost())
                ? ChatCompletionsModel.MAX_COMPLETION_TOKENS : ChatCompletionsModel.MAX_TOKENS;
        String maxTokens = Settings.get("UPSTREAM_MAX_TOKENS_FIELD", defaultMaxTokens).trim();
        if (!maxTokens.equals(ChatCompletionsModel.MAX_TOKENS)
                && !maxTokens.equals(ChatCompletionsModel.MAX_COMPLETION_TOKENS)) {
            throw new IllegalStateException(
                    "UPSTREAM_MAX_TOKENS_FIELD must be max_tokens or max_completion_tokens, not '" + maxTokens + "'");
        }
        String project = Settings.get("UPSTREAM_PROJECT", null);
        return Optional.of(new UpstreamConfig(base, api, key, project == null ? null : project.trim(), maxTokens));
    }

    public UpstreamModel newModel() {
        UpstreamHttp http = new UpstreamHttp(baseUrl, apiKey, project);
        return switch (api) {
            case CHAT -> new ChatCompletionsModel(http, maxTokensField);
            case RESPONSES -> new ResponsesApiModel(http);
        };
    }

    private static ApiKeySource keySource(boolean explicitBase) {
        String key = Settings.get("UPSTREAM_API_KEY", null);
        if (key != null) return new EnvApiKeySource("UPSTREAM_API_KEY", key.trim());
        String secret = Settings.get("UPSTREAM_API_KEY_SECRET_ARN", null);
        if (secret != null) {
            return new SecretsManagerApiKeySource(secret.trim(), null);
        }
        String openAiKey = Settings.get("OPENAI_API_KEY", null);
        if (openAiKey != null && !explicitBase) return new EnvApiKeySource("OPENAI_API_KEY", openAiKey.trim());
        return ApiKeySource.none();
    }

    private static URI baseUrl(String value) {
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) return uri;
        } catch (URISyntaxException e) {
            // answered below
        }
        throw new IllegalStateException("UPSTREAM_BASE_URL must be an http or https URL, not '" + value + "'");
    }

    private static Api api(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "chat" -> Api.CHAT;
            case "responses" -> Api.RESPONSES;
            default -> throw new IllegalStateException("UPSTREAM_API must be chat or responses, not '" + value + "'");
        };
    }
}
