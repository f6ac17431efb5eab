package io.github.scoresde.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PixelScalingTest {
    private static final PixelScaling S = PixelScaling.SYMMETRIC;

    @Test
    void everyPixelValueRoundTripsExactly() {
        for (int p = 0; p < 256; p++) {
            assertEquals(p, S.toPixel(S.toData(p)));
            assertEquals(p, S.toPixel((float) S.toData(p)), "through float32, as batches carry it");
        }
    }

    @Test
    void mapsOntoMinusOneToOne() {
        assertEquals(-1.0, S.toData(0));
        assertEquals(1.0, S.toData(255));
        for (int p = 0; p < 256; p++) {
            double x = S.toData(p);
            assertTrue(x >= -1 && x <= 1, "pixel " + p + " -> " + x);
        }
    }

    @Test
    void toPixelClampsAndRounds() {
        assertEquals(0, S.toPixel(-3));
        assertEquals(255, S.toPixel(7));
        assertEquals(128, S.toPixel(S.toData(128) + 0.4 * 2 / 255), "0.4 of a step above 128 rounds back");
        assertEquals(129, S.toPixel(S.toData(128) + 0.6 * 2 / 255), "0.6 of a step above 128 rounds up");
    }

    @Test
    void jsonRoundTrip() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(new PixelScaling(0, 1));
        assertEquals("{\"low\":0.0,\"high\":1.0}", text);
        assertEquals(new PixelScaling(0, 1), json.readValue(text, PixelScaling.class));
    }

    @Test
    void emptyRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PixelScaling(1, 1));
    }
}
