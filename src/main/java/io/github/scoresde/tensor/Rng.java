package io.github.scoresde.tensor;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A seeded source of random numbers, the only caller of the engine's global seed.
 *
 * <p>Every draw is made from a seed derived from (seed, counter) with SplitMix64, and the engine is
 * reseeded with it right before the draw, under one lock. So a draw depends only on this object's
 * seed and how many draws it made before, never on what other code did with the engine's
 * generator.
 *
 * <p>Not thread-safe: one {@code Rng} belongs to one sequential computation.
 */
public final class Rng {
    private static final Object ENGINE_LOCK = new Object();

    private final long seed;
    private long counter;

    /** A generator for {@code seed}. */
    public Rng(long seed) {
        this.seed = seed;
    }

    /**
     * The generator of one step of a long computation: its draws depend on (seed, step) only, so
     * a run resumed at any step repeats them exactly.
     */
    public static Rng forStep(long seed, long step) {
        return new Rng(mix(seed) ^ mix(step + 0x632BE59BD9B4E019L));
    }

    /** The seed this generator was made with. */
    public long seed() {
        return seed;
    }

    /** Standard normal draws of the given shape and type, owned by {@code manager}. */
    public NDArray normal(NDManager manager, Shape shape, DataType type) {
        synchronized (ENGINE_LOCK) {
            Engine.getInstance().setRandomSeed(nextInt());
            return manager.randomNormal(0, 1, shape, type);
        }
    }

    /** A Java-side generator for draws made in Java (data generators, component choices). */
    public java.util.SplittableRandom javaRandom() {
        return new java.util.SplittableRandom(nextLong());
    }

    /**
     * Runs code that draws from the engine's generator itself (a block's parameter
     * initialisation) with the engine seeded from this generator.
     */
    public void seedEngineFor(Runnable drawing) {
        synchronized (ENGINE_LOCK) {
            Engine.getInstance().setRandomSeed(nextInt());
            drawing.run();
        }
    }

    private int nextInt() {
        return (int) (nextLong() >>> 33);
    }

    private long nextLong() {
        long c = counter++;
        return mix(mix(seed) ^ (c * 0xBF58476D1CE4E5B9L + 0x9E3779B97F4A7C15L));
    }

    /** SplitMix64 finaliser (Steele, Lea and Flood 2014). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
