package io.github.scoresde.sample;

import java.util.function.Function;

/** Correctors by command-line name. */
public enum CorrectorKind {
    /** {@link Langevin} with the settings' snr and norm. */
    LANGEVIN("langevin", s -> new Langevin(s.snr(), s.langevinNorm())),
    /** {@link AnnealedLangevin} with the settings' step ratio. */
    ALD("ald", s -> new AnnealedLangevin(s.stepRatio())),
    /** No corrector ({@link Corrector#NONE}). */
    NONE("none", s -> Corrector.NONE);

    private final String cliName;
    private final Function<SamplerSettings, Corrector> factory;

    CorrectorKind(String cliName, Function<SamplerSettings, Corrector> factory) {
        this.cliName = cliName;
        this.factory = factory;
    }

    /** The name on the command line. */
    public String cliName() {
        return cliName;
    }

    /** A new corrector configured from {@code settings}. */
    public Corrector build(SamplerSettings settings) {
        return factory.apply(settings);
    }

    @Override
    public String toString() {
        return cliName;
    }
}
