package io.github.scoresde.cli;

import static io.github.scoresde.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
    @TempDir
    Path tmp;

    @Test
    void previewOfAPngFolder() throws IOException {
        Path folder = tmp.resolve("pngs");
        for (String cls : new String[] {"a", "b"}) {
            for (int i = 0; i < 3; i++) {
                Files.createDirectories(folder.resolve(cls));
                ImageIO.write(new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_GRAY), "png", folder.resolve(cls + "/" + i + ".png").toFile());
            }
        }
        Path png = tmp.resolve("out/preview.png");
        CliTest.Run r = run("data", "preview", folder.toString(), "--n", "4", "--scale", "3", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("wrote 4 of 6 images [1, 4, 5] with labels"), r.out());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(2 * (15 + 2) + 2, img.getWidth(), "2 columns of 5 px at scale 3, 2 px gutters");
    }

    @Test
    void unknownOrMissingDataIsExitCode2() {
        CliTest.Run r = run("data", "preview", "no-such-set", "--out", tmp.resolve("x.png").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: unknown image data 'no-such-set'"), r.err());
        r = run("data", "preview", "mnist", "--dir", tmp.toString(), "--out", tmp.resolve("x.png").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("run `scoresde data fetch mnist` first"), r.err());
        r = run("data", "fetch", "cifar10", "--dir", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: cannot fetch 'cifar10': use one of mnist, fashion-mnist"), r.err());
        assertEquals(2, run("data").code());
    }
}
