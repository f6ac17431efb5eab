package io.github.scoresde.train;

import ai.djl.ndarray.NDArray;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;
import java.util.SplittableRandom;

/**
 * The EDM loss (Karras et al. 2022, eq. 8 and Table 1): ln sigma ~ N(P_mean, P_std^2),
 * weight (sigma^2 + sd^2) / (sigma sd)^2 on ||D(x0 + sigma z; sigma) - x0||^2, sd the model's
 * sigma_data. Any SDE serves: sigma is mapped to the time where s(t)/a(t) = sigma, and
 * x_t = a(t) (x0 + sigma z) (SPEC §2).
 */
public final class EdmObjective implements Objective {
    private final double pMean;
    private final double pStd;

    /** @param pMean mean of ln sigma (EDM: -1.2) ; @param pStd its std (EDM: 1.2, > 0) */
    public EdmObjective(double pMean, double pStd) {
        if (!(pStd > 0) || !Double.isFinite(pMean)) {
            throw new IllegalArgumentException("need a finite p_mean and p_std > 0, got " + pMean + ", " + pStd);
        }
        this.pMean = pMean;
        this.pStd = pStd;
    }

    @Override
    public NDArray loss(NetworkScoreModel model, NDArray x0, Rng rng) {
        Sde sde = model.sde();
        double sd = model.parameterization().sigmaData();
        int b = Math.toIntExact(x0.getShape().get(0));
        double[] t = new double[b];
        double[] scale = new double[b];
        double[] noise = new double[b];
        double[] weight = new double[b];
        SplittableRandom rnd = rng.javaRandom();
        for (int i = 0; i < b; i++) {
            t[i] = sde.timeOfSigma(Math.exp(pMean + pStd * rnd.nextGaussian()));
            double a = sde.a(t[i]);
            double sigma = sde.s(t[i]) / a;
            scale[i] = a;
            noise[i] = a * sigma;
            weight[i] = (sigma * sigma + sd * sd) / (sigma * sd * sigma * sd);
        }
        return DenoisingError.of(model, x0, t, scale, noise, weight, rng);
    }
}
