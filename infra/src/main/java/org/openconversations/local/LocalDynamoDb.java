package org.openconversations.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** DynamoDB Local running inside this JVM on a free port. */
public final class LocalDynamoDb implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDynamoDb.class);
    private static final int START_ATTEMPTS = 3;

    private final DynamoDBProxyServer server;
    private final int port;

    private LocalDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
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
        Exception last = null;
        // The free port can be taken between probing and binding; another port usually works.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freeLoopbackPort();
            // A local development database has no business reporting usage to anyone.
            List<String> args = new ArrayList<>(List.of("-port", String.valueOf(port), "-sharedDb", "-disableTelemetry"));
            dataDir.ifPresentOrElse(dir -> args.addAll(List.of("-dbPath", dir.toString())), () -> args.add("-inMemory"));
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
                server.start();
                LOG.info("DynamoDB Local on port {} ({})", port, dataDir.map(Path::toString).orElse("in memory"));
                return new LocalDynamoDb(server, port);
            } catch (Exception e) {
                last = e;
                LOG.warn("DynamoDB Local did not start on port {}: {}", port, e.toString());
            }
        }
        throw new IllegalStateException("DynamoDB Local did not start", last);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Stopping DynamoDB Local failed", e);
        }
    }

    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }
}
