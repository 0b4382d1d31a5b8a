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
 * The local pepper of API key hashes: {@code DATA_DIR/api-key-pepper}, 64 random base62 characters, created
 * readable by its owner only on first use. Losing it invalidates every local key; copying it with the data
 * keeps them working.
 */
public final class PepperFile {

    public static final String FILE_NAME = "api-key-pepper";
    private static final int LENGTH = 64;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PepperFile() {
    }

    /** The pepper under {@code dataDir}, created there (and the directory too) when missing. */
    public static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
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
            throw new UncheckedIOException("Cannot read or create the API key pepper " + file, e);
        }
    }

    /** A pepper for one run of an in-memory gateway, whose keys die with it. */
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
                throw new IllegalStateException(file + " does not hold a pepper (16+ characters); "
                        + "delete it only if no key made with it matters");
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
