package objectstore.bench;

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
import objectstore.harness.PhaseResult;
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
import org.jfree.chart.plot.CombinedRangeCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The suite's charts, drawn with JFreeChart as PNG files: throughput per approach (put and get), client CPU per
 * operation, and a sweep's throughput against concurrency or object size. Pure: results in, files out, so it is tested
 * on recorded JSON without a store.
 *
 * <p>Every chart's subtitle names the stores, the machine and the date. An experiment that failed or did not run keeps
 * its row, empty, with FAILED or "not run" beside its name: it never shows as a bar. Chapter 09's large objects have
 * charts of their own ({@link LargeObjectCharts}).
 */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Color PUT = new Color(0x1f77b4);
    private static final Color GET = new Color(0xff7f0e);
    private static final int WIDTH = 1200;

    private Charts() {}

    /** Writes throughput.png and cpu-per-op.png into {@code dir}; returns the files. */
    public static List<Path> write(List<Outcome> outcomes, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path throughput = dir.resolve("throughput.png");
        Path cpu = dir.resolve("cpu-per-op.png");
        bars(
                outcomes,
                "Throughput per approach: each chapter's own loop, PUT and GET",
                "items per second (median round; the label gives the slowest and fastest round)",
                PhaseResult::itemsPerSecond,
                false,
                throughput);
        bars(
                outcomes,
                "Client CPU per operation: each chapter's own loop, PUT and GET",
                "CPU microseconds per operation, client process only (log scale; less is better)",
                PhaseResult::cpuMicrosPerOp,
                true,
                cpu);
        return List.of(throughput, cpu);
    }

    /*
     * Horizontal bars per experiment and operation, S3 and Redis in panels of their own (their rates
     * differ a hundredfold: one axis would flatten the S3 bars). A bar is a chapter's own loop for that
     * operation (the phase named plainly, else its sliding window), and its label names the loop and the
     * requests in flight; failed and skipped experiments are named, not drawn.
     */
    static void bars(
            List<Outcome> outcomes,
            String title,
            String valueAxis,
            ToDoubleFunction<PhaseResult> figure,
            boolean log,
            Path png)
            throws IOException {
        CombinedRangeCategoryPlot combined = new CombinedRangeCategoryPlot(valueAxis(valueAxis, log));
        int rows = 0;
        for (Chapters.Store store : Chapters.Store.values()) {
            List<Outcome> panel = outcomes.stream()
                    .filter(o -> storeOf(o) == store && !Chapters.largeObjects(o.experiment()))
                    .toList();
            if (panel.isEmpty()) {
                continue;
            }
            DefaultCategoryDataset data = new DefaultCategoryDataset();
            List<String> labels = new ArrayList<>();
            for (Outcome o : panel) {
                String category = category(o);
                for (String op : List.of("put_object", "get_object")) {
                    PhaseResult p = ResultsTable.usable(o, op);
                    data.addValue(p == null ? null : figure.applyAsDouble(p), op, category);
                    labels.add(p == null ? "" : label(p, figure));
                }
            }
            BarRenderer renderer = new BarRenderer();
            renderer.setBarPainter(new StandardBarPainter());
            renderer.setShadowVisible(false);
            renderer.setSeriesPaint(0, PUT);
            renderer.setSeriesPaint(1, GET);
            renderer.setItemMargin(0.05);
            if (log) {
                renderer.setBase(1);
            }
            renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
                @Override
                public String generateLabel(org.jfree.data.category.CategoryDataset dataset, int row, int column) {
                    return labels.get(column * 2 + row);
                }
            });
            renderer.setDefaultItemLabelsVisible(true);
            renderer.setDefaultPositiveItemLabelPosition(
                    new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
            renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            CategoryAxis axis = new CategoryAxis(store == Chapters.Store.S3 ? "S3" : "Redis");
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            axis.setMaximumCategoryLabelWidthRatio(0.4f);
            CategoryPlot plot = new CategoryPlot(data, axis, null, renderer);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
            combined.add(plot, panel.size());
            rows += panel.size();
        }
        combined.setOrientation(PlotOrientation.HORIZONTAL);
        combined.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), combined, true);
        subtitle(chart, Facts.of(outcomes));
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, 260 + 70 * Math.max(1, rows));
    }

    private static org.jfree.chart.axis.ValueAxis valueAxis(String label, boolean log) {
        if (log) {
            LogAxis axis = new LogAxis(label);
            axis.setBase(10);
            axis.setSmallestValue(1);
            axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
            axis.setUpperMargin(0.25);
            return axis;
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        axis.setUpperMargin(0.25); // room for the labels
        return axis;
    }

    /** "12,345 (11,900–12,800) · window" for a rate; the figure alone for CPU. */
    private static String label(PhaseResult p, ToDoubleFunction<PhaseResult> figure) {
        DecimalFormat whole = new DecimalFormat("#,##0");
        String loop =
                p.op().contains("(") ? " · " + p.op().substring(p.op().indexOf('(') + 1, p.op().lastIndexOf(')')) : "";
        if (figure.applyAsDouble(p) == p.itemsPerSecond() && p.rounds() > 1) {
            return whole.format(p.itemsPerSecond()) + " (" + whole.format(p.itemsPerSecondMin()) + "–"
                    + whole.format(p.itemsPerSecondMax()) + ")" + loop;
        }
        return whole.format(figure.applyAsDouble(p)) + loop;
    }

    private static Chapters.Store storeOf(Outcome o) {
        return Chapters.find(o.experiment())
                .map(Chapters.Chapter::store)
                .orElse(
                        o.result() != null && o.result().store().product().startsWith("Redis")
                                ? Chapters.Store.REDIS
                                : Chapters.Store.S3);
    }

    /** The file a sweep's chart goes to, e.g. {@code sweep-04-sdk-async-s3-concurrency.png}. */
    public static String sweepFileName(String experiment, String dimension) {
        return "sweep-" + experiment + "-" + dimension + ".png";
    }

    /**
     * A line per operation: items/s (and, for a size sweep, MiB/s) against the swept value, on a log axis; for a rate
     * sweep, latency against the offered load.
     */
    public static List<Path> sweep(String experiment, String dimension, List<ResultsTable.SweepPoint> points, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path items = dir.resolve(sweepFileName(experiment, dimension));
        if (dimension.equals("rate")) {
            latency(experiment, points, items);
            return List.of(items);
        }
        line(experiment, dimension, points, "items per second (median round)", PhaseResult::itemsPerSecond, items);
        written.add(items);
        if (dimension.equals("size")) {
            Path mib = dir.resolve("sweep-" + experiment + "-size-mib.png");
            line(experiment, dimension, points, "MiB per second (median round)", PhaseResult::mibPerSecond, mib);
            written.add(mib);
        }
        return written;
    }

    private static void line(
            String experiment,
            String dimension,
            List<ResultsTable.SweepPoint> points,
            String valueAxis,
            ToDoubleFunction<PhaseResult> figure,
            Path png)
            throws IOException {
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
        LogAxis x = new LogAxis(
                dimension.equals("size") ? "object size, bytes (log scale)" : "operations in flight (log scale)");
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

        String title =
                experiment + ": throughput against " + (dimension.equals("size") ? "object size" : "concurrency");
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        subtitle(
                chart,
                Facts.of(points.stream().map(ResultsTable.SweepPoint::outcome).toList()));
        if (!failed.isEmpty()) {
            chart.addSubtitle(new TextTitle(
                    "FAILED or not run (no point drawn) at " + dimension + " " + String.join(", ", failed),
                    new Font(Font.SANS_SERIF, Font.BOLD, 13)));
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, 700);
    }

    /*
     * Latency against offered load: p50 and p99 from each request's intended start (what a user waits)
     * and p99 of the service time (from the actual start), per operation, on log axes. Where the lines
     * bend upwards, the client (or the store) stopped keeping up with the arrivals.
     */
    private static void latency(String experiment, List<ResultsTable.SweepPoint> points, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String op : List.of("put_object", "get_object")) {
            XYSeries p50 = new XYSeries(op + " p50");
            XYSeries p99 = new XYSeries(op + " p99");
            XYSeries service = new XYSeries(op + " p99, service time");
            for (ResultsTable.SweepPoint point : points) {
                PhaseResult p = ResultsTable.usable(point.outcome(), op);
                if (p != null) {
                    p50.add(point.value(), Math.max(0.01, p.latencyMs().p50()));
                    p99.add(point.value(), Math.max(0.01, p.latencyMs().p99()));
                    if (p.serviceLatencyMs() != null) {
                        service.add(
                                point.value(),
                                Math.max(0.01, p.serviceLatencyMs().p99()));
                    }
                }
            }
            data.addSeries(p50);
            data.addSeries(p99);
            data.addSeries(service);
        }
        LogAxis x = new LogAxis("offered load, requests per second (log scale)");
        x.setBase(10);
        x.setNumberFormatOverride(new DecimalFormat("#,##0"));
        LogAxis y = new LogAxis("latency, ms (from the intended start; log scale)");
        y.setBase(10);
        y.setNumberFormatOverride(new DecimalFormat("#,##0.##"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < 6; i++) {
            renderer.setSeriesPaint(i, i < 3 ? PUT : GET);
            renderer.setSeriesStroke(
                    i,
                    i % 3 == 2
                            ? new BasicStroke(
                                    1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f)
                            : new BasicStroke(i % 3 == 0 ? 1.5f : 3f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(
                experiment + ": latency against offered load (open loop)",
                new Font(Font.SANS_SERIF, Font.BOLD, 18),
                plot,
                true);
        subtitle(
                chart,
                Facts.of(points.stream().map(ResultsTable.SweepPoint::outcome).toList()));
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, 700);
    }

    private static void subtitle(JFreeChart chart, Facts facts) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        chart.addSubtitle(new TextTitle("Stores: " + String.join(" · ", facts.stores()), font));
        chart.addSubtitle(new TextTitle("Machine: " + facts.machine() + "  |  Date: " + facts.date(), font));
        chart.setBackgroundPaint(Color.WHITE);
    }

    /** The experiment, and how many requests it kept in flight. */
    private static String category(Outcome o) {
        String inFlight = o.result() == null
                ? ""
                : ", " + String.format("%,d", o.result().settings().concurrency()) + " in flight";
        return switch (o.status()) {
            case PASSED -> o.experiment() + inFlight;
            case FAILED -> o.experiment() + " (FAILED)";
            case NOT_RUN -> o.experiment() + " (not run)";
        };
    }
}
