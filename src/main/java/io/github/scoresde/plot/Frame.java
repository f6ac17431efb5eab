package io.github.scoresde.plot;

import java.awt.Rectangle;

/** The data area of a chart in pixels and the axes that map data into it. */
record Frame(Rectangle area, Axis x, Axis y) {

    /** Horizontal pixel coordinate of data value {@code v}. */
    double px(double v) {
        return area.x + x.fraction(v) * area.width;
    }

    /** Vertical pixel coordinate of data value {@code v}; larger values are higher up. */
    double py(double v) {
        return area.y + area.height - y.fraction(v) * area.height;
    }
}
