package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import java.util.Arrays;

/**
 * The known coordinates of {@code inpaint --known 0=2.0,3=-1.5}: index = value pairs.
 *
 * @param indices distinct coordinate indices, in the order given
 * @param values their values
 */
record KnownCoordinates(int[] indices, double[] values) {
    /**
     * Parses {@code spec} for points with {@code dim} coordinates.
     *
     * @throws UserInputException naming the bad pair: not index=value, an index out of range or
     *     repeated, a value that is not a finite number, or every coordinate known
     */
    static KnownCoordinates parse(String spec, int dim) {
        String[] pairs = spec.split(",", -1);
        int[] indices = new int[pairs.length];
        double[] values = new double[pairs.length];
        boolean[] seen = new boolean[dim];
        for (int j = 0; j < pairs.length; j++) {
            String[] parts = pairs[j].split("=", -1);
            if (parts.length != 2) {
                throw new UserInputException("--known '" + pairs[j].strip() + "' is not INDEX=VALUE: write e.g. --known 0=2.0,3=-1.5");
            }
            try {
                indices[j] = Integer.parseInt(parts[0].strip());
                values[j] = Double.parseDouble(parts[1].strip());
            } catch (NumberFormatException e) {
                throw new UserInputException("--known '" + pairs[j].strip() + "' is not INDEX=VALUE with an integer index and a number:"
                        + " write e.g. --known 0=2.0,3=-1.5");
            }
            if (indices[j] < 0 || indices[j] >= dim) {
                throw new UserInputException("--known index " + indices[j] + " is outside the model's coordinates 0.." + (dim - 1));
            }
            if (seen[indices[j]]) {
                throw new UserInputException("--known gives coordinate " + indices[j] + " twice: give each index once");
            }
            if (!Double.isFinite(values[j])) {
                throw new UserInputException("--known value of coordinate " + indices[j] + " is " + parts[1].strip() + ": give a finite number");
            }
            seen[indices[j]] = true;
        }
        if (pairs.length >= dim) {
            throw new UserInputException("--known gives all " + dim + " coordinates: leave at least one to sample");
        }
        return new KnownCoordinates(indices, values);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < indices.length; j++) {
            s.append(j == 0 ? "" : ",").append(indices[j]).append('=').append(values[j]);
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KnownCoordinates k && Arrays.equals(indices, k.indices) && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }
}
