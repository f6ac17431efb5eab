package io.github.scoresde.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scoresde.UserInputException;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.model.Parameterization;
import io.github.scoresde.model.net.Mlp;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Shapes;
import io.github.scoresde.train.Checkpoint;
import io.github.scoresde.train.DdpmObjective;
import io.github.scoresde.train.DenoisingScoreMatching;
import io.github.scoresde.train.EdmObjective;
import io.github.scoresde.train.Objective;
import io.github.scoresde.train.SmldObjective;
import io.github.scoresde.train.data.ToyData;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.DoubleFunction;

/** Builds the objects a {@link TrainConfig} describes, and rebuilds a trained model from its checkpoint. */
final class Setup {
    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final Map<String, DoubleFunction<Parameterization>> PARAMETERIZATIONS = Map.of(
            "noise", Parameterization.Noise::new, "data", Parameterization.Data::new,
            "score", Parameterization.Score::new, "edm", Parameterization.Edm::new);

    private Setup() {}

    /** The mixture a data name denotes, or null for generated data sets. */
    static GaussianMixture mixture(String data) {
        if (Mixtures.BUILT_IN.contains(data) || data.endsWith(".json")) {
            return Mixtures.byNameOrFile(data);
        }
        return null;
    }

    /** The truth of a data name: its samples, and the mixture when it is one. */
    static SampleRun.Truth truth(String data) {
        GaussianMixture mixture = mixture(data);
        if (mixture != null) {
            return SampleRun.Truth.of(mixture);
        }
        return new SampleRun.Truth(ToyData.generated(data).orElseThrow(() -> new UserInputException("unknown data '" + data
                + "': use one of " + String.join(", ", Mixtures.BUILT_IN) + ", " + String.join(", ", ToyData.GENERATED)
                + " or a mixture .json file")), null);
    }

    static Sde sde(TrainConfig.SdeSection s) {
        SdeOptions o = new SdeOptions();
        o.sigmaMin = s.sigmaMin();
        o.sigmaMax = s.sigmaMax();
        o.betaMin = s.betaMin();
        o.betaMax = s.betaMax();
        return new NameConverter<>(SdeChoice.values(), "SDE").convert(s.name()).create(o);
    }

    static Objective objective(TrainConfig.ObjectiveSection o) {
        return switch (o.name()) {
            case "edm" -> new EdmObjective(o.pMean(), o.pStd());
            case "smld" -> new SmldObjective(o.levels());
            case "ddpm" -> new DdpmObjective(o.levels());
            default -> new DenoisingScoreMatching(o.weighting().equals("likelihood")
                    ? DenoisingScoreMatching.Weighting.LIKELIHOOD : DenoisingScoreMatching.Weighting.SQUARED_STD, o.eps(),
                    o.importanceSampling() ? DenoisingScoreMatching.TimeSampling.IMPORTANCE : DenoisingScoreMatching.TimeSampling.UNIFORM);
        };
    }

    /** A freshly initialised network model (initialisation seeded by the training seed). */
    static NetworkScoreModel network(TrainConfig c, Sde sde, int dim, double sigmaData, NDManager manager) {
        Mlp mlp = new Mlp(dim, c.model().width(), c.model().residualBlocks(), c.train().seed());
        new Rng(c.train().seed()).seedEngineFor(() -> mlp.initialize(manager, DataType.FLOAT32, new Shape(1, dim), new Shape(1)));
        return new NetworkScoreModel(mlp, sde, PARAMETERIZATIONS.get(c.model().parameterization()).apply(sigmaData),
                new ParameterStore(manager, false));
    }

    /** The checkpoint header: the resolved config, the data statistics and provenance. */
    static ObjectNode header(TrainConfig c, int dim, double sigmaData) {
        ObjectNode h = JSON.createObjectNode();
        h.set("config", JSON.valueToTree(c));
        ObjectNode data = h.putObject("data");
        data.put("name", c.data());
        data.put("dim", dim);
        data.put("sigma_data", sigmaData);
        h.set("provenance", JSON.valueToTree(Outputs.provenance(c.train().seed())));
        return h;
    }

    /** The config stored in a checkpoint. */
    static TrainConfig config(Checkpoint checkpoint, Path source) {
        return ConfigLoader.parse(checkpoint.header().path("config").toString(), source + " (stored config)");
    }

    /** A trained model with its EMA weights, rebuilt from a checkpoint. */
    static NetworkScoreModel load(Checkpoint checkpoint, Path source, NDManager manager) {
        TrainConfig c = config(checkpoint, source);
        int dim = checkpoint.header().path("data").path("dim").asInt();
        double sigmaData = checkpoint.header().path("data").path("sigma_data").asDouble();
        NetworkScoreModel model = network(c, sde(c.sde()), dim, sigmaData, manager);
        for (Pair<String, Parameter> p : model.network().getParameters()) {
            Checkpoint.Tensor t = checkpoint.tensors().get("ema/" + p.getKey());
            if (t == null || !java.util.Arrays.equals(t.shape(), p.getValue().getArray().getShape().getShape())) {
                throw new UserInputException("checkpoint " + source + " does not match its own config at " + p.getKey());
            }
            Shapes.copyInto(t.values(), p.getValue().getArray());
        }
        return model;
    }
}
