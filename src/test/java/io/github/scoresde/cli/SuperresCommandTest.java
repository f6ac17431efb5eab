package io.github.scoresde.cli;

import static io.github.scoresde.cli.CliTest.run;
import static io.github.scoresde.cli.LikelihoodCommandTest.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code superres} and {@code deblur} with the shipped MNIST model on drawn 28x28 images, a few
 * steps each (what they compute is tested against the exact posterior in InverseProblemsTest):
 * their files, measurement consistency, NFE, and one-line errors for bad input.
 */
class SuperresCommandTest {
    private static final String MODEL = Path.of("models", "mnist-vp.ckpt").toString();

    @TempDir
    static Path tmp;
    private static Path folder;
    private static Path single;

    @BeforeAll
    static void images() throws IOException {
        folder = Files.createDirectories(tmp.resolve("digits"));
        for (int k = 0; k < 2; k++) {
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 6; y < 22; y++) {
                img.getRaster().setSample(10 + 4 * k, y, 0, 255); // a bar, like a "1"
                img.getRaster().setSample(11 + 4 * k, y, 0, 200);
            }
            ImageIO.write(img, "png", folder.resolve("d" + k + ".png").toFile());
        }
        single = folder.resolve("d0.png");
    }

    @Test
    void superresWritesThePictureAndMetricsOfEveryMethod() throws IOException {
        Path out = tmp.resolve("sr");
        CliTest.Run r = run("superres", "--checkpoint", MODEL, "--factor", "4", "--data", folder.toString(), "--steps", "6",
                "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(2, m.get("n").asInt());
        assertEquals(4, m.get("factor").asInt());
        assertEquals(49, m.get("measurements").asInt());
        for (String method : new String[] {"ilvr", "ddrm", "ccdf"}) {
            JsonNode e = m.get("methods").get(method);
            assertTrue(e.get("max_abs_inconsistency").asDouble() < 1e-4, method + " keeps H x = y: " + e);
            assertTrue(Double.isFinite(e.get("psnr_db").asDouble()) && e.get("ssim").asDouble() <= 1, method + ": " + e);
            assertEquals(2, e.get("psnr_db_per_image").size());
        }
        assertEquals(6, m.get("methods").get("ddrm").get("nfe").asInt(), "DDRM: one call per time point");
        assertEquals(3, m.get("methods").get("ccdf").get("nfe").asInt(), "CCDF: the share of 6 points in [eps, 0.5]");
        BufferedImage picture = ImageIO.read(out.resolve("superres.png").toFile());
        assertEquals(2 * (56 + 2) + 2, picture.getWidth(), "two images per row, 2x upscaled");
        assertTrue(picture.getHeight() > 5 * 56, "rows: originals, input, three methods");
    }

    @Test
    void oneImageAndOneMethod() throws IOException {
        Path out = tmp.resolve("one");
        CliTest.Run r = run("superres", "--checkpoint", MODEL, "--factor", "2", "--image", single.toString(), "--method", "ddrm",
                "--steps", "3", "--sigma-y", "0.05", "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(1, m.get("n").asInt());
        assertEquals(1, m.get("methods").size());
        assertEquals(0.05, m.get("sigma_y").asDouble());
    }

    @Test
    void deblurWritesItsPicture() {
        Path out = tmp.resolve("deblur");
        CliTest.Run r = run("deblur", "--checkpoint", MODEL, "--blur", "1", "--image", single.toString(), "--steps", "3",
                "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("deblur.png")) && Files.exists(out.resolve("metrics.json")));
    }

    @Test
    void badInputIsOneLine() {
        Path never = tmp.resolve("never");
        String img = single.toString();
        String out = never.toString();
        assertBadInput(run("superres", "--checkpoint", MODEL, "--factor", "3", "--image", img, "--out", out), "does not divide", never);
        assertBadInput(run("superres", "--checkpoint", MODEL, "--factor", "1", "--image", img, "--out", out), "--factor", never);
        assertBadInput(run("superres", "--model", "gmm8", "--factor", "2", "--image", img, "--out", out), "restores images", never);
        assertBadInput(run("superres", "--checkpoint", MODEL, "--factor", "2", "--image", img, "--sigma-y", "-1", "--out", out),
                "--sigma-y", never);
        assertBadInput(run("superres", "--checkpoint", MODEL, "--factor", "2", "--image", img, "--eta", "2", "--out", out),
                "--eta", never);
        assertBadInput(run("superres", "--checkpoint", MODEL, "--factor", "2", "--image", img, "--t0", "0", "--out", out),
                "--t0", never);
        assertBadInput(run("superres", "--checkpoint", MODEL, "--factor", "2", "--image", img, "--method", "magic", "--out", out),
                "unknown method", never);
        assertBadInput(run("superres", "--checkpoint", MODEL, "--factor", "2", "--image", img, "--data", folder.toString(),
                "--out", out), "mutually exclusive", never);
        assertBadInput(run("superres", "--checkpoint", MODEL, "--factor", "2", "--image", tmp.resolve("none.png").toString(),
                "--out", out), "none.png", never);
        assertBadInput(run("deblur", "--checkpoint", MODEL, "--blur", "0", "--image", img, "--out", out), "positive", never);
    }
}
