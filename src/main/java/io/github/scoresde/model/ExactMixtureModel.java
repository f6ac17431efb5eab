package io.github.scoresde.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.linalg.SymmetricEigen;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Scopes;
import io.github.scoresde.tensor.Shapes;

/**
 * The exact score, denoiser and log density of a {@link GaussianMixture} diffused by an SDE
 * (SPEC §8): p_t = sum_k pi_k N(a mu_k, a^2 C_k + s^2 I), batched over samples with per-sample
 * times.
 *
 * <p>With C_k = Q_k diag(lambda_k) Q_k^T, the covariance at time t is Q_k diag(a^2 lambda_k + s^2)
 * Q_k^T, so one eigendecomposition per component serves every t: in rotated coordinates
 * y = Q_k^T (x - a mu_k) the precision is diagonal. Owns its constant tensors; close it when done.
 */
public final class ExactMixtureModel implements ScoreModel, AutoCloseable {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final GaussianMixture mixture;
    private final Sde sde;
    private final NDManager manager;
    private final Constants f32;
    private final Constants f64;

    /**
     * Tensors of the mixture in one data type: log weights [K, 1], means as columns [K, D, 1] and
     * as rows [K, D], Q [K, D, D] and Q^T, eigenvalues [K, D, 1].
     */
    private record Constants(NDArray logWeights, NDArray means, NDArray meanRows, NDArray rotations,
            NDArray rotationsT, NDArray eigenvalues) {
        Constants to(DataType type) {
            return new Constants(logWeights.toType(type, true), means.toType(type, true), meanRows.toType(type, true),
                    rotations.toType(type, true), rotationsT.toType(type, true), eigenvalues.toType(type, true));
        }
    }

    /** The exact model of {@code mixture} under {@code sde}; its tensors live in a sub-manager of {@code parent}. */
    public ExactMixtureModel(GaussianMixture mixture, Sde sde, NDManager parent) {
        this.mixture = mixture;
        this.sde = sde;
        this.manager = parent.newSubManager();
        this.f64 = constants();
        this.f32 = f64.to(DataType.FLOAT32);
    }

    private Constants constants() {
        int k = mixture.components();
        int d = mixture.dim();
        double[] logW = new double[k];
        double[] mu = new double[k * d];
        double[] q = new double[k * d * d];
        double[] lam = new double[k * d];
        for (int i = 0; i < k; i++) {
            logW[i] = Math.log(mixture.weight(i));
            System.arraycopy(mixture.mean(i), 0, mu, i * d, d);
            SymmetricEigen e = mixture.eigen(i);
            System.arraycopy(e.values(), 0, lam, i * d, d);
            for (int r = 0; r < d; r++) {
                System.arraycopy(e.vectors()[r], 0, q, (i * d + r) * d, d);
            }
        }
        NDArray rot = manager.create(q, new Shape(k, d, d));
        return new Constants(manager.create(logW, new Shape(k, 1)), manager.create(mu, new Shape(k, d, 1)),
                manager.create(mu, new Shape(k, d)), rot, rot.transpose(0, 2, 1).duplicate(),
                manager.create(lam, new Shape(k, d, 1)));
    }

    /** The mixture at t = 0. */
    public GaussianMixture mixture() {
        return mixture;
    }

    /** The exact marginal p_t as a mixture. */
    public GaussianMixture marginal(double t) {
        return mixture.diffused(sde.a(t), sde.s(t));
    }

    @Override
    public Sde sde() {
        return sde;
    }

    /**
     * Per-component quantities at (x, t), all owned by the current scope. Samples run along the
     * last axis ([K, D, B] layout) so that every reduction is over a leading axis, which libtorch
     * does far faster than over a short innermost one: rotated residuals y = Q^T (x - a mu),
     * variances a^2 lambda + s^2, responsibilities [K, B] and log p_t(x) [B].
     */
    private record Terms(Constants c, NDArray a, NDArray rotated, NDArray variances, NDArray responsibilities, NDArray logDensity) {}

    private Terms terms(NDArray x, NDArray t) {
        Constants c = x.getDataType() == DataType.FLOAT64 ? f64 : f32;
        NDManager scope = x.getManager();
        int d = mixture.dim();
        NDArray a = sde.a(t).toType(x.getDataType(), false).reshape(1, 1, -1);
        NDArray s = sde.s(t).toType(x.getDataType(), false).reshape(1, 1, -1);
        // Lead every op with a scope-owned array (DJL puts results in the first operand's
        // manager); the one product that must start from a constant is attached explicitly.
        NDArray residual = x.transpose().expandDims(0).sub(a.mul(c.means()));
        NDArray rotated = owned(c.rotationsT().matMul(residual), scope);
        NDArray variances = a.square().mul(c.eigenvalues()).add(s.square());
        NDArray logNormal = rotated.square().div(variances).add(variances.log()).sum(new int[] {1})
                .add(d * LOG_2PI);
        // Shapes.scale, not mul(-0.5): the score is differentiated in x (likelihood divergence),
        // and mul(Number) leaves autograd a scalar in freed Java memory.
        logNormal = Shapes.scale(logNormal, -0.5);
        NDArray logJoint = logNormal.add(c.logWeights());
        NDArray max = logJoint.max(new int[] {0}, true).stopGradient();
        NDArray logDensity = logJoint.sub(max).exp().sum(new int[] {0}).log().add(max.squeeze(0));
        NDArray responsibilities = logJoint.softmax(0);
        return new Terms(c, a, rotated, variances, responsibilities, logDensity);
    }

    private static NDArray owned(NDArray array, NDManager scope) {
        array.attach(scope);
        return array;
    }

    /** sum_k w_k Q_k v_k for rotated per-component vectors v [K, D, B], as [B, D]. */
    private static NDArray combine(Terms terms, NDArray rotatedVectors) {
        NDArray back = owned(terms.c().rotations().matMul(rotatedVectors), rotatedVectors.getManager());
        return back.mul(terms.responsibilities().expandDims(1)).sum(new int[] {0}).transpose();
    }

    @Override
    public NDArray score(NDArray x, NDArray t) {
        return Scopes.one(x.getManager(), new NDList(x, t), scope -> {
            Terms terms = terms(x, t);
            return combine(terms, terms.rotated().div(terms.variances()).neg());
        });
    }

    @Override
    public NDArray denoise(NDArray x, NDArray t) {
        // E[x0 | x_t] = sum_k w_k (mu_k + a C_k (a^2 C_k + s^2 I)^-1 (x - a mu_k)) (SPEC §8).
        return Scopes.one(x.getManager(), new NDList(x, t), scope -> {
            Terms terms = terms(x, t);
            NDArray shrunk = terms.a().mul(terms.c().eigenvalues()).div(terms.variances()).mul(terms.rotated());
            NDArray means = terms.responsibilities().transpose().matMul(terms.c().meanRows());
            return combine(terms, shrunk).add(means);
        });
    }

    /** Exact log p_t(x) per sample [B], owned by x's manager; differentiable in x. */
    public NDArray logDensity(NDArray x, NDArray t) {
        return Scopes.one(x.getManager(), new NDList(x, t), scope -> terms(x, t).logDensity());
    }

    /** Exact p_t(k | x) [B, K]: the noisy classifier of the components. */
    public NDArray responsibilities(NDArray x, NDArray t) {
        return Scopes.one(x.getManager(), new NDList(x, t), scope -> terms(x, t).responsibilities().transpose());
    }

    @Override
    public void close() {
        manager.close();
    }
}
