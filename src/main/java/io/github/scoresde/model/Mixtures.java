package io.github.scoresde.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scoresde.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The built-in mixtures and the JSON mixture format
 * {@code {"weights": [K], "means": [K][D], "covariances": [K][D][D]}}.
 */
public final class Mixtures {
    /** Names accepted by {@link #byNameOrFile}. */
    public static final List<String> BUILT_IN = List.of("gmm8", "grid25", "aniso16");

    private static final Map<String, Supplier<GaussianMixture>> BY_NAME =
            Map.of("gmm8", Mixtures::gmm8, "grid25", Mixtures::grid25, "aniso16", Mixtures::aniso16);

    private Mixtures() {}

    /** Eight isotropic Gaussians (std 0.5) evenly spaced on the circle of radius 4, equal weights. */
    public static GaussianMixture gmm8() {
        int k = 8;
        double[] w = new double[k];
        double[][] mu = new double[k][];
        double[][][] c = new double[k][][];
        for (int i = 0; i < k; i++) {
            double angle = 2 * Math.PI * i / k;
            w[i] = 1;
            mu[i] = new double[] {4 * Math.cos(angle), 4 * Math.sin(angle)};
            c[i] = isotropic(2, 0.25);
        }
        return GaussianMixture.of(w, mu, c);
    }

    /** A 5 x 5 grid of isotropic Gaussians (std 0.3) at {-4, -2, 0, 2, 4}^2, equal weights. */
    public static GaussianMixture grid25() {
        double[] w = new double[25];
        double[][] mu = new double[25][];
        double[][][] c = new double[25][][];
        for (int i = 0; i < 25; i++) {
            w[i] = 1;
            mu[i] = new double[] {-4 + 2 * (i / 5), -4 + 2 * (i % 5)};
            c[i] = isotropic(2, 0.09);
        }
        return GaussianMixture.of(w, mu, c);
    }

    /**
     * Two anisotropic Gaussians in 16-D, weights 0.3 and 0.7, means +-2 u with u = (1,...,1)/4,
     * covariances Q_k diag(lambda) Q_k^T with eigenvalues log-spaced from 0.05 to 2 and fixed
     * random rotations Q_k (generated from seed 16, so the mixture is the same everywhere).
     */
    public static GaussianMixture aniso16() {
        int d = 16;
        SplittableRandom rnd = new SplittableRandom(16);
        double[] lambda = new double[d];
        for (int j = 0; j < d; j++) {
            lambda[j] = 0.05 * Math.pow(2 / 0.05, j / (double) (d - 1));
        }
        double[][] mu = new double[2][d];
        double[][][] c = new double[2][][];
        for (int k = 0; k < 2; k++) {
            java.util.Arrays.fill(mu[k], (k == 0 ? 2 : -2) / 4.0);
            double[][] q = randomRotation(d, rnd);
            c[k] = new double[d][d];
            for (int r = 0; r < d; r++) {
                for (int col = 0; col < d; col++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += q[r][j] * lambda[j] * q[col][j];
                    }
                    c[k][r][col] = s;
                }
            }
        }
        for (double[][] m : c) {
            for (int r = 0; r < d; r++) {
                for (int col = r + 1; col < d; col++) {
                    m[col][r] = m[r][col];
                }
            }
        }
        return GaussianMixture.of(new double[] {0.3, 0.7}, mu, c);
    }

    /** A built-in mixture by name, or one loaded from a JSON file. */
    public static GaussianMixture byNameOrFile(String nameOrPath) {
        Supplier<GaussianMixture> builtIn = BY_NAME.get(nameOrPath);
        if (builtIn != null) {
            return builtIn.get();
        }
        Path path = Path.of(nameOrPath);
        if (!nameOrPath.endsWith(".json") || !Files.isRegularFile(path)) {
            throw new UserInputException("unknown model '" + nameOrPath + "': use one of "
                    + String.join(", ", BUILT_IN) + " or the path of an existing mixture .json file");
        }
        return load(path);
    }

    /** The JSON layout of a mixture file. */
    private record MixtureJson(double[] weights, double[][] means, double[][][] covariances) {}

    /** Loads a mixture JSON file; any problem is a {@link UserInputException} naming the file. */
    public static GaussianMixture load(Path path) {
        MixtureJson json;
        try {
            json = new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .readValue(path.toFile(), MixtureJson.class);
        } catch (IOException e) {
            throw new UserInputException("cannot read mixture file " + path + ": " + firstLine(e.getMessage())
                    + " (expected {\"weights\": [K], \"means\": [K][D], \"covariances\": [K][D][D]})", e);
        }
        if (json.weights() == null || json.means() == null || json.covariances() == null) {
            throw new UserInputException("mixture file " + path
                    + " must have the keys \"weights\", \"means\" and \"covariances\"");
        }
        try {
            return GaussianMixture.of(json.weights(), json.means(), json.covariances());
        } catch (IllegalArgumentException e) {
            throw new UserInputException("mixture file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Writes a mixture in the JSON format that {@link #load} reads. */
    public static void save(GaussianMixture mixture, Path path) throws IOException {
        int k = mixture.components();
        double[][] mu = new double[k][];
        double[][][] c = new double[k][][];
        for (int i = 0; i < k; i++) {
            mu[i] = mixture.mean(i);
            c[i] = mixture.covariance(i);
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValue(path.toFile(), new MixtureJson(mixture.weights(), mu, c));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static double[][] isotropic(int d, double variance) {
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            c[i][i] = variance;
        }
        return c;
    }

    /** An orthogonal matrix from Gram–Schmidt on a Gaussian matrix. */
    static double[][] randomRotation(int d, SplittableRandom rnd) {
        double[][] q = new double[d][d];
        for (int j = 0; j < d; j++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) {
                v[i] = rnd.nextGaussian();
            }
            for (int p = 0; p < j; p++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += v[i] * q[i][p];
                }
                for (int i = 0; i < d; i++) {
                    v[i] -= dot * q[i][p];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                q[i][j] = v[i] / norm;
            }
        }
        return q;
    }
}
