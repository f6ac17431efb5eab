package io.github.scoresde.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
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
        NDArray a = Shapes.perSample(sde.a(t).toType(x.getDataType(), false), x);
        NDArray sigma = Shapes.perSample(sde.s(t).toType(x.getDataType(), false), x).div(a);
        NDArray xTilde = x.div(a);
        double sd2 = parameterization.sigmaData() * parameterization.sigmaData();
        NDArray input = xTilde.div(sigma.square().add(sd2).sqrt());
        NDArray label = sigma.reshape(-1).log().div(4);
        NDArray output = network.forward(parameters, new NDList(input, label), training).singletonOrThrow();
        return parameterization.denoiser(xTilde, sigma, output);
    }

    @Override
    public NDArray denoise(NDArray x, NDArray t) {
        return Scopes.one(x.getManager(), new NDList(x, t), scope -> denoise(x, t, false));
    }

    /** The score (a D - x) / s^2; differentiable when {@code training}. Owned by x's manager. */
    public NDArray score(NDArray x, NDArray t, boolean training) {
        NDArray a = Shapes.perSample(sde.a(t).toType(x.getDataType(), false), x);
        NDArray s2 = Shapes.perSample(sde.s(t).toType(x.getDataType(), false), x).square();
        return denoise(x, t, training).mul(a).sub(x).div(s2);
    }

    @Override
    public NDArray score(NDArray x, NDArray t) {
        return Scopes.one(x.getManager(), new NDList(x, t), scope -> score(x, t, false));
    }
}
