package io.github.scoresde.cli;

import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.plot.ScatterPlot;
import io.github.scoresde.train.data.DataSource;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Class-conditional samples of a mixture whose components are the classes: judged against the
 * class's component (the exact p(x | y), which guidance samples at w = 1), with the share of
 * samples the exact responsibilities p_0(k | x) give to other classes.
 */
record ClassTruth(GaussianMixture mixture, int label) implements Truth {
    private static final Color CLASS_ORANGE = new Color(255, 127, 14, 90);

    private PointTruth component() {
        return PointTruth.of(mixture.component(label));
    }

    @Override
    public DataSource data() {
        return component().data();
    }

    @Override
    public int defaultSampleCount() {
        return PointTruth.DEFAULT_SAMPLES;
    }

    @Override
    public double std() {
        return component().std();
    }

    /**
     * The component's metrics, plus class accuracy (most likely component = the class) and the
     * mean responsibility of the other classes, for the samples and for as many exact draws of
     * the class (whose few points in the tails of neighbours set the floor).
     */
    @Override
    public Map<String, Object> quality(double[][] samples, long seed) {
        Map<String, Object> q = component().quality(samples, seed);
        double[][] finite = Arrays.stream(samples).filter(p -> Arrays.stream(p).allMatch(Double::isFinite)).toArray(double[][]::new);
        double[][] exact = mixture.component(label).sample(samples.length, new SplittableRandom(seed ^ 0x5DEECE66DL)).points();
        q.put("class", label);
        q.put("class_accuracy", accuracy(finite));
        q.put("class_accuracy_exact", accuracy(exact));
        q.put("other_class_mass", otherMass(finite));
        q.put("other_class_mass_exact", otherMass(exact));
        return q;
    }

    private double accuracy(double[][] x) {
        return Arrays.stream(x).filter(p -> mixture.mostLikelyComponent(p) == label).count() / (double) Math.max(1, x.length);
    }

    private double otherMass(double[][] x) {
        return Arrays.stream(x).mapToDouble(p -> 1 - mixture.responsibilities(p)[label]).average().orElse(Double.NaN);
    }

    /** The samples over the whole mixture and the exact class (first two coordinates). */
    @Override
    public BufferedImage picture(String title, double[][] samples, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        return ScatterPlot.builder()
                .title(title)
                .axisLabels("x0", "x1")
                .equalAspect(true)
                .layer("mixture", mixture.sample(samples.length, rnd.split()).points(), ScatterPlot.REFERENCE_GREY)
                .layer("class " + label + " (exact)", mixture.component(label).sample(samples.length, rnd.split()).points(), CLASS_ORANGE)
                .layer("samples", samples, ScatterPlot.SAMPLE_BLUE)
                .build()
                .render();
    }

    @Override
    public void writeSamples(double[][] samples, Path dir) {
        Outputs.writeCsv(dir.resolve("samples.csv"), samples);
    }
}
