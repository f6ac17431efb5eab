package io.github.scoresde.tensor;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * A seeded source of random numbers, the only caller of the engine's global seed.
 *
 * <p>Every draw is made from a seed derived from (seed, stream, counter) with SplitMix64, and the
 * engine is reseeded with it right before the draw, under one lock. So a draw depends only on this
 * object's seed, stream and how many draws it made before, never on what other code did with the
 * engine's generator. {@link #fork(long)} gives an independent stream, e.g. one per training step.
 *
 * <p>Not thread-safe: one {@code Rng} belongs to one sequential computation.
 */
public final class Rng {
    private static final Object ENGINE_LOCK = new Object();

    private final long seed;
    private final long stream;
    private long counter;

    /** A generator for {@code seed} on stream 0. */
    public Rng(long seed) {
        this(seed, 0);
    }

    private Rng(long seed, long stream) {
        this.seed = seed;
        this.stream = stream;
    }

    /** The seed this generator was made with. */
    public long seed() {
        return seed;
    }

    /** An independent generator on another stream of the same seed; it starts at counter 0. */
    public Rng fork(long streamId) {
        return new Rng(seed, mix(stream ^ mix(streamId + 0x632BE59BD9B4E019L)));
    }

    /** Standard normal draws of the given shape and type, owned by {@code manager}. */
    public NDArray normal(NDManager manager, Shape shape, DataType type) {
        synchronized (ENGINE_LOCK) {
            Engine.getInstance().setRandomSeed(nextInt());
            return manager.randomNormal(0, 1, shape, type);
        }
    }

    /** Uniform draws in [0, 1) of the given shape and type, owned by {@code manager}. */
    public NDArray uniform(NDManager manager, Shape shape, DataType type) {
        synchronized (ENGINE_LOCK) {
            Engine.getInstance().setRandomSeed(nextInt());
            return manager.randomUniform(0, 1, shape, type);
        }
    }

    /** A Java-side generator for scalar draws (component choices, projections). */
    public SplittableRandom javaRandom() {
        return new SplittableRandom(nextLong());
    }

    private int nextInt() {
        return (int) (nextLong() >>> 33);
    }

    private long nextLong() {
        long c = counter++;
        return mix(mix(seed) ^ mix(stream + 0x9E3779B97F4A7C15L) ^ (c * 0xBF58476D1CE4E5B9L + 1));
    }

    /** SplitMix64 finaliser (Steele, Lea and Flood 2014). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
