package io.github.scoresde.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scoresde.UserInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarTest {
    @TempDir
    Path tmp;

    private static final byte[] BIG = new byte[1000];

    static {
        Arrays.fill(BIG, (byte) 7);
    }

    /** package/, package/data/a (5 bytes), package/data/big (1000 bytes), package/other, then a file named via the prefix field. */
    private static byte[] archive() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry(out, "", "package/", '5', new byte[0]);
        entry(out, "", "package/data/a", '0', "hello".getBytes(StandardCharsets.UTF_8));
        entry(out, "", "package/data/big", '0', BIG);
        entry(out, "", "package/other", '0', new byte[512]);
        entry(out, "package/data", "c", '0', new byte[] {1, 2, 3});
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    @Test
    void extractsTheChosenRegularFiles() throws IOException {
        Set<String> written = Tar.extract(new ByteArrayInputStream(archive()), "test.tar",
                name -> name.startsWith("package/data/") ? tmp.resolve(name.substring(13)) : null);
        assertEquals(Set.of("package/data/a", "package/data/big", "package/data/c"), written);
        assertEquals("hello", Files.readString(tmp.resolve("a")));
        assertArrayEquals(BIG, Files.readAllBytes(tmp.resolve("big")));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(tmp.resolve("c")), "name from the ustar prefix field");
        assertFalse(Files.exists(tmp.resolve("other")));
    }

    @Test
    void npmTarballUnpacksItsDataFolder() throws IOException {
        Path tgz = tmp.resolve("pkg.tgz");
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(tgz))) {
            gz.write(archive());
        }
        Archive archive = new Archive.NpmTarball("pkg@1", "unused", "package/data/");
        Path data = archive.unpack(tgz, tmp, Set.of("a", "c"), (command, dir) -> {
            throw new AssertionError("an npm tarball is read in Java");
        });
        assertEquals("hello", Files.readString(data.resolve("a")));
        assertTrue(Files.exists(data.resolve("c")));
        assertFalse(Files.exists(data.resolve("big")), "not asked for");
    }

    @Test
    void damagedHeaderIsRefused() throws IOException {
        byte[] bytes = archive();
        bytes[512 + 3] ^= 1;
        UserInputException e = assertThrows(UserInputException.class,
                () -> Tar.extract(new ByteArrayInputStream(bytes), "bad.tar", name -> null));
        assertTrue(e.getMessage().contains("bad.tar") && e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void truncatedEntryIsRefused() throws IOException {
        byte[] bytes = Arrays.copyOf(archive(), 512 * 4 + 100);
        UserInputException e = assertThrows(UserInputException.class,
                () -> Tar.extract(new ByteArrayInputStream(bytes), "cut.tar", name -> null));
        assertTrue(e.getMessage().contains("cut.tar") && e.getMessage().contains("truncated"), e.getMessage());
    }

    /** Writes one ustar header (POSIX.1-1988 layout) and the padded data. */
    private static void entry(ByteArrayOutputStream out, String prefix, String name, char type, byte[] data) throws IOException {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", data.length));
        put(h, 136, "00000000000");
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        put(h, 345, prefix);
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        out.write(h);
        out.write(data);
        out.write(new byte[(512 - data.length % 512) % 512]);
    }

    private static void put(byte[] header, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, offset, b.length);
    }
}
