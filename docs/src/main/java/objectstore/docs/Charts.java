package objectstore.docs;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeriesCollection;

import objectstore.harness.PhaseResult;

/**
 * The suite's charts, drawn with JFreeChart as PNG files: throughput per approach (put and get), client
 * CPU per operation, and a sweep's throughput against concurrency or object size. Pure: results in,
 * files out, so it is tested on recorded JSON without a store.
 *
 * <p>Every chart's subtitle names the stores, the machine and the date. An experiment that failed or did
 * not run keeps its row, empty, with FAILED or "not run" beside its name: it never shows as a bar.
 */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Color PUT = new Color(0x1f77b4);
    private static final Color GET = new Color(0xff7f0e);
    private static final int WIDTH = 1200;

    private Charts() {
    }

    /** Writes throughput.png and cpu-per-op.png into {@code dir}; returns the files. */
    public static List<Path> write(List<Outcome> outcomes, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path throughput = dir.resolve("throughput.png");
        Path cpu = dir.resolve("cpu-per-op.png");
        bars(outcomes, "Throughput per approach: put_object and get_object", "items per second (median round; more is better)",
                PhaseResult::itemsPerSecond, throughput);
        bars(outcomes, "Client CPU per operation: put_object and get_object", "CPU microseconds per operation, client process only (less is better)",
                PhaseResult::cpuMicrosPerOp, cpu);
        return List.of(throughput, cpu);
    }

    /** A horizontal bar per experiment and operation; failed and skipped experiments are named, not drawn. */
    static void bars(List<Outcome> outcomes, String title, String valueAxis, ToDoubleFunction<PhaseResult> figure, Path png) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Outcome o : outcomes) {
            String category = category(o);
            for (String op : List.of("put_object", "get_object")) {
                PhaseResult p = ResultsTable.usable(o, op);
                data.addValue(p == null ? null : figure.applyAsDouble(p), op, category);
            }
        }
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), new NumberAxis(valueAxis), new BarRenderer());
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, PUT);
        renderer.setSeriesPaint(1, GET);
        renderer.setItemMargin(0.05);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        axis.setUpperMargin(0.15); // room for the labels
        plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        subtitle(chart, Facts.of(outcomes));
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, 220 + 62 * Math.max(1, outcomes.size()));
    }

    /** The file a sweep's chart goes to, e.g. {@code sweep-04-sdk-async-s3-concurrency.png}. */
    public static String sweepFileName(String experiment, String dimension) {
        return "sweep-" + experiment + "-" + dimension + ".png";
    }

    /** A line per operation: items/s (and, for a size sweep, MiB/s) against the swept value, on a log axis. */
    public static List<Path> sweep(String experiment, String dimension, List<ResultsTable.SweepPoint> points, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path items = dir.resolve(sweepFileName(experiment, dimension));
        line(experiment, dimension, points, "items per second (median round)", PhaseResult::itemsPerSecond, items);
        written.add(items);
        if (dimension.equals("size")) {
            Path mib = dir.resolve("sweep-" + experiment + "-size-mib.png");
            line(experiment, dimension, points, "MiB per second (median round)", PhaseResult::mibPerSecond, mib);
            written.add(mib);
        }
        return written;
    }

    private static void line(String experiment, String dimension, List<ResultsTable.SweepPoint> points, String valueAxis,
                             ToDoubleFunction<PhaseResult> figure, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        List<String> failed = new ArrayList<>();
        for (String op : List.of("put_object", "get_object")) {
            XYSeries series = new XYSeries(op);
            for (ResultsTable.SweepPoint point : points) {
                PhaseResult p = ResultsTable.usable(point.outcome(), op);
                if (p != null) {
                    series.add(point.value(), figure.applyAsDouble(p));
                } else if (op.equals("put_object")) {
                    failed.add(point.label());
                }
            }
            data.addSeries(series);
        }
        LogAxis x = new LogAxis(dimension.equals("size") ? "object size, bytes (log scale)" : "operations in flight (log scale)");
        x.setBase(10);
        x.setNumberFormatOverride(new DecimalFormat("#,##0"));
        x.setSmallestValue(1);
        x.setTickUnit(new NumberTickUnit(1.0)); // in log space: a tick at every power of ten
        NumberAxis y = new NumberAxis(valueAxis);
        y.setNumberFormatOverride(new DecimalFormat("#,##0"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, PUT);
        renderer.setSeriesPaint(1, GET);
        renderer.setSeriesStroke(0, new BasicStroke(2.5f));
        renderer.setSeriesStroke(1, new BasicStroke(2.5f));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);

        String title = experiment + ": throughput against " + (dimension.equals("size") ? "object size" : "concurrency");
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        subtitle(chart, Facts.of(points.stream().map(ResultsTable.SweepPoint::outcome).toList()));
        if (!failed.isEmpty()) {
            chart.addSubtitle(new TextTitle("FAILED or not run (no point drawn) at " + dimension + " " + String.join(", ", failed),
                    new Font(Font.SANS_SERIF, Font.BOLD, 13)));
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, 700);
    }

    private static void subtitle(JFreeChart chart, Facts facts) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        chart.addSubtitle(new TextTitle("Stores: " + String.join(" · ", facts.stores()), font));
        chart.addSubtitle(new TextTitle("Machine: " + facts.machine() + "  |  Date: " + facts.date(), font));
        chart.setBackgroundPaint(Color.WHITE);
    }

    private static String category(Outcome o) {
        return switch (o.status()) {
            case PASSED -> o.experiment();
            case FAILED -> o.experiment() + " (FAILED)";
            case NOT_RUN -> o.experiment() + " (not run)";
        };
    }
}
