package io.github.scoresde.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.model.Parameterization;
import io.github.scoresde.model.net.Mlp;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;

/** Seeded MLP score models for training tests. */
final class TinyModels {
    private TinyModels() {}

    /** A 2-D MLP (2 residual blocks) with EDM preconditioning for data of std ~2.9 (gmm8). */
    static NetworkScoreModel mlp(Sde sde, NDManager manager, int width) {
        return mlp(sde, manager, width, DataType.FLOAT32, new Parameterization.Edm(2.9));
    }

    /** The same MLP in another precision and output parameterisation. */
    static NetworkScoreModel mlp(Sde sde, NDManager manager, int width, DataType type, Parameterization parameterization) {
        Mlp mlp = new Mlp(2, width, 2, 0);
        new Rng(1).seedEngineFor(() -> mlp.initialize(manager, type, new Shape(1, 2), new Shape(1)));
        return new NetworkScoreModel(mlp, sde, parameterization, new ParameterStore(manager, false));
    }
}
