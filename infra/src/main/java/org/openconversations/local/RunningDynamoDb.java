package org.openconversations.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells other processes which DynamoDB Local serves a data directory: {@code DATA_DIR/dynamodb-endpoint} holds
 * the endpoint and the owning process id while a gateway runs. Two DynamoDB Local instances on one directory
 * share its SQLite file, and their writes then fail with "database is locked"; so the key CLI uses the running
 * gateway's instance instead of starting its own.
 */
public final class RunningDynamoDb {

    public static final String FILE_NAME = "dynamodb-endpoint";
    private static final Logger LOG = LoggerFactory.getLogger(RunningDynamoDb.class);

    private RunningDynamoDb() {
    }

    /** Announces the endpoint; closing removes the announcement (if it is still this process's). */
    public static AutoCloseable publish(Path dataDir, URI endpoint) {
        Path file = dataDir.resolve(FILE_NAME);
        String content = endpoint + "\n" + ProcessHandle.current().pid() + "\n";
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return () -> {
            try {
                if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                LOG.warn("Cannot remove {}: {}", file, e.toString());
            }
        };
    }

    /** The endpoint a live process announced for the directory; empty when none did, or it has exited. */
    public static Optional<URI> of(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(1).trim());
            boolean alive = pid != ProcessHandle.current().pid()
                    && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(URI.create(lines.get(0).trim())) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring unreadable {}: {}", file, e.toString());
            return Optional.empty();
        }
    }
}
