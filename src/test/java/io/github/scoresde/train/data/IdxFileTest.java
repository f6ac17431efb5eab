package io.github.scoresde.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scoresde.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    @TempDir
    Path tmp;

    @Test
    void readsGzippedFixture() {
        IdxFile.Images images = IdxFile.readImages(Fixture.copy(Fixture.IMAGES, tmp, Fixture.IMAGES));
        assertEquals(256, images.count());
        assertEquals(28, images.height());
        assertEquals(28, images.width());
        assertEquals(256 * 28 * 28, images.pixels().length);
        long sum = 0;
        for (int i = 0; i < 784; i++) {
            sum += images.pixels()[i] & 0xff;
        }
        assertEquals(Fixture.FIRST_IMAGE_SUM, sum);
        int[] labels = IdxFile.readLabels(Fixture.copy(Fixture.LABELS, tmp, Fixture.LABELS));
        assertEquals(256, labels.length);
        assertArrayEquals(Fixture.FIRST_LABELS, Arrays.copyOf(labels, 10));
    }

    @Test
    void plainFileReadsTheSameAsGzip() throws IOException {
        Path gz = Fixture.copy(Fixture.IMAGES, tmp, Fixture.IMAGES);
        Path plain = gunzip(gz, tmp.resolve("images.idx"));
        assertArrayEquals(IdxFile.readImages(gz).pixels(), IdxFile.readImages(plain).pixels());
        Path labelsGz = Fixture.copy(Fixture.LABELS, tmp, Fixture.LABELS);
        assertArrayEquals(IdxFile.readLabels(labelsGz), IdxFile.readLabels(gunzip(labelsGz, tmp.resolve("labels.idx"))));
    }

    @Test
    void truncatedFileIsRefusedByName() throws IOException {
        Path plain = gunzip(Fixture.copy(Fixture.IMAGES, tmp, Fixture.IMAGES), tmp.resolve("cut-images.idx"));
        byte[] bytes = Files.readAllBytes(plain);
        Files.write(plain, Arrays.copyOf(bytes, bytes.length - 100));
        UserInputException e = assertThrows(UserInputException.class, () -> IdxFile.readImages(plain));
        assertTrue(e.getMessage().contains("cut-images.idx") && e.getMessage().contains("truncated"), e.getMessage());

        Path header = tmp.resolve("cut-header.idx");
        Files.write(header, Arrays.copyOf(bytes, 10));
        e = assertThrows(UserInputException.class, () -> IdxFile.readImages(header));
        assertTrue(e.getMessage().contains("cut-header.idx") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void truncatedGzipIsRefusedByName() throws IOException {
        Path gz = Fixture.copy(Fixture.IMAGES, tmp, "cut.gz");
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(bytes, bytes.length / 2));
        UserInputException e = assertThrows(UserInputException.class, () -> IdxFile.readImages(gz));
        assertTrue(e.getMessage().contains("cut.gz") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void wrongMagicIsRefusedByName() {
        Path labels = Fixture.copy(Fixture.LABELS, tmp, "labels-not-images.gz");
        UserInputException e = assertThrows(UserInputException.class, () -> IdxFile.readImages(labels));
        assertTrue(e.getMessage().contains("labels-not-images.gz") && e.getMessage().contains("0x00000801"), e.getMessage());
    }

    private static Path gunzip(Path gz, Path out) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.write(out, in.readAllBytes());
        }
        return out;
    }
}
