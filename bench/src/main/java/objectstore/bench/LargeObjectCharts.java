package objectstore.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Chapter 09's charts, from a size sweep: throughput, and peak memory, against the object size, a line per client, PUT
 * above and GET below. A client that failed at a size has no point there.
 */
final class LargeObjectCharts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int WIDTH = 1200;

    private LargeObjectCharts() {}

    static String throughputFile(String experiment) {
        return "sweep-" + experiment + "-size.png";
    }

    static String memoryFile(String experiment) {
        return "sweep-" + experiment + "-memory.png";
    }

    /** Writes both charts into {@code dir}; returns them. */
    static List<Path> write(String experiment, LargeObjectSweep.Record record, Path dir) throws IOException {
        Path throughput = dir.resolve(throughputFile(experiment));
        Path memory = dir.resolve(memoryFile(experiment));
        chart(
                experiment + ": throughput against object size, per client",
                "MiB per second (median round)",
                record,
                r -> r.mibPerSecond(),
                throughput);
        chart(
                experiment + ": peak memory against object size, per client",
                "MiB resident over the JVM's baseline (its peak)",
                record,
                r -> r.peakMemoryBytes() == null ? null : r.peakMemoryBytes() / (double) (1 << 20),
                memory);
        return List.of(throughput, memory);
    }

    private static void chart(
            String title,
            String valueAxis,
            LargeObjectSweep.Record record,
            Function<LargeObjectSweep.Row, Double> figure,
            Path png)
            throws IOException {
        LogAxis sizes = new LogAxis("object size, MiB (log scale)");
        sizes.setBase(2);
        sizes.setNumberFormatOverride(new DecimalFormat("#,##0.##"));
        sizes.setTickUnit(new NumberTickUnit(2.0)); // in log space: a tick at every fourth power of two
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(sizes);
        for (String op : List.of("put_object", "get_object")) {
            Map<String, XYSeries> lines = new LinkedHashMap<>();
            for (LargeObjectSweep.Row row : record.rows()) {
                if (!row.op().startsWith(op)) {
                    continue;
                }
                String client = row.op().substring(op.length()).strip().replaceAll("^\\(|\\)$", "");
                XYSeries line = lines.computeIfAbsent(client, XYSeries::new);
                Double value = figure.apply(row);
                if (value != null) {
                    line.add(row.size() / (double) (1 << 20), value);
                }
            }
            XYSeriesCollection data = new XYSeriesCollection();
            lines.values().forEach(data::addSeries);
            NumberAxis values = new NumberAxis((op.equals("put_object") ? "PUT: " : "GET: ") + valueAxis);
            values.setNumberFormatOverride(new DecimalFormat("#,##0"));
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            for (int i = 0; i < lines.size(); i++) {
                renderer.setSeriesStroke(i, new BasicStroke(2.5f));
            }
            XYPlot plot = new XYPlot(data, null, values, renderer);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
            plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
            combined.add(plot, 1);
        }
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), combined, true);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        chart.addSubtitle(new TextTitle("Stores: " + String.join(" · ", record.stores()), font));
        chart.addSubtitle(new TextTitle("Machine: " + record.machine() + "  |  Date: " + record.date(), font));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, 900);
    }
}
