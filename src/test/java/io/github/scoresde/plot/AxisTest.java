package io.github.scoresde.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTest {

    private static List<String> labels(Axis a) {
        return a.major().stream().map(Axis.Tick::label).toList();
    }

    @Test
    void linearTicksAreNiceAndEquallyFormatted() {
        // 500 px at >= 80 px per tick: at most 6.25 ticks, so step 0.16 rounds up to 0.2.
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"), labels(Axis.linear(0, 1, 500, 80)));
        // Step 2.5 needs one decimal more than its power of ten.
        assertEquals(List.of("0.0", "2.5", "5.0", "7.5", "10.0"), labels(Axis.linear(0, 10, 320, 80)));
        assertEquals(List.of("-4", "-2", "0", "2", "4"), labels(Axis.linear(-4.9, 4.9, 500, 80)));
    }

    @Test
    void formatAvoidsNegativeZeroAndUsesCompactScientific() {
        assertEquals("0.0", Axis.format(-1e-17, 0.1));
        assertEquals("1.5e6", Axis.format(1.5e6, 5e5));
        assertEquals("2e-5", Axis.format(2e-5, 1e-5));
        assertEquals("10⁻³", Axis.powerOfTenLabel(-3));
        assertEquals("10¹²", Axis.powerOfTenLabel(12));
    }

    @Test
    void logAxisHasPowersOfTenAndMinorTicks() {
        Axis a = Axis.log10(1e-3, 1e3, 600, 40);
        assertEquals(List.of("10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹", "10²", "10³"), labels(a));
        assertEquals(0.5, a.fraction(1), 1e-12); // 1 is half way in log space; rounding only
        // 2..9 times each power of ten from 1e-3 to 1e2, plus 1e3 itself: 9 * 6 + 1.
        assertEquals(55, a.minor().length);
    }

    @Test
    void logAxisOverManyDecadesLabelsEveryKthAndDropsMinorTicks() {
        // 60 decades on 300 px is 5 px per decade: a label every 8 decades keeps them 40 px apart.
        Axis a = Axis.log10(1e-30, 1e30, 300, 40);
        assertEquals(List.of("10⁻²⁴", "10⁻¹⁶", "10⁻⁸", "10⁰", "10⁸", "10¹⁶", "10²⁴"), labels(a));
        assertEquals(0, a.minor().length);
    }

    @Test
    void narrowLogAxisFallsBackToReadableTicks() {
        // Only two powers of ten inside: plain 1-2-5 labels instead.
        assertEquals(List.of("0.01", "0.02", "0.05", "0.1", "0.2"), labels(Axis.log10(0.006, 0.25, 490, 40)));
        // Within a factor 1.2 no 1-2-5 value fits twice: linear nice values instead.
        List<String> narrow = labels(Axis.log10(1.1, 1.3, 500, 40));
        assertTrue(narrow.size() >= 2 && narrow.contains("1.20"), narrow.toString());
    }
}
