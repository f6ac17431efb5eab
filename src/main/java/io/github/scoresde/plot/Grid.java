package io.github.scoresde.plot;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Lays out rendered panels row by row in a grid, each under its caption, e.g. one scatter plot per
 * SDE side by side. Cells are as large as the largest panel; smaller panels sit at the top,
 * centred horizontally.
 */
public final class Grid {
    private static final int GAP = 10;

    private Grid() {}

    /**
     * One image holding the panels in a grid.
     *
     * @param panels at least one image
     * @param captions one per panel, drawn above it; empty for none
     * @param columns panels per row, at least 1 (fewer are used when there are fewer panels)
     * @throws IllegalArgumentException if the lists are empty, differ in size or hold nulls
     */
    public static BufferedImage of(List<BufferedImage> panels, List<String> captions, int columns) {
        if (panels == null || panels.isEmpty()) {
            throw new IllegalArgumentException("at least one panel is needed");
        }
        if (captions == null || captions.size() != panels.size()) {
            throw new IllegalArgumentException("there are " + panels.size() + " panels but "
                    + (captions == null ? "no" : String.valueOf(captions.size())) + " captions");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1 but was " + columns);
        }
        // List.of(...).contains(null) would throw, so test element by element.
        if (panels.stream().anyMatch(Objects::isNull) || captions.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("panels and captions must not contain null");
        }
        int cols = Math.min(columns, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        int cellW = panels.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
        int cellH = panels.stream().mapToInt(BufferedImage::getHeight).max().orElseThrow();

        Graphics2D probe = Chart.begin(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));
        int captionH = probe.getFontMetrics(Chart.TITLE).getHeight() + 4;
        probe.dispose();

        BufferedImage out = new BufferedImage(cols * (cellW + GAP) + GAP,
                rows * (captionH + cellH + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Chart.begin(out);
        try {
            g.setFont(Chart.TITLE);
            g.setColor(Chart.TEXT);
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i < panels.size(); i++) {
                int x0 = GAP + (i % cols) * (cellW + GAP);
                int y0 = GAP + (i / cols) * (captionH + cellH + GAP);
                String caption = Chart.ellipsize(captions.get(i), fm, cellW);
                g.drawString(caption, x0 + (cellW - fm.stringWidth(caption)) / 2, y0 + fm.getAscent());
                BufferedImage p = panels.get(i);
                g.drawImage(p, x0 + (cellW - p.getWidth()) / 2, y0 + captionH, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** {@link #of} written as PNG, creating parent directories. */
    public static void write(List<BufferedImage> panels, List<String> captions, int columns, Path png)
            throws IOException {
        Chart.writePng(of(panels, captions, columns), png);
    }
}
