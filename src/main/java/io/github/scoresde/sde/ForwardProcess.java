package io.github.scoresde.sde;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Scopes;

/**
 * Simulates the forward SDE dx = f(t) x dt + g(t) dw by Euler–Maruyama, to check the closed-form
 * marginals N(a(t) x0, s(t)^2 I) and to picture the diffusion of data.
 */
public final class ForwardProcess {
    private ForwardProcess() {}

    /**
     * Runs the SDE from time 0 to {@code t} in {@code steps} equal steps.
     *
     * @param x0 data [B, ...]; neither modified nor closed
     * @return x_t, owned by x0's manager
     */
    public static NDArray simulate(Sde sde, NDArray x0, double t, int steps, Rng rng) {
        if (steps < 1 || !(t >= 0)) {
            throw new IllegalArgumentException("need steps >= 1 and t >= 0, got " + steps + " and " + t);
        }
        double dt = t / steps;
        NDManager owner = x0.getManager();
        try (NDManager carry = owner.newSubManager()) {
            NDArray start = x0.duplicate();
            start.attach(carry);
            NDList state = new NDList(start);
            for (int k = 0; k < steps; k++) {
                double time = k * dt;
                NDArray x = state.singletonOrThrow();
                state = Scopes.advance(carry, state, scope -> {
                    NDArray noise = rng.normal(scope, x.getShape(), x.getDataType()).muli(Math.sqrt(sde.g2(time) * dt));
                    return new NDList(noise.addi(x.mul(1 + sde.f(time) * dt)));
                });
            }
            NDArray out = state.singletonOrThrow();
            out.attach(owner);
            return out;
        }
    }
}
