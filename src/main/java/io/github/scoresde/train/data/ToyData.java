package io.github.scoresde.train.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.tensor.Rng;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/** Two-dimensional toy data sets generated on the fly (and any mixture of the oracle, in any dimension). */
public final class ToyData implements DataSource {
    private final int dim;
    private final BiConsumer<SplittableRandom, double[]> point;

    private ToyData(int dim, BiConsumer<SplittableRandom, double[]> point) {
        this.dim = dim;
        this.point = point;
    }

    /** Exact samples of a Gaussian mixture. */
    public static ToyData mixture(GaussianMixture mixture) {
        return new ToyData(mixture.dim(), (rnd, out) ->
                System.arraycopy(mixture.sample(1, rnd).points()[0], 0, out, 0, out.length));
    }

    /** Per-coordinate standard deviation averaged over coordinates, from 20,000 draws (EDM's sigma_data). */
    public double std() {
        double[][] x = sample(20_000, new SplittableRandom(0));
        double total = 0;
        for (int j = 0; j < dim; j++) {
            double mean = 0;
            for (double[] p : x) {
                mean += p[j] / x.length;
            }
            double var = 0;
            for (double[] p : x) {
                var += (p[j] - mean) * (p[j] - mean) / (x.length - 1);
            }
            total += Math.sqrt(var);
        }
        return total / dim;
    }

    /** Two interleaved half circles with Gaussian noise of std 0.1, scaled by 2 and centred. */
    public static ToyData twoMoons() {
        return new ToyData(2, (rnd, out) -> {
            double angle = Math.PI * rnd.nextDouble();
            boolean upper = rnd.nextBoolean();
            double x = upper ? Math.cos(angle) : 1 - Math.cos(angle);
            double y = upper ? Math.sin(angle) : 0.5 - Math.sin(angle);
            out[0] = 2 * (x - 0.5) + 0.2 * rnd.nextGaussian();
            out[1] = 2 * (y - 0.25) + 0.2 * rnd.nextGaussian();
        });
    }

    /** A swiss roll: radius and angle both grow along the roll, noise std 0.25, scaled to about [-4, 4]. */
    public static ToyData swissRoll() {
        return new ToyData(2, (rnd, out) -> {
            double u = 1.5 * Math.PI * (1 + 2 * rnd.nextDouble());
            out[0] = u * Math.cos(u) / 3 + 0.25 * rnd.nextGaussian();
            out[1] = u * Math.sin(u) / 3 + 0.25 * rnd.nextGaussian();
        });
    }

    /** A 4 x 4 checkerboard on [-4, 4]^2: uniform on the 8 dark squares. */
    public static ToyData checkerboard() {
        return new ToyData(2, (rnd, out) -> {
            int cell = rnd.nextInt(8);
            int row = cell / 2;
            int col = 2 * (cell % 2) + (row % 2);
            out[0] = -4 + 2 * (col + rnd.nextDouble());
            out[1] = -4 + 2 * (row + rnd.nextDouble());
        });
    }

    /** Three concentric rings of radii 1, 2.5 and 4 (points in proportion to length), noise std 0.08. */
    public static ToyData rings() {
        double[] radii = {1, 2.5, 4};
        return new ToyData(2, (rnd, out) -> {
            double u = rnd.nextDouble() * 7.5;
            double r = u < 1 ? radii[0] : u < 3.5 ? radii[1] : radii[2];
            double angle = 2 * Math.PI * rnd.nextDouble();
            out[0] = r * Math.cos(angle) + 0.08 * rnd.nextGaussian();
            out[1] = r * Math.sin(angle) + 0.08 * rnd.nextGaussian();
        });
    }

    /** Names of the generated data sets (the built-in mixtures are data sets too). */
    public static final java.util.List<String> GENERATED = java.util.List.of("moons", "swissroll", "checkerboard", "rings");

    private static final java.util.Map<String, java.util.function.Supplier<ToyData>> BY_NAME = java.util.Map.of(
            "moons", ToyData::twoMoons, "swissroll", ToyData::swissRoll, "checkerboard", ToyData::checkerboard,
            "rings", ToyData::rings);

    /** A generated data set by name, or empty. */
    public static java.util.Optional<ToyData> generated(String name) {
        return java.util.Optional.ofNullable(BY_NAME.get(name)).map(java.util.function.Supplier::get);
    }

    /** {@code n} points drawn with a Java generator (reference samples for metrics). */
    public double[][] sample(int n, SplittableRandom rnd) {
        double[][] out = new double[n][dim];
        for (double[] p : out) {
            point.accept(rnd, p);
        }
        return out;
    }

    @Override
    public long[] exampleShape() {
        return new long[] {dim};
    }

    @Override
    public NDArray batch(NDManager manager, int size, DataType type, Rng rng) {
        double[][] points = sample(size, rng.javaRandom());
        double[] flat = new double[size * dim];
        for (int i = 0; i < size; i++) {
            System.arraycopy(points[i], 0, flat, i * dim, dim);
        }
        return manager.create(flat, new Shape(size, dim)).toType(type, false);
    }
}
