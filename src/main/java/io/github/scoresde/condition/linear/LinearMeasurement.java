package io.github.scoresde.condition.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.scoresde.linalg.SymmetricEigen;

/**
 * A linear measurement y = H x of samples x of shape {@link #sampleShape} (flattened to D
 * values), with H an m x D matrix, and its thin singular value decomposition H = U Sigma V^T
 * over the r singular values above round-off (the spectral space of DDRM, Kawar et al. 2022,
 * sec. 3). The decomposition comes from the eigenvectors of the smaller of H H^T and H^T H.
 *
 * <p>All array methods take batches [B, ...] and return arrays owned by their input's manager.
 */
public final class LinearMeasurement {
    private final Shape sampleShape;
    private final double[][] matrix;
    private final double[] singular;
    private final double[] transposed;
    private final double[] right;
    private final double[] rightTransposed;
    private final double[] leftScaled;
    private final double[] pseudoInverse;

    private LinearMeasurement(Shape sampleShape, double[][] matrix) {
        this.sampleShape = sampleShape;
        this.matrix = matrix;
        int m = matrix.length;
        int d = matrix[0].length;
        double[][] u;
        double[][] v;
        boolean wide = m <= d;
        SymmetricEigen eigen = SymmetricEigen.of(wide ? gram(matrix, true) : gram(matrix, false));
        double[] values = eigen.values();
        double top = values[values.length - 1];
        int rank = 0;
        for (double value : values) {
            rank += value > top * 1e-10 ? 1 : 0;
        }
        singular = new double[rank];
        u = new double[m][rank];
        v = new double[d][rank];
        for (int j = 0; j < rank; j++) {
            int source = values.length - 1 - j; // descending singular values
            double s = Math.sqrt(values[source]);
            singular[j] = s;
            if (wide) {
                // u_j is an eigenvector of H H^T; v_j = H^T u_j / s_j.
                for (int i = 0; i < m; i++) {
                    u[i][j] = eigen.vectors()[i][source];
                }
                for (int c = 0; c < d; c++) {
                    double sum = 0;
                    for (int i = 0; i < m; i++) {
                        sum += matrix[i][c] * u[i][j];
                    }
                    v[c][j] = sum / s;
                }
            } else {
                for (int c = 0; c < d; c++) {
                    v[c][j] = eigen.vectors()[c][source];
                }
                for (int i = 0; i < m; i++) {
                    double sum = 0;
                    for (int c = 0; c < d; c++) {
                        sum += matrix[i][c] * v[c][j];
                    }
                    u[i][j] = sum / s;
                }
            }
        }
        transposed = flat(d, m, (i, j) -> matrix[j][i]);
        right = flat(d, rank, (i, j) -> v[i][j]);
        rightTransposed = flat(rank, d, (i, j) -> v[j][i]);
        leftScaled = flat(m, rank, (i, j) -> u[i][j] / singular[j]);
        // (H^+)^T = U Sigma^-1 V^T, so that y [B, m] times it is H^+ y per row.
        pseudoInverse = flat(m, d, (i, c) -> {
            double sum = 0;
            for (int j = 0; j < singular.length; j++) {
                sum += u[i][j] / singular[j] * v[c][j];
            }
            return sum;
        });
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
        LinearMeasurement h = new LinearMeasurement(sampleShape, matrix);
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
