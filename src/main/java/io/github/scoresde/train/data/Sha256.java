package io.github.scoresde.train.data;

import io.github.scoresde.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 checks of fetched files and shipped weights. */
public final class Sha256 {
    private Sha256() {}

    /** The lower-case hex SHA-256 of a file's bytes. */
    public static String of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The lower-case hex SHA-256 of bytes in memory. */
    public static String of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Whether a file exists and has the given SHA-256. */
    public static boolean matches(Path file, String expected) {
        return Files.isRegularFile(file) && of(file).equals(expected);
    }

    /**
     * Checks a file's SHA-256; a file that does not match is deleted, so that no bad copy is used.
     *
     * @throws UserInputException if the checksum differs
     */
    public static void verify(Path file, String expected) {
        String found = of(file);
        if (!found.equals(expected)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file + " after its checksum failed", e);
            }
            throw new UserInputException("checksum mismatch for " + file + " (sha256 " + found + ", expected " + expected
                    + "): deleted it; fetch again");
        }
    }
}
