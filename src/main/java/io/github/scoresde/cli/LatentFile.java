package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Flattened examples (latents x_T, decoded data) as CSV without loss: a header {@code z0,z1,...}
 * (or another prefix), then one example per line, each value printed as the shortest decimal
 * that reads back to the same float32 (or float64) number. {@code decode --latents} reads what
 * {@code encode} wrote.
 */
final class LatentFile {
    private LatentFile() {}

    /**
     * Writes rows of equal length.
     *
     * @param prefix the column name stem, e.g. "z" for latents and "x" for data
     * @param float64 print float64 values (else float32, which the values must be exactly)
     */
    static void write(Path file, double[][] rows, String prefix, boolean float64) {
        int d = rows.length == 0 ? 0 : rows[0].length;
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < d; j++) {
            text.append(j == 0 ? "" : ",").append(prefix).append(j);
        }
        text.append('\n');
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                text.append(j == 0 ? "" : ",").append(format(row[j], float64));
            }
            text.append('\n');
        }
        Outputs.writeText(file, text.toString());
    }

    /** The shortest decimal that reads back to the same float64, or float32, value. */
    static String format(double value, boolean float64) {
        return float64 ? Double.toString(value) : Float.toString((float) value);
    }

    /**
     * The first {@code limit} rows of a file written by {@link #write}, for a model of {@code dim} dimensions.
     *
     * @throws UserInputException if the file is missing, its header has another number of
     *     columns than the model's dimension, or a cell is bad
     */
    static double[][] read(Path file, int dim, int limit) {
        String header;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            header = in.readLine();
        } catch (NoSuchFileException e) {
            throw new UserInputException("no such latents file " + file + ": write one with scoresde encode");
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + " (" + e.getMessage() + ")");
        }
        int columns = header == null || header.isBlank() ? 0 : header.split(",", -1).length;
        if (columns != dim) {
            throw new UserInputException(file + " has " + columns + " columns but the model's latents have " + dim
                    + " dimensions: decode with the model that encoded them");
        }
        return PointCsv.read(file, dim, limit);
    }
}
