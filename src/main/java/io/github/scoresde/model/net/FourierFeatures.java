package io.github.scoresde.model.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.SplittableRandom;

/**
 * Gaussian Fourier features of the noise label, [sin(2 pi w c), cos(2 pi w c)] with fixed random
 * frequencies w ~ N(0, 16^2) (NCSN++'s GaussianFourierProjection, Song et al. 2021, App. H; Tancik
 * et al. 2020). The frequencies are drawn from a seed and are part of the architecture, not
 * trained parameters.
 */
public final class FourierFeatures {
    /** Scale of the fixed random Fourier frequencies (NCSN++ uses 16 for ln sigma). */
    private static final double SCALE = 16;

    private final float[] frequencies;

    /**
     * @param count number of frequencies (the features are twice as many)
     * @param seed seed of the frequencies
     */
    public FourierFeatures(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one Fourier frequency, got " + count);
        }
        frequencies = new float[count];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            frequencies[i] = (float) (2 * Math.PI * SCALE * rnd.nextGaussian());
        }
    }

    /** Number of features, 2 * count. */
    public int size() {
        return 2 * frequencies.length;
    }

    /** The features [B, size()] of labels [B] (or [B, 1]), in the labels' type and manager. */
    public NDArray of(NDArray label) {
        NDArray w = label.getManager().create(frequencies).toType(label.getDataType(), false).reshape(1, -1);
        NDArray phase = label.reshape(-1, 1).mul(w);
        return NDArrays.concat(new NDList(phase.sin(), phase.cos()), 1);
    }
}
