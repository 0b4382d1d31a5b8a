package org.openconversations.compat.responses;

import org.openconversations.api.TestGateway;
import org.openconversations.upstream.UpstreamStandIn;

/**
 * The one upstream stand-in of the test JVM, which the gateway's create-response function is pointed at.
 *
 * <p>That function builds its upstream model once per JVM, on the first {@code POST /v1/responses}, from
 * {@code UPSTREAM_*} settings; so {@link #get()} starts the gateway first (which sets the template's, blank,
 * upstream properties) and then points the upstream properties at the stand-in. Every test class of this package
 * calls {@link #get()} before its first response, and {@link UpstreamStandIn#reset()} between tests.
 */
final class TestUpstream {
    private static UpstreamStandIn instance;

    private TestUpstream() {}

    /** The JVM's stand-in, with the gateway started and the create-response function pointed at it. */
    static synchronized UpstreamStandIn get() {
        if (instance == null) {
            TestGateway.baseUrl();
            UpstreamStandIn upstream = UpstreamStandIn.start();
            System.setProperty("UPSTREAM_BASE_URL", upstream.baseUrl().toString());
            System.setProperty("UPSTREAM_API", "chat");
            System.setProperty("UPSTREAM_API_KEY", "sk-test");
            Runtime.getRuntime().addShutdownHook(new Thread(upstream::close));
            instance = upstream;
        }
        return instance;
    }
}
