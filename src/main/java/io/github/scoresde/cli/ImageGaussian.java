package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.train.data.IdxFile;
import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.ImageDataSets;
import io.github.scoresde.train.data.PixelScaling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A single Gaussian fitted to 8-bit images (SPEC §8): the sample mean and covariance of the
 * images in data units plus delta I, since an image covariance is singular (MNIST's border
 * pixels are constant). Its log density under every SDE is exact, which makes it a 784-D oracle
 * for bits per dimension. Fitted on MNIST's training split, evaluated on images of its test split.
 *
 * @param gaussian the fitted law of the data at t = 0
 * @param test images to evaluate, not among those fitted
 * @param source where the images came from, for reports
 */
record ImageGaussian(GaussianMixture gaussian, ImageData test, String source) {
    /** The 256-image MNIST fixture of the tests, used from the repository root when MNIST is not fetched. */
    static final Path FIXTURE = Path.of("src/test/resources/data/mnist-fixture/train-images-idx3-ubyte.gz");

    /**
     * Fits MNIST from the data cache: the first {@code fitCount} training images fitted, the test
     * split evaluated. Without MNIST, the fixture: its images after the first {@code testCount}
     * fitted, the first {@code testCount} evaluated.
     *
     * @throws UserInputException if neither MNIST nor the fixture is at hand
     */
    static ImageGaussian mnist(int fitCount, int testCount, double delta) {
        ImageData train;
        ImageData test;
        try {
            train = ImageDataSets.load("mnist");
            test = ImageDataSets.load("mnist:test");
        } catch (UserInputException notFetched) {
            return fixture(testCount, delta);
        }
        int fit = Math.min(fitCount, train.size());
        return new ImageGaussian(fit(train, 0, fit, delta), test, "MNIST: fitted on the first " + fit + " training images, evaluated on the test split");
    }

    private static ImageGaussian fixture(int testCount, double delta) {
        if (!Files.isRegularFile(FIXTURE)) {
            throw new UserInputException("mnist is not in " + ImageDataSets.cacheDir() + ": run `scoresde data fetch mnist` first"
                    + " (or run from the repository root, where the 256-image test fixture serves instead)");
        }
        IdxFile.Images idx = IdxFile.readImages(FIXTURE);
        ImageData all = new ImageData(idx.pixels(), 1, idx.height(), idx.width(), null, List.of(), PixelScaling.SYMMETRIC);
        if (testCount >= all.size() - 1) {
            throw new UserInputException("the MNIST fixture has " + all.size() + " images: evaluate fewer than " + (all.size() - 1)
                    + " (--images), or fetch MNIST with `scoresde data fetch mnist`");
        }
        return new ImageGaussian(fit(all, testCount, all.size(), delta), all, "the 256-image MNIST test fixture (MNIST not fetched):"
                + " fitted on images " + testCount + "..255, evaluated on the first " + testCount);
    }

    /** Mean and (n - 1)-normalised covariance of images from..to-1 in data units, plus delta I. */
    static GaussianMixture fit(ImageData images, int from, int to, double delta) {
        PixelScaling scaling = images.pixelScaling();
        int d = images.pixels(from).length;
        int n = to - from;
        double[] mean = new double[d];
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            byte[] p = images.pixels(from + i);
            for (int j = 0; j < d; j++) {
                rows[i][j] = scaling.toData(p[j] & 0xff);
                mean[j] += rows[i][j] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                double cj = row[j] - mean[j];
                if (cj != 0) {
                    for (int k = j; k < d; k++) {
                        cov[j][k] += cj * (row[k] - mean[k]);
                    }
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                cov[j][k] /= n - 1;
                cov[k][j] = cov[j][k];
            }
            cov[j][j] += delta;
        }
        return GaussianMixture.of(new double[] {1}, new double[][] {mean}, new double[][][] {cov});
    }
}
