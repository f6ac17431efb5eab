package io.github.scoresde.cli;

/** Entry point of the {@code scoresde} command. */
public final class Main {
    private Main() {}

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(ScoresdeCommand.run(args));
    }
}
