package io.github.scoresde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scoresde.UserInputException;
import io.github.scoresde.train.DdpmObjective;
import io.github.scoresde.train.DenoisingScoreMatching;
import io.github.scoresde.train.SmldObjective;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The objective section: smld, ddpm and importance sampling, validated on load with the key named. */
class ObjectiveConfigTest {
    @Test
    void discreteObjectivesAndImportanceSamplingAreBuilt() {
        TrainConfig smld = ConfigLoader.parse("sde: {name: ve}\nobjective: {name: smld}", "test");
        assertEquals(1000, smld.objective().levels());
        assertInstanceOf(SmldObjective.class, Setup.objective(smld.objective()));
        TrainConfig ddpm = ConfigLoader.parse("objective: {name: ddpm, levels: 500}", "test");
        assertInstanceOf(DdpmObjective.class, Setup.objective(ddpm.objective()));
        TrainConfig is = ConfigLoader.parse("objective: {weighting: likelihood, importance_sampling: true}", "test");
        assertTrue(is.objective().importanceSampling());
        assertInstanceOf(DenoisingScoreMatching.class, Setup.objective(is.objective()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "objective: {name: smld}|sde.name",
        "sde: {name: ve}\\nobjective: {name: ddpm}|sde.name",
        "sde: {name: ve}\\nobjective: {name: smld, levels: 0}|objective.levels",
        "objective: {name: dsm, levels: 10}|objective.levels",
        "objective: {importance_sampling: true}|objective.importance_sampling",
        "objective: {name: edm, importance_sampling: true}|objective.importance_sampling",
        "objective: {name: ncsn}|objective.name"})
    void badObjectivesNameTheKey(String yaml, String key) {
        UserInputException e = assertThrows(UserInputException.class, () -> ConfigLoader.parse(yaml.replace("\\n", "\n"), "test"));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
