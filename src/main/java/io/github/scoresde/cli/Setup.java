package io.github.scoresde.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scoresde.UserInputException;
import io.github.scoresde.eval.ImageClassifier;
import io.github.scoresde.model.GaussianMixture;
import io.github.scoresde.model.Mixtures;
import io.github.scoresde.model.NetworkScoreModel;
import io.github.scoresde.model.Parameterization;
import io.github.scoresde.model.net.Mlp;
import io.github.scoresde.model.net.UNet;
import io.github.scoresde.sde.Sde;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Shapes;
import io.github.scoresde.train.Checkpoint;
import io.github.scoresde.train.DdpmObjective;
import io.github.scoresde.train.DenoisingScoreMatching;
import io.github.scoresde.train.EdmObjective;
import io.github.scoresde.train.Objective;
import io.github.scoresde.train.SmldObjective;
import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.ImageDataSets;
import io.github.scoresde.train.data.KnownImageSet;
import io.github.scoresde.train.data.PixelScaling;
import io.github.scoresde.train.data.ToyData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** The truth of a data name: a mixture, an image data set or folder, or a generated toy set. */
    static Truth truth(String data) {
        GaussianMixture mixture = mixture(data);
        if (mixture != null) {
            return PointTruth.of(mixture);
        }
        if (ImageDataSets.isImageName(data)) {
            return ImageTruth.of(ImageDataSets.load(data));
        }
        return new PointTruth(ToyData.generated(data).orElseThrow(() -> new UserInputException("unknown data '" + data
                + "': use one of " + String.join(", ", Mixtures.BUILT_IN) + ", " + String.join(", ", ToyData.GENERATED)
                + ", a mixture .json file, " + String.join(", ", KnownImageSet.names()) + " or a folder of .png images")), null);
    }

    /**
     * The truth a checkpoint was trained on. A model of images needs only its stored shape and
     * pixel scaling, so it samples even where its data set was never fetched.
     */
    static Truth truth(Checkpoint checkpoint, Path source) {
        TrainConfig c = config(checkpoint, source);
        JsonNode data = checkpoint.header().path("data");
        if (!data.has(ImageTruth.PIXEL_SCALING)) {
            return truth(c.data());
        }
        PixelScaling scaling = JSON.convertValue(data.get(ImageTruth.PIXEL_SCALING), PixelScaling.class);
        ImageData images;
        try {
            images = ImageDataSets.load(c.data());
        } catch (UserInputException notAtHand) {
            images = null;
        }
        return new ImageTruth(shape(checkpoint), scaling, images);
    }

    private static long[] shape(Checkpoint checkpoint) {
        return JSON.convertValue(checkpoint.header().path("data").path("shape"), long[].class);
    }

    static Sde sde(TrainConfig.SdeSection s) {
        SdeOptions o = new SdeOptions();
        o.sigmaMin = s.sigmaMin();
        o.sigmaMax = s.sigmaMax();
        o.betaMin = s.betaMin();
        o.betaMax = s.betaMax();
        return new NameConverter<>(SdeChoice.values(), "SDE").convert(s.name()).create(o);
    }

    /** The SDE a checkpoint was trained with; asking for another one with --sde is a user error. */
    static Sde trainedSde(TrainConfig config, SdeChoice requested) {
        Sde trained = sde(config.sde());
        if (requested != null && !requested.cliName().equals(trained.name())) {
            throw new UserInputException("the checkpoint was trained with --sde " + trained.name() + "; omit --sde or use that");
        }
        return trained;
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

    /** A freshly initialised float32 network model for examples of {@code shape} (initialisation seeded by the training seed). */
    static NetworkScoreModel network(TrainConfig c, Sde sde, long[] shape, double sigmaData, NDManager manager) {
        return network(c, sde, shape, sigmaData, DataType.FLOAT32, manager);
    }

    private static NetworkScoreModel network(TrainConfig c, Sde sde, long[] shape, double sigmaData, DataType type, NDManager manager) {
        Block block = block(c.model(), shape, c.data(), c.train().seed());
        Shape[] inputs = {new Shape(1).addAll(new Shape(shape)), new Shape(1)};
        new Rng(c.train().seed()).seedEngineFor(() -> block.initialize(manager, type, inputs));
        return new NetworkScoreModel(block, sde, PARAMETERIZATIONS.get(c.model().parameterization()).apply(sigmaData),
                new ParameterStore(manager, false));
    }

    /** Refuses a network that cannot take examples of {@code shape}: an MLP for images, a U-Net for points. */
    static void requireFits(TrainConfig.ModelSection m, long[] shape, String data) {
        boolean images = shape.length == 3;
        if (m.network().equals("mlp") && images) {
            throw new UserInputException("model.network mlp is for points, but " + data + " holds images of shape "
                    + new Shape(shape) + ": use network: unet");
        }
        if (m.network().equals("unet") && !images) {
            throw new UserInputException("model.network unet is for images, but " + data + " holds points of dimension "
                    + shape[0] + ": use network: mlp");
        }
        int levels = m.network().equals("unet") ? m.channelMult().size() : 1;
        int divisor = 1 << (levels - 1);
        if (images && (shape[1] % divisor != 0 || shape[2] % divisor != 0)) {
            throw new UserInputException("model.channel_mult has " + levels + " levels, so image height and width must be divisible by "
                    + divisor + ", but " + data + " is " + shape[1] + "x" + shape[2] + ": use fewer levels");
        }
    }

    private static Block block(TrainConfig.ModelSection m, long[] shape, String data, long seed) {
        requireFits(m, shape, data);
        if (m.network().equals("mlp")) {
            return new Mlp(Math.toIntExact(shape[0]), m.width(), m.residualBlocks(), seed);
        }
        return new UNet(new UNet.Config(Math.toIntExact(shape[0]), m.channels(), ints(m.channelMult()), m.residualBlocks(),
                ints(m.attentionLevels()), m.groups(), m.dropout(), seed));
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The network's parameter arrays, in the order the trainer and its EMA keep them. */
    static List<NDArray> parameters(NetworkScoreModel model) {
        List<NDArray> out = new ArrayList<>();
        for (Pair<String, Parameter> p : model.network().getParameters()) {
            out.add(p.getValue().getArray());
        }
        return out;
    }

    /** The checkpoint header: the resolved config, the data statistics and provenance. */
    static ObjectNode header(TrainConfig c, Truth truth, double sigmaData) {
        ObjectNode h = JSON.createObjectNode();
        h.set("config", JSON.valueToTree(c));
        ObjectNode data = h.putObject("data");
        data.put("name", c.data());
        data.set("shape", JSON.valueToTree(truth.exampleShape()));
        data.put("sigma_data", sigmaData);
        truth.storedWithModel().forEach((key, value) -> data.set(key, JSON.valueToTree(value)));
        h.set("provenance", JSON.valueToTree(Outputs.provenance(c.train().seed())));
        return h;
    }

    /** The config stored in a checkpoint. */
    static TrainConfig config(Checkpoint checkpoint, Path source) {
        if (ImageClassifier.KIND.equals(checkpoint.header().path("kind").asText())) {
            throw new UserInputException(source + " is an image classifier (for scoresde eval --classifier), not a score model:"
                    + " give a checkpoint of scoresde train");
        }
        return ConfigLoader.parse(checkpoint.header().path("config").toString(), source + " (stored config)");
    }

    /** A trained model with its EMA weights, rebuilt from a checkpoint in float32. */
    static NetworkScoreModel load(Checkpoint checkpoint, Path source, NDManager manager) {
        return load(checkpoint, source, DataType.FLOAT32, manager);
    }

    /**
     * A trained model with its EMA weights in parameters of {@code type}: float64 parameters hold
     * the stored float32 values exactly, so a float64 model computes the same function without
     * float32 round-off (the network takes inputs of its parameters' type).
     */
    static NetworkScoreModel load(Checkpoint checkpoint, Path source, DataType type, NDManager manager) {
        TrainConfig c = config(checkpoint, source);
        double sigmaData = checkpoint.header().path("data").path("sigma_data").asDouble();
        NetworkScoreModel model = network(c, sde(c.sde()), shape(checkpoint), sigmaData, type, manager);
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
