package org.openconversations.compat.responses;

import com.openai.client.OpenAIClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openconversations.upstream.UpstreamStandIn;

/**
 * The setup every class here shares: the JVM's one upstream stand-in (configured before the first response),
 * a strict openai-java client against the gateway, and no replies or recordings left over between tests.
 */
abstract class GatewayResponsesTest {
    protected static UpstreamStandIn upstream;
    protected static OpenAIClient client;

    @BeforeAll
    static void connect() {
        upstream = TestUpstream.get();
        client = ResponsesSupport.client();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void resetUpstream() {
        upstream.reset();
    }
}
