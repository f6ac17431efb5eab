package io.github.scoresde.eval;

import java.util.SplittableRandom;

/** Validation and subsampling shared by the metrics; points are {@code double[n][d]}. */
final class Points {
    private Points() {}

    /**
     * Checks that {@code x} is a non-empty rectangular matrix of finite values with at least one
     * column, and returns its column count. {@code name} is used in the error messages.
     */
    static int requireMatrix(double[][] x, String name) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(name + " " + verb(name) + " no rows");
        }
        if (x[0] == null || x[0].length == 0) {
            throw new IllegalArgumentException(name + " row 0 has no columns");
        }
        int d = x[0].length;
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            if (row == null) {
                throw new IllegalArgumentException(name + " row " + i + " is null");
            }
            if (row.length != d) {
                throw new IllegalArgumentException(
                        name + " row " + i + " has " + row.length + " columns but row 0 has " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(
                            name + " row " + i + " column " + j + " is " + row[j]);
                }
            }
        }
        return d;
    }

    /** Validates both sets and that they have the same number of columns, which it returns. */
    static int requireSameDim(double[][] a, String aName, double[][] b, String bName) {
        int da = requireMatrix(a, aName);
        int db = requireMatrix(b, bName);
        if (da != db) {
            throw new IllegalArgumentException(
                    aName + " " + verb(aName) + " " + da + " columns but " + bName + " "
                            + verb(bName) + " " + db);
        }
        return da;
    }

    /** Checks that a set has at least two rows, as the U-statistics need distinct pairs. */
    static void requireTwoRows(double[][] x, String name) {
        if (x.length < 2) {
            throw new IllegalArgumentException(
                    name + " " + verb(name) + " " + x.length + " row but at least 2 are needed");
        }
    }

    /** Checks {@code maxPoints >= 2}, the smallest subsample a U-statistic can use. */
    static void requireMaxPoints(int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be at least 2 but was " + maxPoints);
        }
    }

    /**
     * Returns {@code x} itself when it has at most {@code max} rows, else {@code max} rows drawn
     * without replacement (a partial Fisher-Yates shuffle of the row indices).
     */
    static double[][] subsample(double[][] x, int max, SplittableRandom rnd) {
        if (x.length <= max) {
            return x;
        }
        int[] idx = new int[x.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        double[][] out = new double[max][];
        for (int i = 0; i < max; i++) {
            int j = i + rnd.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            out[i] = x[idx[i]];
        }
        return out;
    }

    /** Squared Euclidean distance between two rows of equal length. */
    static double squaredDistance(double[] p, double[] q) {
        double s = 0;
        for (int k = 0; k < p.length; k++) {
            double diff = p[k] - q[k];
            s += diff * diff;
        }
        return s;
    }

    // Names are nouns like "samples", "reference", "a": a trailing 's' reads as plural.
    private static String verb(String name) {
        return name.endsWith("s") ? "have" : "has";
    }
}
