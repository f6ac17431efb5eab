package io.github.scoresde.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One axis of a chart: its data range, whether it is log10, and its tick marks. Positions are given
 * as fractions of the axis length, so the same axis serves horizontal and vertical use.
 */
final class Axis {
    /** A labelled major tick. */
    record Tick(double value, String label) {}

    private static final double[] NICE_STEPS = {1, 2, 2.5, 5, 10};
    private static final char[] SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹".toCharArray();

    private final double lo;
    private final double hi;
    private final boolean log;
    private final List<Tick> major;
    private final double[] minor;

    private Axis(double lo, double hi, boolean log, List<Tick> major, double[] minor) {
        this.lo = lo;
        this.hi = hi;
        this.log = log;
        this.major = List.copyOf(major);
        this.minor = minor;
    }

    /**
     * A linear axis over [lo, hi] ({@code lo < hi}) with "nice" ticks, 1, 2, 2.5 or 5 times a power of ten
     * (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990), at least
     * {@code minSpacingPx} apart.
     */
    static Axis linear(double lo, double hi, double lengthPx, double minSpacingPx) {
        return new Axis(lo, hi, false, linearTicks(lo, hi, lengthPx, minSpacingPx), new double[0]);
    }

    /**
     * A log10 axis over [lo, hi] ({@code 0 < lo < hi}). Major ticks sit at powers of ten (every k-th when
     * there are too many), with minor ticks at 2..9 times them. When fewer than three powers of ten
     * fall inside, it labels 1-2-5 values if that gives more ticks, and with fewer than two ticks it
     * falls back to linear nice values.
     */
    static Axis log10(double lo, double hi, double lengthPx, double minSpacingPx) {
        double llo = Math.log10(lo);
        double lhi = Math.log10(hi);
        int first = (int) Math.ceil(llo - 1e-9);
        int last = (int) Math.floor(lhi + 1e-9);
        double pxPerDecade = lengthPx / (lhi - llo);
        List<Tick> major = new ArrayList<>();
        if (last > first) {
            int every = (int) Math.max(1, Math.ceil(minSpacingPx / pxPerDecade));
            for (int e = first; e <= last; e++) {
                if (Math.floorMod(e, every) == 0) {
                    major.add(new Tick(Math.pow(10, e), powerOfTenLabel(e)));
                }
            }
        }
        if (major.size() < 3) {
            // Under three decades, plain 1-2-5 labels (0.01, 0.02, 0.05) read better and say more.
            List<Tick> oneTwoFive = oneTwoFiveTicks(lo, hi, llo, lhi, lengthPx, minSpacingPx);
            if (oneTwoFive.size() > major.size()) {
                major = oneTwoFive;
            }
        }
        if (major.size() < 2) {
            major = linearTicks(lo, hi, lengthPx, minSpacingPx);
        }
        // Minor ticks only while they stay at least 3 px apart (the 9-10 gap is the narrowest).
        List<Double> minor = new ArrayList<>();
        if (pxPerDecade * (1 - Math.log10(9)) >= 3) {
            for (int e = (int) Math.floor(llo); e <= (int) Math.ceil(lhi); e++) {
                for (int m = 1; m <= 9; m++) {
                    double v = m * Math.pow(10, e);
                    if (v >= lo && v <= hi) {
                        minor.add(v);
                    }
                }
            }
        }
        return new Axis(lo, hi, true, major, minor.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Data range [min, max] widened by {@code fraction} of its span on each side, or by a unit-ish
     * amount when the span is zero.
     */
    static double[] padLinear(double min, double max, double fraction) {
        double span = max - min;
        if (span <= 0) {
            double half = min == 0 ? 1 : Math.abs(min) * 0.1;
            return new double[] {min - half, max + half};
        }
        return new double[] {min - fraction * span, max + fraction * span};
    }

    /** Like {@link #padLinear} in log10 space: positive range widened multiplicatively. */
    static double[] padLog(double min, double max, double fraction) {
        double llo = Math.log10(min);
        double lhi = Math.log10(max);
        double span = lhi - llo;
        if (span <= 0) {
            return new double[] {min / Math.sqrt(10), max * Math.sqrt(10)};
        }
        return new double[] {Math.pow(10, llo - fraction * span), Math.pow(10, lhi + fraction * span)};
    }

    double lo() {
        return lo;
    }

    double hi() {
        return hi;
    }

    boolean log() {
        return log;
    }

    List<Tick> major() {
        return major;
    }

    double[] minor() {
        return minor.clone();
    }

    /** Position of {@code v} along the axis: 0 at {@code lo}, 1 at {@code hi}. */
    double fraction(double v) {
        if (log) {
            return (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
        }
        return (v - lo) / (hi - lo);
    }

    /** Whether {@code v} can be placed on this axis (finite, and positive on a log axis). */
    boolean accepts(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static List<Tick> linearTicks(double lo, double hi, double lengthPx, double minSpacingPx) {
        double maxTicks = Math.max(2, lengthPx / minSpacingPx);
        double rough = (hi - lo) / maxTicks;
        double mag = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = mag * 10;
        for (double s : NICE_STEPS) {
            if (s * mag >= rough) {
                step = s * mag;
                break;
            }
        }
        List<Tick> ticks = new ArrayList<>();
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        for (long k = first; k <= last; k++) {
            double v = k * step;
            ticks.add(new Tick(v, format(v, step)));
        }
        return ticks;
    }

    private static List<Tick> oneTwoFiveTicks(
            double lo, double hi, double llo, double lhi, double lengthPx, double minSpacingPx) {
        List<Tick> ticks = new ArrayList<>();
        double lastPx = Double.NEGATIVE_INFINITY;
        for (int e = (int) Math.floor(llo); e <= (int) Math.ceil(lhi); e++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = m * Math.pow(10, e);
                double px = (Math.log10(v) - llo) / (lhi - llo) * lengthPx;
                if (v >= lo && v <= hi && px - lastPx >= minSpacingPx) {
                    ticks.add(new Tick(v, format(v, Math.pow(10, e))));
                    lastPx = px;
                }
            }
        }
        return ticks;
    }

    /** "10" followed by a superscript exponent, e.g. 10⁻³. */
    static String powerOfTenLabel(int exponent) {
        StringBuilder sb = new StringBuilder("10");
        if (exponent < 0) {
            sb.append('⁻');
        }
        for (char c : Integer.toString(Math.abs(exponent)).toCharArray()) {
            sb.append(SUPERSCRIPT_DIGITS[c - '0']);
        }
        return sb.toString();
    }

    /**
     * Label for a tick value on a grid of the given step: as many decimals as the step needs, plain
     * notation unless the value reaches 1e6 or the step is below 1e-4, then compact scientific
     * (1.5e6, 2e-5).
     */
    static String format(double v, double step) {
        // k * step can leave 1e-17 instead of 0, which would print as "-0.0" or "1e-17".
        double value = Math.abs(v) < step * 1e-6 ? 0 : v;
        double abs = Math.abs(value);
        if (abs >= 1e6 || step < 1e-4) {
            if (value == 0) {
                return "0";
            }
            return String.format(Locale.ROOT, "%.3g", value).replaceAll("\\.?0+e", "e")
                    .replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
        // Steps like 2.5 x 10^k need one more digit than the power alone.
        if (Math.abs(step / Math.pow(10, -decimals) - Math.rint(step / Math.pow(10, -decimals))) > 1e-6) {
            decimals++;
        }
        // Same decimals on every tick of an axis, as in 0.0, 0.5, 1.0.
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }
}
