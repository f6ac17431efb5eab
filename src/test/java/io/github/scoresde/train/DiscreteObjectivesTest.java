package io.github.scoresde.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scoresde.sde.DdpmDiscretization;
import io.github.scoresde.sde.EdmSde;
import io.github.scoresde.sde.NcsnDiscretization;
import io.github.scoresde.sde.SubVpSde;
import io.github.scoresde.sde.VeSde;
import io.github.scoresde.sde.VpSde;
import org.junit.jupiter.api.Test;

/** The discrete SMLD and DDPM losses show each level to the model at the time of its noise level. */
class DiscreteObjectivesTest {
    private static final int N = 1000;

    @Test
    void smldLevelsSitAtTheNcsnSigmas() {
        VeSde sde = new VeSde();
        NcsnDiscretization ncsn = new NcsnDiscretization(sde, N);
        double[] t = new SmldObjective(N).times(sde);
        for (int i = 0; i < N; i++) {
            assertEquals(ncsn.sigma(i), sde.s(t[i]), 1e-12 * ncsn.sigma(i));
            assertEquals((double) i / (N - 1), t[i], 1e-12);
        }
    }

    @Test
    void ddpmLevelsSitAtTheAlphaBars() {
        VpSde sde = new VpSde();
        DdpmDiscretization ddpm = new DdpmDiscretization(sde, N);
        double[] t = new DdpmObjective(N).times(sde);
        int clamped = 0;
        for (int i = 0; i < N; i++) {
            if (t[i] == sde.tMax()) {
                clamped++;
                continue;
            }
            // The VP kernel at t_i is the chain's marginal: a^2 = alphabar_i and s^2 = 1 - alphabar_i
            // (to the bisection's 1e-12 in t).
            assertEquals(ddpm.alphaBar(i), sde.a(t[i]) * sde.a(t[i]), 1e-9);
            assertEquals(1 - ddpm.alphaBar(i), sde.s(t[i]) * sde.s(t[i]), 1e-9);
        }
        // The chain's last alphabars fall slightly below the SDE's a(T)^2 (4.04e-5 vs 4.32e-5):
        // those few levels (4 of 1000) are clamped to T.
        assertTrue(clamped < N / 100, clamped + " levels clamped");
    }

    @Test
    void otherFamiliesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SmldObjective(N).times(new VpSde()));
        assertThrows(IllegalArgumentException.class, () -> new SmldObjective(N).times(new EdmSde()));
        assertThrows(IllegalArgumentException.class, () -> new DdpmObjective(N).times(new VeSde()));
        assertThrows(IllegalArgumentException.class, () -> new DdpmObjective(N).times(new SubVpSde()));
        assertThrows(IllegalArgumentException.class, () -> new SmldObjective(0));
    }
}
