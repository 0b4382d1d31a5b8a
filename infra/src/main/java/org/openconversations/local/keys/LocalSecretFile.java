package org.openconversations.local.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * A local secret under DATA_DIR, 64 random base62 characters, created readable by its owner only on first use:
 * the pepper of API key hashes ({@code api-key-pepper}; losing it invalidates every local key) and the key that
 * seals compaction items ({@code compaction-key}; losing it makes stored compaction items unreadable). Copying
 * them with the data keeps both working.
 */
public final class LocalSecretFile {

    public static final String API_KEY_PEPPER = "api-key-pepper";
    public static final String COMPACTION_KEY = "compaction-key";
    private static final int LENGTH = 64;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalSecretFile() {
    }

    /** The secret {@code fileName} under {@code dataDir}, created there (and the directory too) when missing. */
    public static String loadOrCreate(Path dataDir, String fileName) {
        Path file = dataDir.resolve(fileName);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                try {
                    create(file);
                } catch (FileAlreadyExistsException raced) {
                    // Another process (the gateway, or the key CLI) created it first: use theirs.
                }
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the local secret " + file, e);
        }
    }

    /** A secret for one run of an in-memory gateway, whose data dies with it. */
    public static String random() {
        StringBuilder pepper = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            pepper.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return pepper.toString();
    }

    private static void create(Path file) throws IOException {
        // Created with its permissions in one step (O_EXCL), so the secret is never readable by others.
        if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            file.toFile().setWritable(false, false);
            file.toFile().setWritable(true, true);
        }
        Files.writeString(file, random() + "\n", StandardCharsets.US_ASCII);
    }

    private static String read(Path file) throws IOException {
        // A process that lost the race to create the file may see it before its writer has filled it.
        for (int attempt = 0; ; attempt++) {
            String pepper = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (pepper.length() >= 16) {
                return pepper;
            }
            if (attempt == 20) {
                throw new IllegalStateException(file + " does not hold a secret (16+ characters); "
                        + "delete it only if nothing made with it matters");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reading " + file, e);
            }
        }
    }
}
