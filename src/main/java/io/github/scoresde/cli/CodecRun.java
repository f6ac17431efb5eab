package io.github.scoresde.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.likelihood.LatentCodec;
import io.github.scoresde.sample.ode.OdeSolution;
import io.github.scoresde.tensor.Shapes;
import io.github.scoresde.train.data.PixelScaling;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encoding x -> x_T and decoding x_T -> x through the probability-flow ODE for {@code encode}
 * and {@code decode}, batch by batch in sub-managers so memory stays flat.
 */
final class CodecRun {
    /** Points per batch. */
    static final int POINT_BATCH = 1024;
    /** Images per batch. */
    static final int IMAGE_BATCH = 32;

    /**
     * What came out, as flattened rows in example order.
     *
     * @param latents x_T of each example, or null when only decoding
     * @param decoded the decoded examples, or null when only encoding
     * @param nfeEncode model evaluations of all encoding solves
     * @param nfeDecode model evaluations of all decoding solves
     */
    record Output(double[][] latents, double[][] decoded, int nfeEncode, int nfeDecode, double wallSeconds) {}

    private CodecRun() {}

    /** Encodes every example and, when {@code roundTrip}, decodes its latent again. */
    static Output encode(ModelTarget t, FlowOptions flow, Examples data, boolean roundTrip, Progress progress) {
        return run(t, flow, data, true, roundTrip, progress);
    }

    /** Decodes every latent (rows of D values). */
    static Output decode(ModelTarget t, FlowOptions flow, double[][] latents, Progress progress) {
        return run(t, flow, new Examples.Points(latents), false, true, progress);
    }

    private static Output run(ModelTarget t, FlowOptions flow, Examples data, boolean encode, boolean decode, Progress progress) {
        int n = data.count();
        int batch = t.images() ? IMAGE_BATCH : POINT_BATCH;
        double[][] latents = encode ? new double[n][] : null;
        double[][] decoded = decode ? new double[n][] : null;
        int[] nfe = new int[2];
        try (NDManager manager = NDManager.newBaseManager()) {
            LatentCodec codec = new LatentCodec(t.open(manager, flow.type()), flow.solver());
            long t0 = System.nanoTime();
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = data.batch(scope, from, to, flow.type()).reshape(new Shape(to - from).addAll(t.exampleShape()));
                    if (encode) {
                        OdeSolution e = codec.encode(x);
                        nfe[0] += e.nfe();
                        x = e.x();
                        copyRows(x, latents, from);
                    }
                    if (decode) {
                        OdeSolution d = codec.decode(x);
                        nfe[1] += d.nfe();
                        copyRows(d.x(), decoded, from);
                    }
                }
                progress.update(to, n, "NFE " + (nfe[0] + nfe[1]));
            }
            return new Output(latents, decoded, nfe[0], nfe[1], (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The examples as flattened rows in double precision. */
    static double[][] rows(Examples data, ModelTarget t) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = data.batch(m, 0, data.count(), DataType.FLOAT64);
            return Shapes.rows(x.reshape(data.count(), t.dim()));
        }
    }

    /** The model and solver part of a flow command's summary.json. */
    static Map<String, Object> summary(ModelTarget t, FlowOptions flow) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", t.name());
        m.put("sde", t.sde().name());
        m.put("sde_parameters", t.sde());
        m.put("dim", t.dim());
        m.put("eps", t.sde().eps());
        m.put("t_max", t.sde().tMax());
        m.putAll(flow.describe());
        return m;
    }

    /**
     * How far reconstructions are from the originals: the largest |x - x'| over all values and
     * the root mean square over all values, in data units, and for images also in 8-bit pixel steps.
     *
     * @param scaling the images' pixel scaling, or null for points
     */
    static Map<String, Object> error(double[][] original, double[][] back, PixelScaling scaling) {
        double max = 0;
        double squares = 0;
        long count = 0;
        for (int i = 0; i < original.length; i++) {
            for (int j = 0; j < original[i].length; j++) {
                double e = Math.abs(original[i][j] - back[i][j]);
                max = Double.isNaN(e) ? Double.NaN : Math.max(max, e);
                squares += e * e;
                count++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_abs_error", max);
        m.put("rms_error", Math.sqrt(squares / count));
        if (scaling != null) {
            m.put("max_abs_error_pixels", max * 255 / (scaling.high() - scaling.low()));
        }
        return m;
    }

    private static void copyRows(NDArray x, double[][] into, int from) {
        double[][] rows = Shapes.rows(x.reshape(x.getShape().get(0), -1));
        System.arraycopy(rows, 0, into, from, rows.length);
    }
}
