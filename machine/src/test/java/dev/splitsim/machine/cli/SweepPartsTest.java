package dev.splitsim.machine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The pieces of a sweep that need no machine: the plan, the table's quoting, the SVG chart. */
final class SweepPartsTest {
    @Test
    void thePlanIsTheCrossProductWithTheFirstKeySlowest() {
        SweepPlan plan = new SweepPlan(List.of("cpu.cores=1,2", "excache.ways=64", "excache.policy=lru, fifo,clock"));
        assertThat(plan.fixed()).containsExactly("excache.ways=64");
        assertThat(plan.axes()).extracting(SweepPlan.Axis::key).containsExactly("cpu.cores", "excache.policy");
        List<Map<String, String>> points = plan.points();
        assertThat(points).hasSize(6);
        assertThat(points.get(0)).containsExactly(Map.entry("cpu.cores", "1"), Map.entry("excache.policy", "lru"));
        assertThat(points.get(2)).containsEntry("excache.policy", "clock");
        assertThat(points.get(3)).containsEntry("cpu.cores", "2").containsEntry("excache.policy", "lru");
        assertThat(new SweepPlan(List.of("excache.ways=64")).points()).containsExactly(Map.of());
        assertThatThrownBy(() -> new SweepPlan(List.of("cpu.cores=1,1"))).isInstanceOf(UserError.class)
                .hasMessageContaining("listed twice");
    }

    @Test
    void csvFieldsAreQuotedOnlyWhenTheyMustBe() {
        assertThat(SweepTable.csvLine(Arrays.asList("a", "b,c", "say \"hi\"", null, "two\nlines")))
                .isEqualTo("a,\"b,c\",\"say \"\"hi\"\"\",,\"two\nlines\"\n");
    }

    @Test
    void theSvgChartIsWellFormedWithGapsAndEscapedText() throws Exception {
        LineChartData d = new LineChartData("y <by> x & more", "x", "y", List.of("a", "b", "c", "d"), List.of(
                new LineChartData.Series("k=1", List.of(1.0, 2.0, 3.0, 4.0)),
                new LineChartData.Series("k=2", Arrays.asList(2.0, null, 5.0, 6.0))));
        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(SvgLineChart.of(d).getBytes(StandardCharsets.UTF_8)));
        Element root = svg.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getAttribute("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
        // The first series is one line; the second breaks at its gap: a lone dot, then a line of two.
        assertThat(svg.getElementsByTagName("polyline").getLength()).isEqualTo(2);
        assertThat(svg.getElementsByTagName("circle").getLength()).isEqualTo(7);
        assertThat(root.getTextContent()).contains("y <by> x & more", "k=1", "k=2", "a", "d");
    }

    private static List<String> labels(double[] ticks) {
        return Arrays.stream(ticks).mapToObj(SvgLineChart::tickLabel).toList();
    }

    @Test
    void ticksAreRoundAndCoverTheValues() {
        assertThat(labels(SvgLineChart.ticks(0, 0.35))).containsExactly("0", "0.1", "0.2", "0.3", "0.4");
        assertThat(labels(SvgLineChart.ticks(0.0021, 0.0049))).containsExactly("0.002", "0.0025", "0.003", "0.0035",
                "0.004", "0.0045", "0.005");
        assertThat(labels(SvgLineChart.ticks(0, 1700))).containsExactly("0", "500", "1000", "1500", "2000");
        assertThat(SvgLineChart.tickLabel(0.15000000000000002)).isEqualTo("0.15");
        assertThat(SvgLineChart.tickLabel(2.5e9)).isEqualTo("2.50e+09");
        assertThat(SvgLineChart.valueRange(new LineChartData("t", "x", "y", List.of("a"),
                List.of(new LineChartData.Series("s", List.of(5.0)))))).containsExactly(0, 5);
    }
}
