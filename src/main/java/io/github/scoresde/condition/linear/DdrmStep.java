package io.github.scoresde.condition.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.sample.EdmDenoiser;
import io.github.scoresde.sample.EdmSampler;
import io.github.scoresde.sample.NoiseGrid;
import io.github.scoresde.sample.NoiseLevelStep;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;

/**
 * One step of Denoising Diffusion Restoration Models (Kawar et al. 2022, eqs. 7-8) in the EDM
 * variable x~ = x0 + sigma z, where the DDRM variational posterior lives: in the spectral
 * coordinates of H = U Sigma V^T, a component H cannot see takes a DDIM step with
 * stochasticity eta; a measured component with noise level n_i = sigma_y / s_i moves towards its
 * measurement y_i = (Sigma^-1 U^T y)_i, with weight eta_b while the step's sigma' >= n_i, and as a
 * DDIM step towards y_i below. One network call per step. Approximate: at eta = 0.85, eta_b = 1 (the
 * paper's choice) its samples satisfy the measurements but are narrower than the exact
 * posterior.
 */
public final class DdrmStep implements NoiseLevelStep {
    private final Measured measured;
    private final double eta;
    private final double etaB;

    private DdrmStep(Measured measured, double eta, double etaB) {
        if (!(eta >= 0 && eta <= 1) || !(etaB >= 0 && etaB <= 1)) {
            throw new IllegalArgumentException("DDRM's eta and eta_b must be in [0, 1], got " + eta + " and " + etaB);
        }
        this.measured = measured;
        this.eta = eta;
        this.etaB = etaB;
    }

    /**
     * The DDRM sampler: an {@link EdmSampler} stepping by this rule, NFE = N with denoising.
     * Start it from {@link #start}.
     */
    public static EdmSampler sampler(Measured measured, double eta, double etaB, boolean denoise) {
        return EdmSampler.of(new DdrmStep(measured, eta, etaB), "ddrm(eta=" + eta + ", eta_b=" + etaB + ")", denoise);
    }

    /**
     * DDRM's x_T (Kawar et al. 2022, eq. 6, scaled by a(T)): each measured component whose noise
     * level is below sigma(T) centred on its measurement with the remaining variance, every other
     * component sigma(T) z.
     *
     * @param batch the shape [B, ...] of the state
     */
    public static NDArray start(Measured measured, Sde sde, Shape batch, Rng rng, NDManager manager,
            DataType type) {
        double top = sde.tMax();
        double sigma = sde.s(top) / sde.a(top);
        LinearMeasurement h = measured.operator();
        double[] s = h.singularValues();
        double[] toY = new double[s.length];
        double[] toZ = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            double level = measured.sigmaY() / s[i];
            toY[i] = sigma >= level ? 1 : 0;
            toZ[i] = (sigma >= level ? Math.sqrt(sigma * sigma - level * level) : sigma) - sigma;
        }
        NDArray out;
        try (NDManager scope = manager.newSubManager()) {
            NDArray z = rng.normal(scope, batch, type);
            NDArray ySpec = h.spectralMeasurement(measured.y(z));
            NDArray zSpec = h.toSpectral(z);
            NDArray spectral = ySpec.mul(Measured.vector(z, toY)).add(zSpec.mul(Measured.vector(z, toZ)));
            out = z.mul(sigma).add(h.fromSpectral(spectral)).muli(sde.a(top));
            out.attach(manager);
        }
        return out;
    }

    @Override
    public NDList step(EdmDenoiser denoiser, NoiseGrid grid, int k, NDList state, Rng rng) {
        double sigma = grid.sigma()[k];
        double next = grid.sigma()[k + 1];
        NDArray x = state.get(0);
        NDArray denoised = denoiser.at(x, grid.t()[k]);
        NDArray z = rng.normal(x.getManager(), x.getShape(), x.getDataType());
        LinearMeasurement h = measured.operator();
        double keep = Math.sqrt(1 - eta * eta);

        // Unseen components: DDIM from x~ towards the denoiser's output (eq. 7, first case).
        NDArray unseen = h.nullPart(x.sub(denoised).muli(keep * next / sigma).addi(denoised).addi(z.mul(eta * next)));

        double[] s = h.singularValues();
        double[] toDenoised = new double[s.length];
        double[] toY = new double[s.length];
        double[] toZ = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            double level = measured.sigmaY() / s[i];
            if (next < level) {
                // eq. 8, second case: sigma' below the measurement's noise, a DDIM step towards y_i.
                toY[i] = keep * next / level;
                toDenoised[i] = 1 - toY[i];
                toZ[i] = eta * next;
            } else {
                // eq. 8, third case: y_i is the noisier one; blend and add the missing variance.
                toY[i] = etaB;
                toDenoised[i] = 1 - etaB;
                toZ[i] = Math.sqrt(next * next - level * level * etaB * etaB);
            }
        }
        NDArray spectral = h.toSpectral(denoised).muli(Measured.vector(x, toDenoised))
                .addi(h.spectralMeasurement(measured.y(x)).muli(Measured.vector(x, toY)))
                .addi(h.toSpectral(z).muli(Measured.vector(x, toZ)));
        return new NDList(unseen.addi(h.fromSpectral(spectral)));
    }

    @Override
    public String toString() {
        return "ddrm(eta=" + eta + ", eta_b=" + etaB + ")";
    }
}
