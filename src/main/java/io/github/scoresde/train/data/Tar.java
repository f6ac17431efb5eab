package io.github.scoresde.train.data;

import io.github.scoresde.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a tar stream (POSIX ustar: 512-byte headers, octal sizes, data padded to 512 bytes) and
 * writes chosen regular files out. Only what fetching data needs: no links, no pax or GNU long
 * names (their entries are skipped).
 */
final class Tar {
    private static final int BLOCK = 512;

    private Tar() {}

    /**
     * Writes each regular file of the archive for which {@code target} gives a path (null skips
     * it) to that path.
     *
     * @param what the archive's name, for messages
     * @return the names of the entries written
     * @throws UserInputException if a header is damaged or the stream ends inside an entry
     */
    static Set<String> extract(InputStream in, String what, Function<String, Path> target) throws IOException {
        Set<String> written = new HashSet<>();
        byte[] header = new byte[BLOCK];
        while (readBlock(in, header, what)) {
            if (isZero(header)) {
                break;
            }
            checkChecksum(header, what);
            String name = string(header, 0, 100);
            if ("ustar".equals(string(header, 257, 6))) {
                String prefix = string(header, 345, 155);
                name = prefix.isEmpty() ? name : prefix + "/" + name;
            }
            long size = octal(header, 124, 12, what);
            byte type = header[156];
            boolean regular = type == '0' || type == 0;
            Path out = regular ? target.apply(name) : null;
            if (out != null) {
                try (OutputStream os = Files.newOutputStream(out)) {
                    copy(in, os, size, what);
                }
                written.add(name);
            } else {
                copy(in, OutputStream.nullOutputStream(), size, what);
            }
            long padding = (BLOCK - size % BLOCK) % BLOCK;
            copy(in, OutputStream.nullOutputStream(), padding, what);
        }
        return written;
    }

    /** Reads one block; false at a clean end of stream before it. */
    private static boolean readBlock(InputStream in, byte[] block, String what) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new UserInputException("archive " + what + " is truncated inside a tar header");
        }
        return true;
    }

    private static void copy(InputStream in, OutputStream out, long size, String what) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new UserInputException("archive " + what + " is truncated inside an entry");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The header checksum: the byte sum of the header with its checksum field read as spaces. */
    private static void checkChecksum(byte[] header, String what) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xff;
        }
        if (sum != octal(header, 148, 8, what)) {
            throw new UserInputException("archive " + what + " has a damaged tar header (checksum mismatch)");
        }
    }

    private static String string(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length, String what) {
        String s = string(header, offset, length).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new UserInputException("archive " + what + " has a damaged tar header (number '" + s + "')");
        }
    }
}
