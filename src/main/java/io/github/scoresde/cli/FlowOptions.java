package io.github.scoresde.cli;

import ai.djl.ndarray.types.DataType;
import io.github.scoresde.UserInputException;
import io.github.scoresde.sample.ode.DormandPrince45;
import io.github.scoresde.sample.ode.OdeSolver;
import io.github.scoresde.sample.ode.Tolerances;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The probability-flow ODE solver of the flow commands: adaptive Dormand-Prince with its tolerances and precision. */
public final class FlowOptions {
    @Option(names = "--rtol", paramLabel = "R", defaultValue = "1e-5", description = "Relative tolerance of the solver (default 1e-5).")
    double rtol;

    @Option(names = "--atol", paramLabel = "A", defaultValue = "1e-5", description = "Absolute tolerance of the solver (default 1e-5).")
    double atol;

    @Option(names = "--double", description = "Compute in float64, also for a float32 checkpoint, whose weights are widened"
            + " exactly (default float32, which limits accuracy to about 1e-4 relative).")
    boolean float64;

    /** Refuses tolerances that are not positive and finite. */
    void check() {
        if (!(rtol > 0 && Double.isFinite(rtol))) {
            throw new UserInputException("--rtol must be > 0 and finite, got " + rtol);
        }
        if (!(atol > 0 && Double.isFinite(atol))) {
            throw new UserInputException("--atol must be > 0 and finite, got " + atol);
        }
    }

    /** The solver. */
    OdeSolver solver() {
        return new DormandPrince45(Tolerances.of(rtol, atol));
    }

    /** The data type computations run in. */
    DataType type() {
        return float64 ? DataType.FLOAT64 : DataType.FLOAT32;
    }

    /** The settings as summary.json records them. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("solver", "dormand-prince45");
        m.put("rtol", rtol);
        m.put("atol", atol);
        m.put("dtype", float64 ? "float64" : "float32");
        return m;
    }
}
