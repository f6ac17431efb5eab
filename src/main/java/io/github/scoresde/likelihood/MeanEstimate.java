package io.github.scoresde.likelihood;

/**
 * The mean of per-example values (log-likelihoods, bpd) with its standard error
 * s / sqrt(n), s the sample standard deviation.
 *
 * @param mean the sample mean
 * @param standardError s / sqrt(n); NaN for a single value
 * @param count the number n of values
 */
public record MeanEstimate(double mean, double standardError, int count) {
    /**
     * The estimate from values.
     *
     * @throws IllegalArgumentException if there are no values
     */
    public static MeanEstimate of(double[] values) {
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("need at least one value for a mean");
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double se = n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1) / n);
        return new MeanEstimate(mean, se, n);
    }
}
