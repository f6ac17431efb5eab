package io.github.scoresde.eval;

/**
 * The Inception-Score-style score of Salimans et al. (2016), exp(E_x KL(p(y|x) || p(y))), on a
 * classifier's class probabilities (SPEC §7), with p(y) the mean of p(y|x) over the set. It lies in
 * [1, K]: 1 when every image gets the same distribution (for instance uniform), K when every image
 * is classified with certainty and the K classes are equally frequent. Computed on one set, without
 * the reference code's 10 splits (whose mean is lower for small sets).
 */
public final class InceptionScore {
    /** Largest accepted |sum_k p_k - 1| of a row (float32 softmax outputs). */
    private static final double SUM_TOLERANCE = 1e-4;

    private InceptionScore() {}

    /**
     * The score of a set of class distributions.
     *
     * @param probabilities [N][K], each row non-negative and summing to 1
     * @throws IllegalArgumentException on an empty, ragged or non-finite set, a negative value or a
     *     row whose sum is not 1
     */
    public static double of(double[][] probabilities) {
        int k = Points.requireMatrix(probabilities, "probabilities");
        double[] marginal = new double[k];
        for (int i = 0; i < probabilities.length; i++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double p = probabilities[i][c];
                if (p < 0) {
                    throw new IllegalArgumentException("probabilities row " + i + " has the negative value " + p);
                }
                sum += p;
                marginal[c] += p;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new IllegalArgumentException("probabilities row " + i + " sums to " + sum + ", not 1");
            }
        }
        for (int c = 0; c < k; c++) {
            marginal[c] /= probabilities.length;
        }
        double kl = 0;
        for (double[] row : probabilities) {
            for (int c = 0; c < k; c++) {
                // 0 log 0 = 0; p > 0 implies marginal > 0.
                if (row[c] > 0) {
                    kl += row[c] * (Math.log(row[c]) - Math.log(marginal[c]));
                }
            }
        }
        return Math.exp(kl / probabilities.length);
    }
}
