package io.github.scoresde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every config in configs/ loads, and its name says what it trains: {@code <data>-<sde>.yaml}. */
class ShippedConfigsTest {
    @Test
    void everyShippedConfigLoadsAndIsNamedByItsDataAndSde() throws IOException {
        List<Path> configs;
        try (Stream<Path> files = Files.list(Path.of("configs"))) {
            configs = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<String> names = configs.stream().map(p -> p.getFileName().toString()).toList();
        for (String required : List.of("gmm8-ve", "gmm8-vp", "gmm8-subvp", "gmm8-edm", "moons-vp", "mnist-vp", "mnist-ve")) {
            assertTrue(names.contains(required + ".yaml"), required + " is missing from configs/");
        }
        for (Path file : configs) {
            TrainConfig c = ConfigLoader.load(file);
            assertEquals(c.data() + "-" + c.sde().name() + ".yaml", file.getFileName().toString());
            Setup.sde(c.sde());
            Setup.objective(c.objective());
        }
    }
}
