package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads points from a CSV file: a header row, then one point per line; the first {@code dim}
 * columns are the coordinates and further columns (labels, weights) are ignored.
 */
final class PointCsv {
    private PointCsv() {}

    /**
     * The first {@code limit} points of a file.
     *
     * @param dim the number of coordinates to read from each line
     * @param limit the most points to read
     * @throws UserInputException naming the line and column of a missing header, a short line,
     *     a non-numeric or a non-finite cell
     */
    static double[][] read(Path file, int dim, int limit) {
        List<double[]> points = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String header = in.readLine();
            if (header == null || header.isBlank()) {
                throw new UserInputException(file + " is empty: expected a header row, then one point per line");
            }
            if (isNumeric(header.split(",", -1)[0])) {
                throw new UserInputException(file + " line 1 is numbers, not a header row: add a header such as x0,x1,... as its first line");
            }
            int line = 1;
            String text;
            while (points.size() < limit && (text = in.readLine()) != null) {
                line++;
                if (!text.isBlank()) {
                    points.add(parse(file, line, text, dim));
                }
            }
        } catch (NoSuchFileException e) {
            throw new UserInputException("no such data file " + file);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + " (" + e.getMessage() + ")");
        }
        if (points.isEmpty()) {
            throw new UserInputException(file + " has a header but no points");
        }
        return points.toArray(new double[0][]);
    }

    private static double[] parse(Path file, int line, String text, int dim) {
        String[] cells = text.split(",", -1);
        if (cells.length < dim) {
            throw new UserInputException(file + " line " + line + " has " + cells.length + " columns but the model's points have "
                    + dim + " coordinates: give at least " + dim + " columns");
        }
        double[] point = new double[dim];
        for (int j = 0; j < dim; j++) {
            String cell = cells[j].strip();
            try {
                point[j] = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new UserInputException(file + " line " + line + " column " + (j + 1) + ": '" + cell + "' is not a number");
            }
            if (!Double.isFinite(point[j])) {
                throw new UserInputException(file + " line " + line + " column " + (j + 1) + " is " + cell + ": every coordinate must be finite");
            }
        }
        return point;
    }

    private static boolean isNumeric(String cell) {
        try {
            Double.parseDouble(cell.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
