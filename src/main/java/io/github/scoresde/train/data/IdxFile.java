package io.github.scoresde.train.data;

import io.github.scoresde.UserInputException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (LeCun's MNIST format): a big-endian magic number 0x0000TTDD (type TT = 0x08,
 * unsigned bytes; DD dimensions), DD big-endian dimension sizes, then the data. Images are
 * 0x00000803 [N, H, W], labels 0x00000801 [N]. Files may be gzip-compressed; that is detected by
 * the gzip magic bytes 1f 8b, not by the name.
 */
public final class IdxFile {
    private static final int IMAGES = 0x00000803;
    private static final int LABELS = 0x00000801;

    private IdxFile() {}

    /** Grayscale images of one IDX file: {@code pixels} holds count x height x width bytes, row-major. */
    public record Images(int count, int height, int width, byte[] pixels) {}

    /**
     * The images of an IDX image file.
     *
     * @throws UserInputException if the file is missing, not an IDX image file, or truncated
     */
    public static Images readImages(Path file) {
        byte[] bytes = contents(file);
        int[] dims = header(file, bytes, IMAGES, "image");
        long expected = 16L + (long) dims[0] * dims[1] * dims[2];
        requireLength(file, bytes, expected);
        return new Images(dims[0], dims[1], dims[2], Arrays.copyOfRange(bytes, 16, bytes.length));
    }

    /**
     * The labels of an IDX label file, each 0..255.
     *
     * @throws UserInputException if the file is missing, not an IDX label file, or truncated
     */
    public static int[] readLabels(Path file) {
        byte[] bytes = contents(file);
        int[] dims = header(file, bytes, LABELS, "label");
        requireLength(file, bytes, 8L + dims[0]);
        int[] labels = new int[dims[0]];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = bytes[8 + i] & 0xff;
        }
        return labels;
    }

    private static byte[] contents(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            if (!gzip) {
                return raw.readAllBytes();
            }
            try (InputStream in = new GZIPInputStream(raw)) {
                return in.readAllBytes();
            }
        } catch (NoSuchFileException e) {
            throw new UserInputException("IDX file " + file + " does not exist");
        } catch (EOFException e) {
            throw new UserInputException("IDX file " + file + " is truncated (the gzip stream ends early): fetch it again");
        } catch (IOException e) {
            throw new UserInputException("cannot read IDX file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Checks the magic number and returns the dimension sizes. */
    private static int[] header(Path file, byte[] bytes, int magic, String kind) {
        int dimensions = magic & 0xff;
        if (bytes.length < 4 + 4 * dimensions) {
            throw new UserInputException("IDX file " + file + " is truncated: it has only " + bytes.length
                    + " bytes, fewer than its header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int found = in.getInt();
        if (found != magic) {
            throw new UserInputException(String.format("IDX file %s is not an IDX %s file: magic number 0x%08x, expected 0x%08x",
                    file, kind, found, magic));
        }
        int[] dims = new int[dimensions];
        for (int d = 0; d < dimensions; d++) {
            dims[d] = in.getInt();
            if (dims[d] < 0) {
                throw new UserInputException("IDX file " + file + " is malformed: dimension " + d + " is negative");
            }
        }
        return dims;
    }

    private static void requireLength(Path file, byte[] bytes, long expected) {
        if (bytes.length < expected) {
            throw new UserInputException("IDX file " + file + " is truncated: " + bytes.length + " bytes, its header promises "
                    + expected);
        }
        if (bytes.length > expected) {
            throw new UserInputException("IDX file " + file + " is malformed: " + (bytes.length - expected)
                    + " bytes more than its header promises");
        }
    }
}
