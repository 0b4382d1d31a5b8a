package org.openconversations.local.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretFileTest {

    @Test
    void the_first_use_creates_64_base62_characters_readable_by_the_owner_only(@TempDir Path work) throws Exception {
        Path dataDir = work.resolve("data");

        String pepper = LocalSecretFile.loadOrCreate(dataDir, LocalSecretFile.API_KEY_PEPPER);

        assertTrue(pepper.matches("[0-9A-Za-z]{64}"), pepper);
        Path file = dataDir.resolve("api-key-pepper");
        assertEquals(pepper, Files.readString(file).trim());
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void later_uses_read_the_same_pepper(@TempDir Path work) {
        String first = LocalSecretFile.loadOrCreate(work, LocalSecretFile.API_KEY_PEPPER);

        assertEquals(first, LocalSecretFile.loadOrCreate(work, LocalSecretFile.API_KEY_PEPPER));
    }

    @Test
    void an_in_memory_pepper_is_random_per_start() {
        String pepper = LocalSecretFile.random();

        assertTrue(pepper.matches("[0-9A-Za-z]{64}"), pepper);
        assertNotEquals(pepper, LocalSecretFile.random());
    }
}
