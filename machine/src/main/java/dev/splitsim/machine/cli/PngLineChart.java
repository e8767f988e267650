package dev.splitsim.machine.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/** Draws a {@link LineChartData} with JFreeChart into a PNG, in the colours the SVG uses. */
final class PngLineChart {
    private PngLineChart() {}

    static void write(LineChartData d, Path file) throws IOException {
        // A chart is drawn off screen: no display is needed, or wanted, on a server or in CI.
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (LineChartData.Series s : d.series()) {
            for (int i = 0; i < d.categories().size(); i++) {
                Double v = i < s.values().size() ? s.values().get(i) : null;
                data.addValue(v != null && Double.isFinite(v) ? v : null, s.name(), d.categories().get(i));
            }
        }
        JFreeChart chart = ChartFactory.createLineChart(d.title(), d.xLabel(), d.yLabel(), data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        LineAndShapeRenderer renderer = (LineAndShapeRenderer) plot.getRenderer();
        renderer.setDefaultShapesVisible(true);
        for (int i = 0; i < d.series().size(); i++) {
            renderer.setSeriesPaint(i, Color.decode(LineChartData.colour(i)));
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart, SvgLineChart.WIDTH, SvgLineChart.HEIGHT);
    }
}
