package io.github.scoresde.condition.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.scoresde.sample.Constraint;
import io.github.scoresde.sample.Step;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;

/**
 * Iterative latent variable refinement (Choi et al. 2021, Alg. 1) for any linear H: after every
 * step at time t the state moves the shortest way onto H x = y_t, x' = x + H^+ (y_t - H x), with
 * y_t = a(t) y + s(t) H z a forward sample of the measurements (ILVR's phi_N(y_t) for H the
 * low-pass filter; SPEC §6), computed in H's spectral coordinates over the components
 * {@link Measured#trusted} keeps (all of them for pooling). The noise-free mean moves onto
 * a(t) y. Approximate: the reverse process is steered, not conditioned, so the samples follow the
 * exact posterior only roughly; at t = 0 they satisfy H x = y exactly in the kept components.
 *
 * @param measured H and y (measurement noise is not modelled: y is taken as exact)
 * @param stopBelow the constraint acts at times t >= stopBelow and at the final t = 0 (ILVR's
 *     conditioning range; 0 conditions every step)
 */
public record Ilvr(Measured measured, double stopBelow) implements Constraint {
    @Override
    public Step enforce(Step step, double t, Sde sde, Rng rng) {
        if (t > 0 && t < stopBelow) {
            return step;
        }
        LinearMeasurement h = measured.operator();
        NDArray x = step.x();
        NDManager owner = x.getManager();
        try (NDManager scope = owner.newSubManager()) {
            NDArray yBar = h.spectralMeasurement(measured.y(x));
            yBar.attach(scope);
            NDArray keep = Measured.vector(yBar, measured.trusted());
            NDArray mean = yBar.mul(sde.a(t));
            NDArray noisy = mean;
            if (t > 0) {
                // Sigma^-1 U^T H z = V^T z: the forward noise of the measured coordinates.
                NDArray z = rng.normal(scope, x.getShape(), x.getDataType());
                noisy = mean.add(h.toSpectral(z).muli(sde.s(t)));
            }
            NDArray xOut = x.add(h.fromSpectral(noisy.sub(h.toSpectral(x)).muli(keep)));
            NDArray meanOut = step.xMean().add(h.fromSpectral(mean.sub(h.toSpectral(step.xMean())).muli(keep)));
            xOut.attach(owner);
            meanOut.attach(owner);
            return new Step(xOut, meanOut);
        }
    }
}
