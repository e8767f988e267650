package dev.splitsim.machine.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@link LineChartData} to a file whose name says the format: {@code .svg} or {@code .png}. */
final class ChartFiles {
    private ChartFiles() {}

    /** Whether {@code file}'s name ends in a format this can write. */
    static boolean supported(Path file) {
        String n = file.getFileName().toString().toLowerCase();
        return n.endsWith(".svg") || n.endsWith(".png");
    }

    /**
     * Writes the chart. The SVG needs nothing of the host; the PNG needs Java 2D with a font, so when
     * it cannot be drawn the reason is returned as one line (null: written).
     */
    static String write(LineChartData d, Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase().endsWith(".svg")) {
            Files.writeString(file, SvgLineChart.of(d), StandardCharsets.UTF_8);
            return null;
        }
        try {
            PngLineChart.write(d, file);
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "cannot draw " + file.getFileName() + " (" + e + ")";
        }
    }
}
