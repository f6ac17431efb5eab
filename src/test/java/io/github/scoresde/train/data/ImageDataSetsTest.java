package io.github.scoresde.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scoresde.UserInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDataSetsTest {
    @TempDir
    Path tmp;

    @Test
    void cacheDirFollowsTheSystemProperty() {
        String before = System.getProperty("scoresde.data");
        try {
            System.setProperty("scoresde.data", tmp.toString());
            assertEquals(tmp, ImageDataSets.cacheDir());
        } finally {
            if (before == null) {
                System.clearProperty("scoresde.data");
            } else {
                System.setProperty("scoresde.data", before);
            }
        }
    }

    @Test
    void setNotFetchedSaysHowToFetchIt() {
        UserInputException e = assertThrows(UserInputException.class, () -> ImageDataSets.load("mnist", tmp));
        assertEquals("mnist is not in " + tmp + ": run `scoresde data fetch mnist` first", e.getMessage());
    }

    @Test
    void loadsAFetchedSetWithItsClassNames() {
        Path dir = tmp.resolve("fashion-mnist");
        Fixture.copy(Fixture.IMAGES, dir, "train-images-idx3-ubyte.gz");
        Fixture.copy(Fixture.LABELS, dir, "train-labels-idx1-ubyte.gz");
        ImageData data = ImageDataSets.load("fashion-mnist", tmp);
        assertEquals(256, data.size());
        assertEquals("Trouser", data.classNames().get(data.labels().orElseThrow()[0]), "fixture label 1");
        UserInputException e = assertThrows(UserInputException.class, () -> ImageDataSets.load("fashion-mnist:test", tmp));
        assertTrue(e.getMessage().startsWith("fashion-mnist is not in"), e.getMessage());
    }

    @Test
    void unknownNamesAndSplitsAreRefused() {
        UserInputException e = assertThrows(UserInputException.class, () -> ImageDataSets.load("cifar10", tmp));
        assertTrue(e.getMessage().startsWith("unknown image data 'cifar10': use mnist, fashion-mnist"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> ImageDataSets.load("mnist:val", tmp));
        assertTrue(e.getMessage().startsWith("unknown split 'val'"), e.getMessage());
    }

    @Test
    void imageNamesAreTold() {
        assertTrue(ImageDataSets.isImageName("mnist"));
        assertTrue(ImageDataSets.isImageName("mnist:test"));
        assertTrue(ImageDataSets.isImageName("fashion-mnist"));
        assertTrue(ImageDataSets.isImageName(tmp.toString()), "an existing folder");
        for (String toy : new String[] {"gmm8", "grid25", "aniso16", "moons", "swissroll", "checkerboard", "rings", "mix.json"}) {
            assertFalse(ImageDataSets.isImageName(toy), toy);
        }
    }
}
