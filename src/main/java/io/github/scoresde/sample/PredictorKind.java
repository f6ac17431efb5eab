package io.github.scoresde.sample;

import java.util.function.Supplier;

/** Predictors by command-line name. */
public enum PredictorKind {
    /** {@link EulerMaruyama}. */
    EULER_MARUYAMA("euler-maruyama", EulerMaruyama::new),
    /** {@link ReverseDiffusion}. */
    REVERSE_DIFFUSION("reverse-diffusion", ReverseDiffusion::new),
    /** {@link Ancestral}. */
    ANCESTRAL("ancestral", Ancestral::new),
    /** No predictor ({@link Predictor#NONE}). */
    NONE("none", () -> Predictor.NONE);

    private final String cliName;
    private final Supplier<Predictor> factory;

    PredictorKind(String cliName, Supplier<Predictor> factory) {
        this.cliName = cliName;
        this.factory = factory;
    }

    /** The name on the command line. */
    public String cliName() {
        return cliName;
    }

    /** A new predictor. */
    public Predictor build() {
        return factory.get();
    }

    @Override
    public String toString() {
        return cliName;
    }
}
