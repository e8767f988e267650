package dev.splitsim.machine.cli;

import java.util.List;

/**
 * What a sweep's plot shows, whichever format draws it: one line per series over the same
 * categories (the values of the swept X key, in the order they were listed). A missing value
 * (a failed point) is null and leaves a gap.
 */
record LineChartData(String title, String xLabel, String yLabel, List<String> categories, List<Series> series) {
    record Series(String name, List<Double> values) {}

    /** The colour of series {@code i}, the same in every format; distinct for the first eight. */
    static String colour(int i) {
        String[] palette = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};
        return palette[i % palette.length];
    }
}
