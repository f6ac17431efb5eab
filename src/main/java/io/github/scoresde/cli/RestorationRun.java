package io.github.scoresde.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.UserInputException;
import io.github.scoresde.condition.linear.LinearMeasurement;
import io.github.scoresde.condition.linear.Measured;
import io.github.scoresde.eval.ImageSimilarity;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sample.Samples;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.tensor.Shapes;
import io.github.scoresde.train.data.PixelScaling;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A linear inverse problem on images, end to end: degrade the originals with H (plus noise),
 * restore them with each method from one unconditional model, and write {@code <task>.png}
 * (originals, the input (y, or H^+ y when H changes the size), then one row per method: its name under the first image, the PSNR
 * in dB under the others) and
 * {@code metrics.json} (PSNR, SSIM, measurement consistency, NFE and wall time per method).
 */
final class RestorationRun {
    private RestorationRun() {}

    /**
     * Runs the task.
     *
     * @param task the command's name, also the picture's name
     * @param degradation builds H for the model's image shape; an IllegalArgumentException is the user's error
     * @param label short name of the degradation for captions ("x4", "blur 1.5")
     * @param describe the degradation's entries for metrics.json
     * @param fix how to fix a degradation that does not fit the model's images, for the error line
     */
    static int run(String task, ModelTarget t, RestorationOptions o, Function<Shape, LinearMeasurement> degradation, String label,
            Map<String, Object> describe, String fix, PrintWriter out, PrintWriter err) {
        if (!t.images()) {
            throw new UserInputException(task + " restores images: give --checkpoint of a model trained on images, not a mixture of "
                    + t.dim() + "-D points");
        }
        o.check(t.sde().tMax());
        LinearMeasurement h;
        try {
            h = degradation.apply(t.exampleShape());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage() + " (the model's images are " + t.exampleShape() + "): " + fix);
        }
        Examples examples = Examples.load(o.source.name(), t, o.n);
        Path dir = Outputs.prepareDir(o.out);
        PixelScaling scaling = t.scaling();
        int n = examples.count();
        long[] shape = t.shape();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("task", task);
        metrics.put("model", t.name());
        metrics.put("sde", t.sde().name());
        metrics.put("data", o.source.name());
        metrics.put("n", n);
        metrics.putAll(describe);
        metrics.put("measurements", h.measurements());
        metrics.put("sigma_y", o.sigmaY);
        metrics.put("steps", o.steps);
        List<double[]> rows = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        try (NDManager nd = NDManager.newBaseManager()) {
            ScoreModel model = t.open(nd, DataType.FLOAT32);
            Rng rng = new Rng(o.seed);
            NDArray x0 = examples.batch(nd, 0, n, DataType.FLOAT32).reshape(new Shape(n).addAll(t.exampleShape()));
            double[][] originals = flat(x0);
            Measured measured = Measured.of(h, x0, o.sigmaY, rng);
            // What the user has: y itself when H keeps the image size (blur), else the upsampled H^+ y.
            NDArray y = measured.y(x0);
            double[][] input = flat(h.measurements() == t.dim() ? y.reshape(x0.getShape()) : h.pseudoInverse(y));
            add(rows, captions, originals, null, "original", scaling);
            Map<String, Object> baseline = scores(originals, input, shape, scaling);
            metrics.put("input", baseline);
            add(rows, captions, input, originals, label, scaling);
            Map<String, Object> methods = new LinkedHashMap<>();
            for (SuperresMethod method : o.methods) {
                Progress progress = new Progress(err, task + " " + method);
                long start = System.nanoTime();
                Samples s;
                try (NDManager scope = nd.newSubManager()) {
                    s = method.run(model, measured, x0.getShape(), o.knobs(), rng, scope, progress);
                    s.x().attach(nd);
                }
                progress.finish();
                double seconds = (System.nanoTime() - start) / 1e9;
                double[][] restored = flat(s.x());
                Map<String, Object> m = scores(originals, restored, shape, scaling);
                m.put("max_abs_inconsistency", inconsistency(h, measured, s.x()));
                m.put("nfe", s.nfe());
                m.put("wall_seconds", seconds);
                methods.put(method.toString(), m);
                add(rows, captions, restored, originals, method.toString(), scaling);
                out.printf(Locale.ROOT, "%s | %s: %s PSNR %.2f dB, SSIM %.3f (input %.2f dB, %.3f), NFE %d, %.1fs%n", t.name(), task,
                        method, (Double) m.get("psnr_db"), (Double) m.get("ssim"), (Double) baseline.get("psnr_db"),
                        (Double) baseline.get("ssim"), s.nfe(), seconds);
            }
            metrics.put("methods", methods);
        }
        metrics.put("provenance", Outputs.provenance(o.seed));
        Outputs.writeJson(dir.resolve("metrics.json"), metrics);
        Outputs.writePng(ExamplePictures.grid(rows, shape, scaling, n, captions), dir.resolve(task + ".png"));
        out.println("-> " + dir);
        return 0;
    }

    /** Mean PSNR and SSIM of restorations against originals, with the per-image values. */
    private static Map<String, Object> scores(double[][] originals, double[][] restored, long[] shape, PixelScaling scaling) {
        double[] psnr = new double[originals.length];
        double[] ssim = new double[originals.length];
        for (int i = 0; i < originals.length; i++) {
            psnr[i] = ImageSimilarity.psnr(originals[i], restored[i], scaling.low(), scaling.high());
            ssim[i] = ImageSimilarity.ssim(originals[i], restored[i], (int) shape[0], (int) shape[1], (int) shape[2], scaling.low(),
                    scaling.high());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("psnr_db", mean(psnr));
        m.put("ssim", mean(ssim));
        m.put("psnr_db_per_image", psnr);
        m.put("ssim_per_image", ssim);
        return m;
    }

    /** max |H x - y| over the batch, in data units. */
    private static double inconsistency(LinearMeasurement h, Measured measured, NDArray x) {
        try (NDArray hx = h.measure(x); NDArray y = measured.y(hx); NDArray gap = hx.sub(y).abs().max()) {
            return gap.toType(DataType.FLOAT64, false).getDouble();
        }
    }

    private static void add(List<double[]> rows, List<String> captions, double[][] images, double[][] originals, String name,
            PixelScaling scaling) {
        for (int i = 0; i < images.length; i++) {
            rows.add(images[i]);
            String score = originals == null ? "" : String.format(Locale.ROOT, "%.1f",
                    ImageSimilarity.psnr(originals[i], images[i], scaling.low(), scaling.high()));
            captions.add(i == 0 ? name : score); // the first PSNR is in metrics.json; a name and a number do not fit one cell
        }
    }

    /** The batch as flattened rows in double precision. */
    static double[][] flat(NDArray x) {
        try (NDArray f = x.reshape(x.getShape().get(0), -1).toType(DataType.FLOAT64, false)) {
            return Shapes.rows(f);
        }
    }

    static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }
}
