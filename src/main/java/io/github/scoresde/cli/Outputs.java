package io.github.scoresde.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.scoresde.UserInputException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writing a run's files: the output folder, CSV points and JSON records. */
final class Outputs {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);

    private Outputs() {}

    /**
     * Creates {@code dir} if needed and checks that files can be written there, before any
     * long work starts, so that a bad --out loses nothing.
     */
    static Path prepareDir(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
            return dir;
        } catch (AccessDeniedException e) {
            throw new UserInputException("cannot write to output directory " + dir + " (permission denied): choose another --out");
        } catch (FileSystemException e) {
            String reason = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new UserInputException("cannot write to output directory " + dir + " (" + reason + "): choose another --out");
        } catch (IOException e) {
            throw new UserInputException("cannot write to output directory " + dir + " (" + e.getMessage() + "): choose another --out");
        }
    }

    /** Writes points as CSV with a header x0,x1,... and one point per line. */
    static void writeCsv(Path file, double[][] points) {
        write(file, out -> {
            int d = points.length == 0 ? 0 : points[0].length;
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < d; j++) {
                header.append(j == 0 ? "" : ",").append('x').append(j);
            }
            out.write(header.append('\n').toString());
            StringBuilder line = new StringBuilder();
            for (double[] p : points) {
                line.setLength(0);
                for (int j = 0; j < d; j++) {
                    line.append(j == 0 ? "" : ",").append((float) p[j]);
                }
                out.write(line.append('\n').toString());
            }
        });
    }

    /** Writes a JSON document. */
    static void writeJson(Path file, Object value) {
        write(file, out -> out.write(toJson(value) + "\n"));
    }

    /** A value as indented JSON text. */
    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Writes a PNG image. */
    static void writePng(java.awt.image.BufferedImage image, Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            if (!javax.imageio.ImageIO.write(image, "png", tmp.toFile())) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes text. */
    static void writeText(Path file, String text) {
        write(file, out -> out.write(text));
    }

    /** The provenance record every output carries. */
    static Map<String, Object> provenance(long seed) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("scoresde", Versions.scoresde());
        p.put("djl", Versions.djl());
        p.put("engine", "PyTorch");
        p.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        p.put("seed", seed);
        p.put("created", Instant.now().toString());
        return p;
    }

    private interface Body {
        void accept(BufferedWriter out) throws IOException;
    }

    /** Writes through a temporary file and an atomic rename, so no half-written file is left. */
    private static void write(Path file, Body body) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(tmp)) {
                body.accept(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
