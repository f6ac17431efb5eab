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

    @Override
    public long[] exampleShape() {
        return new long[] {dim};
    }

    @Override
    public NDArray batch(NDManager manager, int size, DataType type, Rng rng) {
        SplittableRandom rnd = rng.javaRandom();
        double[] flat = new double[size * dim];
        double[] p = new double[dim];
        for (int i = 0; i < size; i++) {
            point.accept(rnd, p);
            System.arraycopy(p, 0, flat, i * dim, dim);
        }
        return manager.create(flat, new Shape(size, dim)).toType(type, false);
    }
}
