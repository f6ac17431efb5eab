package io.github.scoresde.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.UserInputException;
import io.github.scoresde.likelihood.LatentCodec;
import io.github.scoresde.likelihood.Slerp;
import io.github.scoresde.sample.ode.OdeSolution;
import io.github.scoresde.tensor.Shapes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scoresde interpolate}: two examples encoded to latents, the latents interpolated along
 * the great circle (slerp) and every frame decoded (Song et al. 2021, Fig. 3).
 */
@Command(name = "interpolate", mixinStandardHelpOptions = true,
        description = {"Interpolate between two examples of --data: encode both to x_T through the probability-flow ODE,"
                + " interpolate the latents spherically (slerp) at K evenly spaced fractions u in [0, 1] and decode every frame.",
            "Writes interpolation.csv (frame,u and the decoded values), summary.json (with how far the end frames are"
                + " from the two examples) and, for images, interpolation.png (one strip of K frames).",
            "Example: scoresde interpolate --checkpoint models/mnist-vp.ckpt --data mnist:test --pair 0,1 --frames 10 --out runs/interp"})
final class InterpolateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    FlowOptions flow;

    @Option(names = "--data", paramLabel = "D", required = true, description = Examples.DATA_HELP)
    String data;

    @Option(names = "--pair", paramLabel = "I,J", split = ",", defaultValue = "0,1",
            description = "Indices (from 0) of the two examples to interpolate between (default 0,1).")
    List<Integer> pair;

    @Option(names = "--frames", paramLabel = "K", defaultValue = "10", description = "Frames including both ends, >= 2 (default 10).")
    int frames;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    @Override
    public Integer call() {
        flow.check();
        if (pair.size() != 2 || pair.get(0) < 0 || pair.get(1) < 0 || pair.get(0).equals(pair.get(1))) {
            throw new UserInputException("--pair takes two different indices >= 0 such as 0,1, got " + pair);
        }
        if (frames < 2) {
            throw new UserInputException("--frames must be >= 2 (the two ends), got " + frames);
        }
        ModelTarget t = modelOptions.resolve();
        int last = Math.max(pair.get(0), pair.get(1));
        Examples examples = Examples.load(data, t, last + 1);
        if (examples.count() <= last) {
            throw new UserInputException(data + " has " + examples.count() + " examples, so --pair " + pair.get(0) + "," + pair.get(1)
                    + " is out of range: use indices below " + examples.count());
        }
        Path dir = Outputs.prepareDir(out);
        run.applyThreads();
        double[] u = new double[frames];
        for (int k = 0; k < frames; k++) {
            u[k] = k / (frames - 1.0);
        }
        double[][] ends;
        double[][] decoded;
        int[] nfe = new int[2];
        long t0 = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            LatentCodec codec = new LatentCodec(t.open(m, flow.type()), flow.solver());
            Shape one = new Shape(1).addAll(t.exampleShape());
            NDArray x = examples.batch(m, pair.get(0), pair.get(0) + 1, flow.type()).reshape(one)
                    .concat(examples.batch(m, pair.get(1), pair.get(1) + 1, flow.type()).reshape(one), 0);
            ends = Shapes.rows(x.reshape(2, -1));
            OdeSolution encoded = codec.encode(x);
            nfe[0] = encoded.nfe();
            NDArray z0 = encoded.x().get("0:1");
            NDArray z1 = encoded.x().get("1:2");
            NDList path = new NDList();
            for (double fraction : u) {
                path.add(Slerp.interpolate(z0, z1, fraction));
            }
            OdeSolution back = codec.decode(NDArrays.concat(path));
            nfe[1] = back.nfe();
            decoded = Shapes.rows(back.x().reshape(frames, -1));
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        writeTable(dir.resolve("interpolation.csv"), u, decoded, flow.float64);
        if (t.images()) {
            List<String> captions = new ArrayList<>();
            for (double fraction : u) {
                captions.add(String.format(Locale.ROOT, "%.2f", fraction));
            }
            Outputs.writePng(ExamplePictures.grid(List.of(decoded), t.shape(), t.scaling(), frames, captions), dir.resolve("interpolation.png"));
        }
        Map<String, Object> summary = CodecRun.summary(t, flow);
        summary.put("data", data);
        summary.put("pair", pair);
        summary.put("frames", frames);
        summary.put("path", "slerp of the latents");
        summary.put("end_frames_error", CodecRun.error(ends, new double[][] {decoded[0], decoded[frames - 1]}, t.scaling()));
        summary.put("nfe_encode", nfe[0]);
        summary.put("nfe_decode", nfe[1]);
        summary.put("wall_seconds", wall);
        summary.put("provenance", Outputs.provenance(0));
        Outputs.writeJson(dir.resolve("summary.json"), summary);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s | %s: %d frames between examples %d and %d, NFE %d + %d, %.1fs -> %s%n", t.name(),
                t.sde().name(), frames, pair.get(0), pair.get(1), nfe[0], nfe[1], wall, dir);
        return 0;
    }

    private static void writeTable(Path file, double[] u, double[][] rows, boolean float64) {
        StringBuilder s = new StringBuilder("frame,u");
        for (int j = 0; j < rows[0].length; j++) {
            s.append(",x").append(j);
        }
        s.append('\n');
        for (int k = 0; k < rows.length; k++) {
            s.append(k).append(',').append(u[k]);
            for (double v : rows[k]) {
                s.append(',').append(LatentFile.format(v, float64));
            }
            s.append('\n');
        }
        Outputs.writeText(file, s.toString());
    }
}
