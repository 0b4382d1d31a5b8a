package org.openconversations.local;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DynamoDB Local running inside this JVM, reachable from this machine only.
 *
 * <p>DynamoDB Local's own launcher binds every interface, and DynamoDB Local takes any credentials: anyone on
 * the same network could have read every stored conversation. So its request handler is served here by a Jetty
 * server of our own on the loopback address, at a port the system picks as it binds (no probing for a free port
 * that another process can take first). Not going through the launcher also means no usage telemetry is sent.
 */
public final class LocalDynamoDb implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDynamoDb.class);
    private static final String LOOPBACK = "127.0.0.1";

    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final int port;

    private LocalDynamoDb(Server server, LocalDynamoDBServerHandler handler, int port) {
        this.server = server;
        this.handler = handler;
        this.port = port;
    }

    /** Persists under {@code dataDir} (created if missing) so a restart keeps the data. */
    public static LocalDynamoDb startPersistent(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dataDir, e);
        }
        return start(Optional.of(dataDir.toAbsolutePath()));
    }

    public static LocalDynamoDb startInMemory() {
        return start(Optional.empty());
    }

    private static LocalDynamoDb start(Optional<Path> dataDir) {
        LocalDynamoDBServerHandler handler;
        try {
            // One database for every credential and region (the launcher's -sharedDb): the gateway's handlers,
            // the key CLI and the tests sign with different ones.
            handler = new LocalDynamoDBServerHandler(new LocalDynamoDBRequestHandler(0, dataDir.isEmpty(),
                    dataDir.map(Path::toString).orElse(null), true, false), null);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local could not open its database", e);
        }
        Server server = new Server();
        try {
            ServerConnector connector = new ServerConnector(server);
            connector.setHost(LOOPBACK);
            connector.setPort(0);
            server.addConnector(connector);
            server.setHandler(new ContextHandler(handler, "/"));
            server.start();
            int port = connector.getLocalPort();
            LOG.info("DynamoDB Local on {}:{} ({})", LOOPBACK, port, dataDir.map(Path::toString).orElse("in memory"));
            return new LocalDynamoDb(server, handler, port);
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception stopping) {
                e.addSuppressed(stopping);
            }
            handler.close();
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    public int port() {
        return port;
    }

    /** Stops serving, then closes the database, as DynamoDB Local's own launcher does. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Stopping DynamoDB Local failed", e);
        }
        handler.close();
    }
}
