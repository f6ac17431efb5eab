package io.github.scoresde.cli;

import picocli.CommandLine.IVersionProvider;

/** Versions of scoresde and its engine, for {@code --version} and provenance records. */
public final class Versions implements IVersionProvider {
    /** This library's version, from the jar manifest when packaged. */
    public static String scoresde() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The DJL version on the class path. */
    public static String djl() {
        return ai.djl.engine.Engine.getDjlVersion();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"scoresde " + scoresde() + " (DJL " + djl() + ", PyTorch engine)"};
    }
}
