package io.github.scoresde.cli;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A training run as written in {@code configs/<data>-<sde>.yaml}; every section validates its
 * ranges on construction and names the bad key. Missing sections and keys take the defaults
 * shown in {@link #DEFAULT_YAML}.
 *
 * @param data a data set name (gmm8, grid25, aniso16, moons, swissroll, checkerboard, rings), a
 *     mixture .json file from which training samples are drawn, an image set (mnist,
 *     fashion-mnist, fetched by {@code scoresde data fetch}) or a folder of .png images
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainConfig(String data, SdeSection sde, ModelSection model, ObjectiveSection objective,
        TrainSection train, SampleSection sample) {

    /** The defaults, as YAML (also what {@code --help} of train shows). */
    static final String DEFAULT_YAML = "data: gmm8\n"
            + "sde: {name: vp}            # ve | vp | subvp | edm, with sigma_min/sigma_max or beta_min/beta_max\n"
            + "model: {network: mlp, width: 128, residual_blocks: 2, parameterization: edm}  # sigma_data: from the data\n"
            + "    # or {network: unet, channels: 32, channel_mult: [1, 2, 2], residual_blocks: 1, attention_levels: [2],\n"
            + "    #     groups: 8, dropout: 0.0} for images\n"
            + "objective: {name: dsm, weighting: squared_std, eps: 1.0e-5}   # weighting: likelihood may add importance_sampling: true;"
            + " or {name: edm, p_mean: -1.2, p_std: 1.2}; or {name: smld (sde ve) | ddpm (sde vp), levels: 1000}\n"
            + "train: {steps: 3000, batch: 512, lr: 2.0e-3, warmup: 100, grad_clip: 1.0, ema: 0.999, seed: 0,\n"
            + "        checkpoint_every: 1000, keep_checkpoints: true}\n"
            + "sample: {sampler: ode, steps: 500, n: 5000, rtol: 1.0e-3, every: 0}   # every N steps a picture in samples/";

    /** Fills missing sections with their defaults. */
    public TrainConfig {
        data = data == null ? "gmm8" : data;
        sde = sde == null ? new SdeSection(null, null, null, null, null) : sde;
        model = model == null ? new ModelSection(null, null, null, null, null, null, null, null, null, null) : model;
        objective = objective == null ? new ObjectiveSection(null, null, null, null, null, null, null) : objective;
        // The discrete losses run over one family's chain: SMLD over VE's NCSN levels, DDPM over VP's betas.
        require(!objective.name().equals("smld") || sde.name().equals("ve"), "objective.name smld needs sde.name ve, got " + sde.name());
        require(!objective.name().equals("ddpm") || sde.name().equals("vp"), "objective.name ddpm needs sde.name vp, got " + sde.name());
        train = train == null ? new TrainSection(null, null, null, null, null, null, null, null, null) : train;
        sample = sample == null ? new SampleSection(null, null, null, null, null) : sample;
    }

    /** This config with another data set (unless null) and train section. */
    TrainConfig with(String otherData, TrainSection otherTrain) {
        return new TrainConfig(otherData != null ? otherData : data, sde, model, objective, otherTrain, sample);
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** {@code sde:} the forward SDE; unset parameters take the family's defaults. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SdeSection(String name, Double sigmaMin, Double sigmaMax, Double betaMin, Double betaMax) {
        /** Defaults the name to vp. */
        public SdeSection {
            name = name == null ? "vp" : name;
            require(java.util.List.of("ve", "vp", "subvp", "edm").contains(name), "sde.name must be one of ve, vp, subvp, edm, got " + name);
        }
    }

    /**
     * {@code model:} the network and how its output is read. {@code width} belongs to the MLP;
     * {@code channels}, {@code channel_mult}, {@code attention_levels}, {@code groups} and
     * {@code dropout} to the U-Net; {@code residual_blocks} to both (per level for the U-Net).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelSection(String network, Integer width, Integer residualBlocks, String parameterization,
            Double sigmaData, Integer channels, java.util.List<Integer> channelMult, java.util.List<Integer> attentionLevels,
            Integer groups, Double dropout) {
        /** Defaults and ranges. */
        public ModelSection {
            network = network == null ? "mlp" : network;
            parameterization = parameterization == null ? "edm" : parameterization;
            require(network.equals("mlp") || network.equals("unet"), "model.network must be mlp or unet, got " + network);
            require(java.util.List.of("noise", "data", "score", "edm").contains(parameterization),
                    "model.parameterization must be one of noise, data, score, edm, got " + parameterization);
            require(sigmaData == null || sigmaData > 0, "model.sigma_data must be > 0, got " + sigmaData);
            if (network.equals("mlp")) {
                width = width == null ? 128 : width;
                residualBlocks = residualBlocks == null ? 2 : residualBlocks;
                require(channels == null && channelMult == null && attentionLevels == null && groups == null && dropout == null,
                        "model.channels, channel_mult, attention_levels, groups and dropout belong to network: unet");
                require(width >= 2 && width <= 4096, "model.width must be in [2, 4096], got " + width);
                require(residualBlocks >= 0 && residualBlocks <= 64, "model.residual_blocks must be in [0, 64], got " + residualBlocks);
            } else {
                residualBlocks = residualBlocks == null ? 1 : residualBlocks;
                channels = channels == null ? 32 : channels;
                channelMult = channelMult == null ? java.util.List.of(1, 2, 2) : java.util.List.copyOf(channelMult);
                attentionLevels = attentionLevels == null ? java.util.List.of(channelMult.size() - 1) : java.util.List.copyOf(attentionLevels);
                groups = groups == null ? 8 : groups;
                dropout = dropout == null ? 0.0 : dropout;
                require(width == null, "model.width belongs to network: mlp (the U-Net has channels)");
                require(residualBlocks >= 1 && residualBlocks <= 8, "model.residual_blocks must be in [1, 8], got " + residualBlocks);
                require(channels >= 1 && channels <= 1024, "model.channels must be in [1, 1024], got " + channels);
                require(!channelMult.isEmpty() && channelMult.size() <= 6 && channelMult.stream().allMatch(m -> m != null && m >= 1 && m <= 16),
                        "model.channel_mult must list 1 to 6 multipliers in [1, 16], got " + channelMult);
                int levels = channelMult.size();
                require(attentionLevels.stream().allMatch(l -> l != null && l >= 0 && l < levels),
                        "model.attention_levels must be level indices in [0, " + (levels - 1) + "], got " + attentionLevels);
                int g = groups;
                int base = channels;
                require(g >= 1 && channelMult.stream().allMatch(m -> (base * m) % g == 0),
                        "model.groups must divide channels x every channel_mult, got groups " + g + " for channels " + channels);
                require(dropout >= 0 && dropout < 1, "model.dropout must be in [0, 1), got " + dropout);
            }
        }
    }

    /**
     * {@code objective:} the training loss: dsm (weighting squared_std or likelihood, t ~ U(eps, T),
     * or with importance_sampling t drawn in proportion to the likelihood weighting), edm
     * (ln sigma ~ N(p_mean, p_std^2)), smld (VE only) or ddpm (VP only) over their chain's levels.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ObjectiveSection(String name, String weighting, Double eps, Boolean importanceSampling, Double pMean,
            Double pStd, Integer levels) {
        /** Defaults and ranges. */
        public ObjectiveSection {
            name = name == null ? "dsm" : name;
            require(java.util.List.of("dsm", "edm", "smld", "ddpm").contains(name),
                    "objective.name must be one of dsm, edm, smld, ddpm, got " + name);
            belongs("weighting", weighting, name, "dsm");
            belongs("eps", eps, name, "dsm");
            belongs("importance_sampling", importanceSampling, name, "dsm");
            belongs("p_mean", pMean, name, "edm");
            belongs("p_std", pStd, name, "edm");
            belongs("levels", levels, name, "smld", "ddpm");
            if (name.equals("dsm")) {
                weighting = weighting == null ? "squared_std" : weighting;
                eps = eps == null ? 1e-5 : eps;
                importanceSampling = importanceSampling == null ? Boolean.FALSE : importanceSampling;
                require(weighting.equals("squared_std") || weighting.equals("likelihood"),
                        "objective.weighting must be squared_std or likelihood, got " + weighting);
                require(eps > 0 && eps < 1, "objective.eps must be in (0, 1), got " + eps);
                require(!importanceSampling || weighting.equals("likelihood"), "objective.importance_sampling needs weighting: "
                        + "likelihood (under squared_std every t has the same weight, so uniform t is already the proposal)");
            } else if (name.equals("edm")) {
                pMean = pMean == null ? -1.2 : pMean;
                pStd = pStd == null ? 1.2 : pStd;
                require(Double.isFinite(pMean), "objective.p_mean must be finite, got " + pMean);
                require(pStd > 0 && pStd < 10, "objective.p_std must be in (0, 10), got " + pStd);
            } else {
                levels = levels == null ? 1000 : levels;
                require(levels >= 1 && levels <= 100_000, "objective.levels must be in [1, 100000], got " + levels);
            }
        }

        private static void belongs(String key, Object value, String name, String... owners) {
            require(value == null || java.util.List.of(owners).contains(name),
                    "objective." + key + " belongs to the " + String.join(" and ", owners) + " objective, not " + name);
        }
    }

    /** {@code train:} optimisation and checkpointing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrainSection(Integer steps, Integer batch, Double lr, Integer warmup, Double gradClip, Double ema,
            Long seed, Integer checkpointEvery, Boolean keepCheckpoints) {
        /** Defaults and ranges. */
        public TrainSection {
            steps = steps == null ? 3000 : steps;
            batch = batch == null ? 512 : batch;
            lr = lr == null ? 2e-3 : lr;
            warmup = warmup == null ? 100 : warmup;
            gradClip = gradClip == null ? 1.0 : gradClip;
            ema = ema == null ? 0.999 : ema;
            seed = seed == null ? 0L : seed;
            checkpointEvery = checkpointEvery == null ? 1000 : checkpointEvery;
            keepCheckpoints = keepCheckpoints == null ? Boolean.TRUE : keepCheckpoints;
            require(steps >= 1, "train.steps must be >= 1, got " + steps);
            require(batch >= 1, "train.batch must be >= 1, got " + batch);
            require(lr > 0 && lr <= 1, "train.lr must be in (0, 1], got " + lr);
            require(warmup >= 0, "train.warmup must be >= 0, got " + warmup);
            require(gradClip > 0, "train.grad_clip must be > 0, got " + gradClip);
            require(ema >= 0 && ema < 1, "train.ema must be in [0, 1), got " + ema);
            require(checkpointEvery >= 1, "train.checkpoint_every must be >= 1, got " + checkpointEvery);
        }

        /** This section with the given steps, batch and seed; null keeps the current value. */
        TrainSection with(Integer newSteps, Integer newBatch, Long newSeed) {
            return new TrainSection(newSteps != null ? newSteps : steps, newBatch != null ? newBatch : batch, lr, warmup,
                    gradClip, ema, newSeed != null ? newSeed : seed, checkpointEvery, keepCheckpoints);
        }
    }

    /**
     * {@code sample:} the samples drawn from the EMA model at the end of training, and every
     * {@code every} steps during it (0: only at the end).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SampleSection(String sampler, Integer steps, Integer n, Double rtol, Integer every) {
        /** Defaults and ranges. */
        public SampleSection {
            sampler = sampler == null ? "ode" : sampler;
            steps = steps == null ? 500 : steps;
            n = n == null ? 5000 : n;
            rtol = rtol == null ? 1e-3 : rtol;
            every = every == null ? 0 : every;
            require(steps >= 1, "sample.steps must be >= 1, got " + steps);
            require(n >= 2, "sample.n must be >= 2, got " + n);
            require(rtol > 0 && rtol < 1, "sample.rtol must be in (0, 1), got " + rtol);
            require(every >= 0, "sample.every must be >= 0, got " + every);
        }
    }
}
