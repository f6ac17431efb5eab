package io.github.scoresde.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.scoresde.UserInputException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One self-describing checkpoint file: a magic line, a JSON header (format version, step,
 * config, data statistics, provenance and the name and shape of every tensor), the tensors as
 * little-endian float32, and a SHA-256 of everything before it. No Java serialization.
 *
 * <p>{@link #write} goes through a temporary file in the same folder, forces it to disk and
 * renames it atomically, so a crash never leaves a half-written checkpoint under the real name.
 * {@link #read} refuses foreign, truncated, corrupt and newer-format files with a clear message.
 *
 * @param header the JSON header (everything but the tensor list)
 * @param tensors tensors by name, in file order: shape and values
 */
public record Checkpoint(ObjectNode header, Map<String, Tensor> tensors) {
    /** Current format version. */
    public static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC = "SCORESDE-CHECKPOINT\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_BYTES = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A named tensor's shape and float32 values. */
    public record Tensor(long[] shape, float[] values) {
        /** Validates that the values fill the shape. */
        public Tensor {
            long size = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
            if (size != values.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size + " values, got " + values.length);
            }
        }
    }

    /** Header key marking a checkpoint that holds only the EMA weights. */
    public static final String WEIGHTS_ONLY = "weights_only";

    /**
     * This checkpoint with only its EMA weights (a quarter of the size): enough to sample, encode
     * or evaluate the model, not to resume training. Shipped models are written this way.
     */
    public Checkpoint weightsOnly() {
        Map<String, Tensor> ema = new LinkedHashMap<>();
        tensors.forEach((name, t) -> {
            if (name.startsWith("ema/")) {
                ema.put(name, t);
            }
        });
        ObjectNode h = header.deepCopy();
        h.put(WEIGHTS_ONLY, true);
        return new Checkpoint(h, ema);
    }

    /** Writes the checkpoint to {@code file} atomically. */
    public void write(Path file) throws IOException {
        ObjectNode full = header.deepCopy();
        full.put("format_version", FORMAT_VERSION);
        ArrayNode list = full.putArray("tensors");
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            ObjectNode t = list.addObject();
            t.put("name", e.getKey());
            ArrayNode shape = t.putArray("shape");
            Arrays.stream(e.getValue().shape()).forEach(shape::add);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            byte[] json = JSON.writeValueAsBytes(full);
            out.writeInt(json.length);
            out.write(json);
            for (Tensor t : tensors.values()) {
                ByteBuffer buffer = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
                buffer.asFloatBuffer().put(t.values());
                out.write(buffer.array());
            }
        }
        byte[] body = bytes.toByteArray();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(body));
            channel.write(ByteBuffer.wrap(sha256(body, body.length)));
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads and verifies a checkpoint.
     *
     * @throws UserInputException naming the file and the problem (missing, not a checkpoint,
     *     truncated, corrupt, unsupported version)
     */
    public static Checkpoint read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException("checkpoint " + file + " does not exist");
        } catch (IOException e) {
            throw new UserInputException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        return read(all, file.toString());
    }

    /**
     * Reads and verifies a checkpoint held in memory (a classpath resource, for instance).
     *
     * @param file names the checkpoint in messages
     * @throws UserInputException as {@link #read(Path)}
     */
    public static Checkpoint read(byte[] all, String file) {
        if (all.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new UserInputException(file + " is not a scoresde checkpoint");
        }
        if (all.length < MAGIC.length + 4 + DIGEST_BYTES) {
            throw new UserInputException("checkpoint " + file + " is truncated (" + all.length + " bytes)");
        }
        int bodyLength = all.length - DIGEST_BYTES;
        if (!Arrays.equals(sha256(all, bodyLength), Arrays.copyOfRange(all, bodyLength, all.length))) {
            throw new UserInputException("checkpoint " + file + " is corrupt or truncated (checksum mismatch); "
                    + "use another checkpoint, e.g. a numbered one in the same folder");
        }
        ByteBuffer in = ByteBuffer.wrap(all, 0, bodyLength).order(ByteOrder.BIG_ENDIAN);
        in.position(MAGIC.length);
        int jsonLength = in.getInt();
        ObjectNode full;
        try {
            full = (ObjectNode) JSON.readTree(Arrays.copyOfRange(all, in.position(), in.position() + jsonLength));
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("checkpoint " + file + " has an unreadable header", e);
        }
        in.position(in.position() + jsonLength);
        int version = full.path("format_version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new UserInputException("checkpoint " + file + " has format version " + version
                    + ", this scoresde reads version " + FORMAT_VERSION);
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        in.order(ByteOrder.LITTLE_ENDIAN);
        for (Iterator<JsonNode> it = full.path("tensors").elements(); it.hasNext(); ) {
            JsonNode t = it.next();
            long[] shape = new long[t.path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.path("shape").get(i).asLong();
            }
            long size = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
            if (size * 4 > in.remaining()) {
                throw new UserInputException("checkpoint " + file + " is truncated: tensor " + t.path("name").asText() + " is incomplete");
            }
            float[] values = new float[(int) size];
            in.asFloatBuffer().get(values);
            in.position(in.position() + 4 * values.length);
            tensors.put(t.path("name").asText(), new Tensor(shape, values));
        }
        full.remove("tensors");
        return new Checkpoint(full, tensors);
    }

    private static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
