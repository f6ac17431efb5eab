package io.github.scoresde.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scoresde.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
    /** SHA-256 of the five bytes "hello" (FIPS 180-4; also `printf hello | sha256sum`). */
    private static final String HELLO = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @TempDir
    Path tmp;

    @Test
    void matchingFileIsKept() throws IOException {
        Path file = Files.writeString(tmp.resolve("good"), "hello");
        assertEquals(HELLO, Sha256.of(file));
        Sha256.verify(file, HELLO);
        assertTrue(Files.exists(file));
    }

    @Test
    void corruptedFileIsRefusedAndDeleted() throws IOException {
        Path file = Files.writeString(tmp.resolve("bad"), "hellO");
        UserInputException e = assertThrows(UserInputException.class, () -> Sha256.verify(file, HELLO));
        assertTrue(e.getMessage().contains("checksum mismatch for " + file), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertFalse(Files.exists(file));
    }
}
