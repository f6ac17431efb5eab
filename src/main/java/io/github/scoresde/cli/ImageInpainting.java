package io.github.scoresde.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.UserInputException;
import io.github.scoresde.condition.Imputation;
import io.github.scoresde.eval.ImageSimilarity;
import io.github.scoresde.model.ScoreModel;
import io.github.scoresde.sample.Sampler;
import io.github.scoresde.sample.SamplerKind;
import io.github.scoresde.sample.SamplerSettings;
import io.github.scoresde.sample.SamplingContext;
import io.github.scoresde.sample.Samples;
import io.github.scoresde.sample.Schedule;
import io.github.scoresde.tensor.Rng;
import io.github.scoresde.train.data.ImageData;
import io.github.scoresde.train.data.PixelScaling;
import io.github.scoresde.train.data.PngFolder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inpainting of images with a trained model: the pixels a mask marks as known are imputed by
 * replacement after every sampler step ({@link Imputation}), the others are generated. Writes
 * {@code inpaint.png} (originals, the masked inputs with unknown pixels gray, the inpainted
 * images) and {@code metrics.json} (PSNR and SSIM against the originals, the largest error on
 * the known pixels, NFE, wall time).
 */
final class ImageInpainting {
    /** Built-in masks: the named half of the image is unknown. */
    static final List<String> HALVES = List.of("top", "bottom", "left", "right");

    private ImageInpainting() {}

    /**
     * @param maskSpec a PNG of the image's size (white known, black unknown) or a built-in half
     * @param data the originals: an image set, a folder or one .png
     */
    static void run(ModelTarget t, String maskSpec, String data, int n, SamplerKind kind, SamplerSettings settings, int steps,
            double eps, long seed, Path out, PrintWriter stdout, PrintWriter err) {
        Sampler sampler = kind.build(settings, steps);
        if (!t.images()) {
            throw new UserInputException("--mask inpaints images: give --checkpoint of a model trained on images");
        }
        if (!sampler.appliesConstraints()) {
            throw new UserInputException("--sampler " + kind + " cannot impute (its ODE solver owns the steps): use pc, em,"
                    + " reverse-diffusion, ancestral, edm-heun, ddim or dpmpp-2m");
        }
        Schedule schedule = kind.schedule(settings, steps, eps); // too few steps: an error before anything is written
        double[] mask = mask(maskSpec, t.shape());
        Examples examples = Examples.load(data, t, n);
        Path dir = Outputs.prepareDir(out);
        int count = examples.count();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("task", "inpaint");
        metrics.put("model", t.name());
        metrics.put("sde", t.sde().name());
        metrics.put("data", data);
        metrics.put("mask", maskSpec);
        metrics.put("known_fraction", known(mask) / (double) mask.length);
        metrics.put("n", count);
        metrics.put("sampler", kind.toString());
        metrics.put("steps", steps);
        PixelScaling scaling = t.scaling();
        List<double[]> rows = new ArrayList<>();
        try (NDManager nd = NDManager.newBaseManager()) {
            ScoreModel model = t.open(nd, DataType.FLOAT32);
            NDArray x0 = examples.batch(nd, 0, count, DataType.FLOAT32).reshape(new Shape(count).addAll(t.exampleShape()));
            double[][] originals = RestorationRun.flat(x0);
            Imputation imputation = new Imputation(t.exampleShape(), mask, originals);
            Rng rng = new Rng(seed);
            NDArray start = t.sde().prior().sample(nd, x0.getShape(), DataType.FLOAT32, rng);
            Progress progress = new Progress(err, "inpaint");
            long begin = System.nanoTime();
            Samples s = sampler.sample(model, start, schedule, new SamplingContext(rng, progress, imputation));
            progress.finish();
            double seconds = (System.nanoTime() - begin) / 1e9;
            double[][] restored = RestorationRun.flat(s.x());
            double[] psnr = new double[count];
            double[] ssim = new double[count];
            double knownError = 0;
            for (int i = 0; i < count; i++) {
                psnr[i] = ImageSimilarity.psnr(originals[i], restored[i], scaling.low(), scaling.high());
                ssim[i] = ImageSimilarity.ssim(originals[i], restored[i], (int) t.shape()[0], (int) t.shape()[1], (int) t.shape()[2],
                        scaling.low(), scaling.high());
                for (int k = 0; k < mask.length; k++) {
                    knownError = Math.max(knownError, mask[k] * Math.abs(originals[i][k] - restored[i][k]));
                }
            }
            rows.addAll(List.of(originals));
            for (double[] original : originals) {
                double[] masked = new double[original.length];
                for (int k = 0; k < masked.length; k++) {
                    masked[k] = mask[k] == 1 ? original[k] : 0.5 * (scaling.low() + scaling.high());
                }
                rows.add(masked);
            }
            rows.addAll(List.of(restored));
            metrics.put("psnr_db", RestorationRun.mean(psnr));
            metrics.put("ssim", RestorationRun.mean(ssim));
            metrics.put("psnr_db_per_image", psnr);
            metrics.put("ssim_per_image", ssim);
            metrics.put("known_max_abs_error", knownError);
            metrics.put("nfe", s.nfe());
            metrics.put("wall_seconds", seconds);
            stdout.printf(Locale.ROOT, "%s | inpaint %s: PSNR %.2f dB, SSIM %.3f, known pixels max |error| %.2g, NFE %d, %.1fs -> %s%n",
                    t.name(), maskSpec, RestorationRun.mean(psnr), RestorationRun.mean(ssim), knownError, s.nfe(), seconds, dir);
        }
        metrics.put("provenance", Outputs.provenance(seed));
        Outputs.writeJson(dir.resolve("metrics.json"), metrics);
        Outputs.writePng(ExamplePictures.grid(rows, t.shape(), scaling, count, List.of()), dir.resolve("inpaint.png"));
    }

    /** 1 for known entries of an example [C, H, W], 0 for unknown ones. */
    static double[] mask(String spec, long[] shape) {
        int c = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        double[] mask = new double[c * h * w];
        if (HALVES.contains(spec)) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        boolean unknown = switch (spec) {
                            case "top" -> i < h / 2;
                            case "bottom" -> i >= h / 2;
                            case "left" -> j < w / 2;
                            default -> j >= w / 2;
                        };
                        mask[(ch * h + i) * w + j] = unknown ? 0 : 1;
                    }
                }
            }
            return mask;
        }
        Path file = Path.of(spec);
        if (!PngFolder.isPngFile(file)) {
            throw new UserInputException("--mask " + spec + " is neither a .png file nor one of " + String.join(", ", HALVES)
                    + (Files.exists(file) ? "" : " (no such file)"));
        }
        ImageData image = PngFolder.load(file, PixelScaling.SYMMETRIC);
        long[] size = image.exampleShape();
        if (size[1] != h || size[2] != w) {
            throw new UserInputException("the mask " + spec + " is " + size[2] + "x" + size[1] + " but the images are " + w + "x" + h
                    + ": give a mask of the image's size");
        }
        byte[] pixels = image.pixels(0);
        int plane = h * w;
        for (int k = 0; k < pixels.length; k++) {
            int v = pixels[k] & 0xff;
            if (v != 0 && v != 255) {
                throw new UserInputException("the mask " + spec + " is not binary (pixel " + (k % plane) + " is " + v
                        + "): use black (0) for unknown and white (255) for known pixels");
            }
        }
        for (int ch = 0; ch < c; ch++) {
            for (int k = 0; k < plane; k++) {
                // A gray mask applies to every channel; an RGB mask's planes must agree.
                int source = size[0] == 1 ? k : ch * plane + k;
                mask[ch * plane + k] = (pixels[source] & 0xff) == 255 ? 1 : 0;
            }
        }
        if (known(mask) == 0) {
            throw new UserInputException("the mask " + spec + " has no white (known) pixel: nothing to inpaint from");
        }
        return mask;
    }

    private static int known(double[] mask) {
        int k = 0;
        for (double m : mask) {
            k += (int) m;
        }
        return k;
    }
}
