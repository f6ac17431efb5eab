package io.github.scoresde.condition.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.linalg.SymmetricEigen;
import java.util.ArrayList;
import java.util.List;

/**
 * A linear measurement y = H x of samples x of shape {@link #sampleShape} (flattened to D
 * values), with H an m x D matrix, and its thin singular value decomposition H = U Sigma V^T
 * over the r singular values above round-off (the spectral space of DDRM, Kawar et al. 2022,
 * sec. 3). The decomposition comes from the eigenvectors of the smaller of H H^T and H^T H, or,
 * for a {@link #separable} H, from those of its factors.
 *
 * <p>All array methods take batches [B, ...] and return arrays owned by their input's manager.
 */
public final class LinearMeasurement {
    private final Shape sampleShape;
    private final double[][] matrix;
    private final double[] singular;
    private final double[] transposed;
    private final double[] rowMajor;
    private final double[] right;
    private final double[] rightTransposed;
    private final double[] leftScaled;
    private final double[] pseudoInverse;

    /** A thin SVD: singular values and the columns of U (m x r) and V (D x r). */
    private record Svd(double[] singular, double[][] u, double[][] v) {}

    private LinearMeasurement(Shape sampleShape, double[][] matrix, Svd svd) {
        this.sampleShape = sampleShape;
        this.matrix = matrix;
        int m = matrix.length;
        int d = matrix[0].length;
        singular = svd.singular();
        double[][] u = svd.u();
        double[][] v = svd.v();
        int rank = singular.length;
        transposed = flat(d, m, (i, j) -> matrix[j][i]);
        rowMajor = flat(m, d, (i, j) -> matrix[i][j]);
        right = flat(d, rank, (i, j) -> v[i][j]);
        rightTransposed = flat(rank, d, (i, j) -> v[j][i]);
        leftScaled = flat(m, rank, (i, j) -> u[i][j] / singular[j]);
        // (H^+)^T = U Sigma^-1 V^T, so that y [B, m] times it is H^+ y per row.
        pseudoInverse = flat(m, d, (i, c) -> {
            double sum = 0;
            for (int j = 0; j < rank; j++) {
                sum += u[i][j] / singular[j] * v[c][j];
            }
            return sum;
        });
    }

    /** The SVD of a dense matrix from the eigenvectors of the smaller Gram matrix, descending. */
    private static Svd decompose(double[][] matrix) {
        int m = matrix.length;
        int d = matrix[0].length;
        boolean wide = m <= d;
        SymmetricEigen eigen = SymmetricEigen.of(gram(matrix, wide));
        double[] values = eigen.values();
        double top = values[values.length - 1];
        int rank = 0;
        for (double value : values) {
            rank += value > top * 1e-10 ? 1 : 0;
        }
        double[] singular = new double[rank];
        double[][] u = new double[m][rank];
        double[][] v = new double[d][rank];
        for (int j = 0; j < rank; j++) {
            int source = values.length - 1 - j;
            double s = Math.sqrt(values[source]);
            singular[j] = s;
            // The eigenvectors give one side; the other is H^T u / s (wide) or H v / s (tall).
            double[][] known = wide ? u : v;
            double[][] other = wide ? v : u;
            for (int i = 0; i < known.length; i++) {
                known[i][j] = eigen.vectors()[i][source];
            }
            for (int i = 0; i < other.length; i++) {
                double sum = 0;
                for (int k = 0; k < known.length; k++) {
                    sum += (wide ? matrix[k][i] : matrix[i][k]) * known[k][j];
                }
                other[i][j] = sum / s;
            }
        }
        return new Svd(singular, u, v);
    }

    /**
     * The measurement with matrix {@code matrix} (m rows of D = sampleShape.size() entries).
     *
     * @throws IllegalArgumentException if the matrix is empty, ragged, of the wrong width or zero
     */
    public static LinearMeasurement of(Shape sampleShape, double[][] matrix) {
        long d = sampleShape.size();
        if (matrix.length == 0) {
            throw new IllegalArgumentException("a measurement needs at least one row");
        }
        for (double[] row : matrix) {
            if (row.length != d) {
                throw new IllegalArgumentException("every row of H needs " + d + " entries for samples of shape "
                        + sampleShape + ", got " + row.length);
            }
        }
        return checked(new LinearMeasurement(sampleShape, matrix, decompose(matrix)));
    }

    /**
     * The separable measurement H = I_C (x) A (x) B on images [C, H, W]: every channel's rows
     * mixed by A (H' x H) and its columns by B (W' x W), as pooling and Gaussian blur are. Its
     * SVD is the Kronecker product of the factors' SVDs, so no large matrix is decomposed.
     */
    public static LinearMeasurement separable(Shape chw, double[][] a, double[][] b) {
        int c = (int) chw.get(0);
        int h = (int) chw.get(1);
        int w = (int) chw.get(2);
        if (chw.dimension() != 3 || a[0].length != h || b[0].length != w) {
            throw new IllegalArgumentException("factors of " + a[0].length + " and " + b[0].length + " columns do not fit images "
                    + chw);
        }
        int oh = a.length;
        int ow = b.length;
        double[][] matrix = new double[c * oh * ow][c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double[] row = matrix[(ch * oh + i) * ow + j];
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            row[(ch * h + y) * w + x] = a[i][y] * b[j][x];
                        }
                    }
                }
            }
        }
        Svd sa = decompose(a);
        Svd sb = decompose(b);
        double top = sa.singular()[0] * sb.singular()[0];
        List<int[]> pairs = new ArrayList<>();
        for (int p = 0; p < sa.singular().length; p++) {
            for (int q = 0; q < sb.singular().length; q++) {
                if (sa.singular()[p] * sb.singular()[q] > top * 1e-5) { // the 1e-10 cut on squared values
                    pairs.add(new int[] {p, q});
                }
            }
        }
        pairs.sort((x, y) -> Double.compare(sa.singular()[y[0]] * sb.singular()[y[1]], sa.singular()[x[0]] * sb.singular()[x[1]]));
        int rank = c * pairs.size();
        double[] singular = new double[rank];
        double[][] u = new double[c * oh * ow][rank];
        double[][] v = new double[c * h * w][rank];
        for (int ch = 0; ch < c; ch++) {
            for (int k = 0; k < pairs.size(); k++) {
                int p = pairs.get(k)[0];
                int q = pairs.get(k)[1];
                int j = ch * pairs.size() + k;
                singular[j] = sa.singular()[p] * sb.singular()[q];
                for (int i = 0; i < oh; i++) {
                    for (int jj = 0; jj < ow; jj++) {
                        u[(ch * oh + i) * ow + jj][j] = sa.u()[i][p] * sb.u()[jj][q];
                    }
                }
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        v[(ch * h + y) * w + x][j] = sa.v()[y][p] * sb.v()[x][q];
                    }
                }
            }
        }
        return checked(new LinearMeasurement(chw, matrix, new Svd(singular, u, v)));
    }

    private static LinearMeasurement checked(LinearMeasurement h) {
        if (h.rank() == 0) {
            throw new IllegalArgumentException("H is zero: it measures nothing");
        }
        return h;
    }

    /** The shape of one sample. */
    public Shape sampleShape() {
        return sampleShape;
    }

    /** Number of measurements m. */
    public int measurements() {
        return matrix.length;
    }

    /** Number of non-zero singular values r. */
    public int rank() {
        return singular.length;
    }

    /** The non-zero singular values, descending (a copy). */
    public double[] singularValues() {
        return singular.clone();
    }

    /** The same H on samples of another shape with as many values (flat points instead of images). */
    public LinearMeasurement withSampleShape(Shape shape) {
        return of(shape, matrix);
    }

    /** H x: [B, ...] to [B, m]. */
    public NDArray measure(NDArray x) {
        try (NDArray flat = flatten(x)) {
            return product(flat, transposed, matrix[0].length, matrix.length);
        }
    }

    /** H^T y: [B, m] to [B, ...]. */
    public NDArray adjoint(NDArray y) {
        return unflatten(product(y, rowMajor, matrix.length, matrix[0].length));
    }

    /** The least-squares solution of minimum norm H^+ y: [B, m] to [B, ...]. */
    public NDArray pseudoInverse(NDArray y) {
        return unflatten(product(y, pseudoInverse, matrix.length, matrix[0].length));
    }

    /** x + H^+ (y - H x): x moved the shortest way onto H x = y (ILVR's projection). */
    public NDArray project(NDArray x, NDArray y) {
        try (NDArray hx = measure(x); NDArray residual = y.sub(hx); NDArray step = pseudoInverse(residual)) {
            return x.add(step);
        }
    }

    /** The spectral coordinates V^T x of the measured part: [B, ...] to [B, r]. */
    public NDArray toSpectral(NDArray x) {
        try (NDArray flat = flatten(x)) {
            return product(flat, right, matrix[0].length, rank());
        }
    }

    /** V c: [B, r] spectral coordinates back to [B, ...] (no component in the null space of H). */
    public NDArray fromSpectral(NDArray c) {
        return unflatten(product(c, rightTransposed, rank(), matrix[0].length));
    }

    /** Sigma^-1 U^T y, the measured spectral coordinates of any x with H x = y: [B, m] to [B, r]. */
    public NDArray spectralMeasurement(NDArray y) {
        return product(y, leftScaled, matrix.length, rank());
    }

    /** x minus its measured part, (I - V V^T) x: the component H cannot see. */
    public NDArray nullPart(NDArray x) {
        try (NDArray c = toSpectral(x); NDArray seen = fromSpectral(c)) {
            return x.sub(seen);
        }
    }

    private NDArray flatten(NDArray x) {
        long d = sampleShape.size();
        if (x.getShape().dimension() < 2 || x.getShape().size() != x.getShape().get(0) * d) {
            throw new IllegalArgumentException("samples of shape " + sampleShape + " expected, got " + x.getShape());
        }
        return x.reshape(x.getShape().get(0), d);
    }

    private NDArray unflatten(NDArray flat) {
        try (flat) {
            return flat.reshape(new Shape(flat.getShape().get(0)).addAll(sampleShape));
        }
    }

    /** rows [B, k] times the k x n matrix stored row-major in {@code values}. */
    private static NDArray product(NDArray rows, double[] values, int k, int n) {
        DataType type = rows.getDataType();
        try (NDArray m = type == DataType.FLOAT64
                ? rows.getManager().create(values, new Shape(k, n))
                : rows.getManager().create(toFloats(values), new Shape(k, n)).toType(type, false)) {
            return rows.matMul(m);
        }
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static double[][] gram(double[][] h, boolean rowsOfH) {
        int m = h.length;
        int d = h[0].length;
        int n = rowsOfH ? m : d;
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double sum = 0;
                if (rowsOfH) {
                    for (int c = 0; c < d; c++) {
                        sum += h[i][c] * h[j][c];
                    }
                } else {
                    for (int r = 0; r < m; r++) {
                        sum += h[r][i] * h[r][j];
                    }
                }
                g[i][j] = sum;
                g[j][i] = sum;
            }
        }
        return g;
    }

    private interface Entry {
        double at(int i, int j);
    }

    private static double[] flat(int rows, int cols, Entry entry) {
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = entry.at(i, j);
            }
        }
        return out;
    }
}
