package io.github.scoresde.eval;

import java.util.SplittableRandom;

/** Test data: samples of N(mean, I). */
final class Gaussians {
    private Gaussians() {}

    static double[][] sample(int n, double[] mean, SplittableRandom rnd) {
        double[][] x = new double[n][mean.length];
        for (double[] row : x) {
            for (int k = 0; k < mean.length; k++) {
                row[k] = mean[k] + rnd.nextGaussian();
            }
        }
        return x;
    }

    static double[][] standard(int n, int d, SplittableRandom rnd) {
        return sample(n, new double[d], rnd);
    }
}
