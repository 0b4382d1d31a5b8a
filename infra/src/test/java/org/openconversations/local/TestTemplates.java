package org.openconversations.local;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The test templates in src/test/resources. */
final class TestTemplates {

    static final Path GATEWAY = resource("gateway-template.yaml");
    static final Path STREAMS = resource("stream-template.yaml");
    static final Path UNSUPPORTED_FILTER = resource("unsupported-filter-template.yaml");
    static final Path AUTHORIZER = resource("authorizer-template.yaml");

    private TestTemplates() {
    }

    private static Path resource(String name) {
        URL url = TestTemplates.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("Missing test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
