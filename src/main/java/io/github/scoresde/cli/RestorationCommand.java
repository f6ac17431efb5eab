package io.github.scoresde.cli;

import ai.djl.ndarray.types.Shape;
import io.github.scoresde.condition.linear.LinearMeasurement;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What {@code superres}, {@code deblur} and {@code colorize} share: the model, the restoration
 * options and the run; each names only its degradation H.
 */
abstract class RestorationCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    RestorationOptions options;

    /** The command's name, also its picture's. */
    abstract String task();

    /**
     * H for images of a shape; an IllegalArgumentException when it does not fit them.
     *
     * @throws io.github.scoresde.UserInputException for a bad option of the command
     */
    abstract LinearMeasurement degradation(Shape image);

    /** The degradation's short name in captions. */
    abstract String label();

    /** The degradation's parameters for metrics.json. */
    abstract Map<String, Object> describe();

    /** How to fix a degradation that does not fit the model's images. */
    abstract String fix();

    @Override
    public final Integer call() {
        ModelTarget t = modelOptions.resolve();
        run.applyThreads();
        return RestorationRun.run(task(), t, options, this::degradation, label(), describe(), fix(), spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
