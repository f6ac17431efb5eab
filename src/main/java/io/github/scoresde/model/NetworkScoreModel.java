package io.github.scoresde.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.scoresde.model.net.ForwardDifferentiable;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Scopes;
import io.github.scoresde.tensor.Shapes;

/**
 * A score model backed by a network: the network sees (c_in x / a, ln(sigma) / 4) and its
 * output is read through a {@link Parameterization} into the denoiser, from which the score
 * (a D - x) / s^2 follows (SPEC §2). The same object serves training ({@link #denoise(NDArray,
 * NDArray, boolean)} with {@code training = true}) and sampling (the {@link ScoreModel} views).
 */
public final class NetworkScoreModel implements ScoreModel {
    private final Block network;
    private final Sde sde;
    private final Parameterization parameterization;
    private final ParameterStore parameters;

    /**
     * @param network a block mapping NDList(input [B, ...], noise label [B]) to an output like input
     * @param sde the SDE whose marginals are modelled
     * @param parameterization how the output is read
     * @param parameters where the block's parameter values come from
     */
    public NetworkScoreModel(Block network, Sde sde, Parameterization parameterization, ParameterStore parameters) {
        this.network = network;
        this.sde = sde;
        this.parameterization = parameterization;
        this.parameters = parameters;
    }

    /** The network. */
    public Block network() {
        return network;
    }

    /** The output parameterisation. */
    public Parameterization parameterization() {
        return parameterization;
    }

    @Override
    public Sde sde() {
        return sde;
    }

    /**
     * The denoiser D ~ E[x0 | x_t], in the data's units; differentiable when {@code training}.
     * Owned by x's manager.
     */
    public NDArray denoise(NDArray x, NDArray t, boolean training) {
        return denoise(conditioning(x, t), training);
    }

    private NDArray denoise(Conditioning c, boolean training) {
        NDArray output = network.forward(parameters, new NDList(c.xTilde.div(c.inputScale), c.label), training).singletonOrThrow();
        return parameterization.denoiser(c.xTilde, c.sigma, output);
    }

    /**
     * The score and its Jacobian-vector products in x, J v with J = grad_x score, by forward-mode
     * differentiation of the network; differentiable in the parameters when {@code training},
     * with first-order autograd only. Every {@link Parameterization}'s denoiser is linear in
     * (x~, F) for a fixed sigma, so its tangent is the same map of the tangents of x~ and F.
     *
     * @param x [B, ...]
     * @param t times [B]
     * @param tangents K tangents of x stacked [K, B, ...]
     * @return the score [B, ...] and J v [K, B, ...], owned by x's manager
     * @throws IllegalArgumentException if the network is not {@link ForwardDifferentiable}
     */
    public ForwardDifferentiable.Jvp scoreWithJvp(NDArray x, NDArray t, NDArray tangents, boolean training) {
        if (!(network instanceof ForwardDifferentiable differentiable)) {
            throw new IllegalArgumentException("exact Jacobian-vector products need a forward-differentiable network (the MLP), not "
                    + network.getClass().getSimpleName());
        }
        Conditioning c = conditioning(x, t);
        NDArray dxTilde = tangents.div(c.a);
        ForwardDifferentiable.Jvp f = differentiable.forwardWithTangents(parameters, c.xTilde.div(c.inputScale), c.label,
                dxTilde.div(c.inputScale), training);
        NDArray d = parameterization.denoiser(c.xTilde, c.sigma, f.value());
        NDArray dd = parameterization.denoiser(dxTilde, c.sigma, f.tangents());
        return new ForwardDifferentiable.Jvp(c.score(d, x), c.score(dd, tangents));
    }

    /** The network's conditioning at (x, t): x~ = x / a, sigma = s / a, 1 / c_in and c_noise (SPEC §2). */
    private Conditioning conditioning(NDArray x, NDArray t) {
        NDArray a = Shapes.perSample(sde.a(t).toType(x.getDataType(), false), x);
        NDArray s = Shapes.perSample(sde.s(t).toType(x.getDataType(), false), x);
        NDArray sigma = s.div(a);
        double sd2 = parameterization.sigmaData() * parameterization.sigmaData();
        return new Conditioning(a, s, sigma, x.div(a), sigma.square().add(sd2).sqrt(), sigma.reshape(-1).log().div(4));
    }

    private record Conditioning(NDArray a, NDArray s, NDArray sigma, NDArray xTilde, NDArray inputScale, NDArray label) {
        /** The score (a D - x) / s^2, linear in (D, x): also maps their tangents. */
        NDArray score(NDArray denoised, NDArray x) {
            return denoised.mul(a).sub(x).div(s.square());
        }
    }

    @Override
    public NDArray denoise(NDArray x, NDArray t) {
        return Scopes.one(x.getManager(), new NDList(x, t), scope -> denoise(x, t, false));
    }

    /** The score (a D - x) / s^2; differentiable when {@code training}. Owned by x's manager. */
    public NDArray score(NDArray x, NDArray t, boolean training) {
        Conditioning c = conditioning(x, t);
        return c.score(denoise(c, training), x);
    }

    @Override
    public NDArray score(NDArray x, NDArray t) {
        return Scopes.one(x.getManager(), new NDList(x, t), scope -> score(x, t, false));
    }
}
