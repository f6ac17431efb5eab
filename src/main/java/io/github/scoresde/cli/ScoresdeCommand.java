package io.github.scoresde.cli;

import io.github.scoresde.UserInputException;
import io.github.scoresde.sample.CorrectorKind;
import io.github.scoresde.sample.Langevin;
import io.github.scoresde.sample.PredictorKind;
import io.github.scoresde.sample.SamplerKind;
import io.github.scoresde.sample.ScheduleKind;
import io.github.scoresde.sample.ode.ErrorNorm;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code scoresde} command: subcommands for training, sampling, likelihoods, inverse problems, evaluation, data,
 * benchmarks and the demo. Bad input
 * ends with one line on stderr and exit code 2; other failures with exit code 1, and a stack
 * trace only under {@code --verbose}.
 */
@Command(name = "scoresde", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = "Score-based generative modeling with stochastic differential equations.",
        subcommands = {
            TrainCommand.class,
            SampleCommand.class,
            GenerateCommand.class,
            InpaintCommand.class,
            LikelihoodCommand.class,
            EncodeCommand.class,
            DecodeCommand.class,
            InterpolateCommand.class,
            SuperresCommand.class,
            DeblurCommand.class,
            ColorizeCommand.class,
            EvalCommand.class,
            ClassifierCommand.class,
            DataCommand.class,
            BenchCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class})
public final class ScoresdeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use train, sample, generate, inpaint, likelihood, encode, decode, interpolate, superres, deblur, colorize, eval, classifier, data, bench or demo");
    }

    /** Runs with the process's stdout and stderr. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs with the given writers; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new ScoresdeCommand());
        cl.addSubcommand("train-classifier", new ClassifierCommand.Train());
        cl.registerConverter(SamplerKind.class, new NameConverter<>(SamplerKind.values(), "sampler"));
        cl.registerConverter(ScheduleKind.class, new NameConverter<>(ScheduleKind.values(), "schedule"));
        cl.registerConverter(PredictorKind.class, new NameConverter<>(PredictorKind.values(), "predictor"));
        cl.registerConverter(CorrectorKind.class, new NameConverter<>(CorrectorKind.values(), "corrector"));
        cl.registerConverter(SuperresMethod.class, new NameConverter<>(SuperresMethod.values(), "method"));
        cl.registerConverter(SdeChoice.class, new NameConverter<>(SdeChoice.values(), "SDE"));
        cl.registerConverter(EstimatorChoice.class, new NameConverter<>(EstimatorChoice.values(), "estimator"));
        cl.registerConverter(Langevin.Norm.class, new NameConverter<>(Langevin.Norm.values(), "norm"));
        cl.registerConverter(ErrorNorm.class, new NameConverter<>(ErrorNorm.values(), "error norm"));
        cl.setOverwrittenOptionsAllowed(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args1) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage() + " (see " + c.getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || (parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose"));
            PrintWriter e = commandLine.getErr();
            if (ex instanceof UserInputException) {
                e.println("error: " + ex.getMessage());
                if (verbose) {
                    ex.printStackTrace(e);
                }
                return 2;
            }
            // Failures the library reports on purpose (a solver out of budget, a NaN loss) carry a
            // full sentence; anything else is shown with its type.
            String what = ex instanceof IllegalStateException ? ex.getMessage() : ex.toString();
            e.println("error: " + what + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) {
                ex.printStackTrace(e);
            }
            return 1;
        });
        return cl.execute(args);
    }
}
