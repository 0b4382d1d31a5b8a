package org.openconversations.local;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 connections that keep each request target exactly as received, for the gateway to parse, and hand
 * Jetty {@code /} in its place. Jetty's own parsing refuses targets that API Gateway passes to the functions
 * ({@code %00} in an id must be a 404 from the handler) as well as malformed ones (which must get the OpenAI
 * envelope), and answers both itself before any handler runs. Jetty reads the request line as UTF-8.
 */
final class RawTargetConnectionFactory extends HttpConnectionFactory {

    private static final String RAW_TARGET = RawTargetConnectionFactory.class.getName() + ".target";

    RawTargetConnectionFactory(HttpConfiguration configuration) {
        super(configuration);
    }

    /** The target of the request line, as received. */
    static String rawTarget(Request request) {
        return (String) request.getConnectionMetaData().getAttribute(RAW_TARGET);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        // An HTTP/1.1 connection handles one request at a time, so the connection can carry the current target.
        HttpConnection connection = new HttpConnection(getHttpConfiguration(), connector, endPoint) {
            @Override
            protected HttpStreamOverHTTP1 newHttpStream(String method, String target, HttpVersion version) {
                setAttribute(RAW_TARGET, target);
                return super.newHttpStream(method, "/", version);
            }
        };
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        return configure(connection, connector, endPoint);
    }
}
