package io.github.scoresde.sample;

/** The time grids by command-line name. */
public enum ScheduleKind {
    /** {@link KarrasSchedule} with rho = 7. */
    KARRAS("karras") {
        @Override
        public Schedule build(int steps, double eps) {
            return new KarrasSchedule(steps, KarrasSchedule.RHO, eps);
        }
    },
    /** {@link UniformTime}. */
    UNIFORM("uniform") {
        @Override
        public Schedule build(int steps, double eps) {
            return new UniformTime(steps, eps);
        }
    },
    /** {@link LogSnrSchedule}. */
    LOGSNR("logsnr") {
        @Override
        public Schedule build(int steps, double eps) {
            return new LogSnrSchedule(steps, eps);
        }
    };

    private final String cliName;

    ScheduleKind(String cliName) {
        this.cliName = cliName;
    }

    /** The N-point grid ending at {@code eps} (NaN: the SDE's default). */
    public abstract Schedule build(int steps, double eps);

    @Override
    public String toString() {
        return cliName;
    }
}
