package io.github.scoresde.cli;

import io.github.scoresde.sde.EdmSde;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.sde.SubVpSde;
import io.github.scoresde.sde.VeSde;
import io.github.scoresde.sde.VpSde;

/** The SDE families by command-line name, with their SPEC §1 defaults. */
public enum SdeChoice {
    /** Variance exploding; --sigma-min/--sigma-max (default 0.01/50). */
    VE("ve") {
        @Override
        Sde build(SdeOptions o) {
            VeSde d = new VeSde();
            return new VeSde(or(o.sigmaMin, d.sigmaMin()), or(o.sigmaMax, d.sigmaMax()));
        }
    },
    /** Variance preserving; --beta-min/--beta-max (default 0.1/20). */
    VP("vp") {
        @Override
        Sde build(SdeOptions o) {
            VpSde d = new VpSde();
            return new VpSde(or(o.betaMin, d.betaMin()), or(o.betaMax, d.betaMax()));
        }
    },
    /** Sub-variance preserving; --beta-min/--beta-max (default 0.1/20). */
    SUBVP("subvp") {
        @Override
        Sde build(SdeOptions o) {
            SubVpSde d = new SubVpSde();
            return new SubVpSde(or(o.betaMin, d.betaMin()), or(o.betaMax, d.betaMax()));
        }
    },
    /** Karras et al.'s sigma(t) = t; --sigma-min/--sigma-max (default 0.002/80). */
    EDM("edm") {
        @Override
        Sde build(SdeOptions o) {
            EdmSde d = new EdmSde();
            return new EdmSde(or(o.sigmaMin, d.sigmaMin()), or(o.sigmaMax, d.sigmaMax()));
        }
    };

    private final String cliName;

    SdeChoice(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line. */
    public String cliName() {
        return cliName;
    }

    abstract Sde build(SdeOptions options);

    /** The SDE with the options' parameters, a user error when they are out of range. */
    Sde create(SdeOptions options) {
        try {
            return build(options);
        } catch (IllegalArgumentException e) {
            throw new io.github.scoresde.UserInputException("--sde " + cliName + ": " + e.getMessage());
        }
    }

    private static double or(Double value, double fallback) {
        return value == null ? fallback : value;
    }

    @Override
    public String toString() {
        return cliName;
    }
}
