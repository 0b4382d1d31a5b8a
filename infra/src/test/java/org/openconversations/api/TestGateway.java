package org.openconversations.api;

import java.util.HashMap;
import java.util.Map;
import org.openconversations.compaction.CompactionItems;
import org.openconversations.local.LocalApi;
import org.openconversations.local.LocalApiOptions;
import org.openconversations.local.TemplateLocator;
import org.openconversations.local.keys.KeyManager;
import org.openconversations.store.TestStore;

/**
 * The local gateway serving the real template.yaml over the JVM's test DynamoDB Local, started once per
 * test JVM. Once: the handlers build their services on first use and keep them for the JVM, as on Lambda.
 * Every route is behind the API key authorizer, so requests carry {@link #apiKey()} or
 * {@link #apiKey(String)}.
 */
public final class TestGateway {
    private static LocalApi api;
    private static final Map<String, String> KEYS = new HashMap<>();

    private TestGateway() {}

    /** e.g. {@code http://127.0.0.1:41234/v1} */
    public static synchronized String baseUrl() {
        return started().baseUrl();
    }

    /** A key for tenant {@code default}, created on first use. */
    public static String apiKey() {
        return apiKey("default");
    }

    /** A key for the tenant, created on first use and the same for the rest of the JVM. */
    public static synchronized String apiKey(String tenant) {
        return KEYS.computeIfAbsent(tenant, name -> keys().create(name));
    }

    /** The gateway's key store, for tests that need fresh keys or revoke one. */
    public static synchronized KeyManager keys() {
        return started().keys().orElseThrow(() -> new IllegalStateException("template.yaml has no keys table"));
    }

    /**
     * A genuine compaction item's encrypted_content for the tenant, sealed with the key the gateway gave its
     * handlers (they read it as a setting, and so does this).
     */
    public static synchronized String sealedSummary(String tenant, String summary) {
        started();
        return CompactionItems.fromEnvironment().create(tenant, summary).get("encrypted_content").textValue();
    }

    private static LocalApi started() {
        if (api == null) {
            api = LocalApi.start(LocalApiOptions.forTemplate(TemplateLocator.locate())
                    .withPort(0)
                    .withDynamoDbEndpoint(TestStore.endpoint()));
            Runtime.getRuntime().addShutdownHook(new Thread(api::close));
        }
        return api;
    }
}
