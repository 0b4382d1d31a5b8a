package org.openconversations.api;

import org.openconversations.local.LocalApi;
import org.openconversations.local.LocalApiOptions;
import org.openconversations.local.TemplateLocator;
import org.openconversations.store.TestStore;

/**
 * The local gateway serving the real template.yaml over the JVM's test DynamoDB Local, started once per
 * test JVM. Once: the handlers build their services on first use and keep them for the JVM, as on Lambda.
 */
public final class TestGateway {
    private static LocalApi api;

    private TestGateway() {}

    /** e.g. {@code http://127.0.0.1:41234/v1} */
    public static synchronized String baseUrl() {
        if (api == null) {
            api = LocalApi.start(LocalApiOptions.forTemplate(TemplateLocator.locate())
                    .withPort(0)
                    .withDynamoDbEndpoint(TestStore.endpoint()));
            Runtime.getRuntime().addShutdownHook(new Thread(api::close));
        }
        return api.baseUrl();
    }
}
