package io.github.scoresde.plot;

import java.awt.image.BufferedImage;

/** Pixel checks for rendered charts. */
final class Pixels {
    private Pixels() {}

    /** Whether the pixel holding point (x, y) is close to the given colour in every channel. */
    static boolean near(BufferedImage img, double x, double y, int rgb, int tolerance) {
        // Pixel (i, j) covers [i, i + 1) x [j, j + 1) in Java2D user space.
        int p = img.getRGB((int) Math.floor(x), (int) Math.floor(y));
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((p >> shift) & 0xff) - ((rgb >> shift) & 0xff)) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /** Number of pixels in the image close to the given colour. */
    static int count(BufferedImage img, int rgb, int tolerance) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (near(img, x, y, rgb, tolerance)) {
                    n++;
                }
            }
        }
        return n;
    }
}
