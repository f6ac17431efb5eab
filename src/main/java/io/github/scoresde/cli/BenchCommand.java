package io.github.scoresde.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scoresde bench}: benchmarks that write their results to files (never timed tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks; results go to CSV, markdown and plots under runs/bench/.",
        subcommands = {BenchSamplersCommand.class, BenchTrainCommand.class, BenchLikelihoodCommand.class, BenchQualityCommand.class,
            CommandLine.HelpCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing benchmark: use 'bench samplers', 'bench train', 'bench likelihood' or 'bench quality'");
    }
}
